// The registry the site serves is the registry the CLI prints: one model, two views.
import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';

test('GET /registry.json equals `runbook registry`', async ({ request }) => {
  const served = await request.get('/registry.json');
  expect(served.ok()).toBe(true);
  const printed = execFileSync(process.execPath, ['scripts/runbook.js', 'registry'], { encoding: 'utf8' });
  expect(await served.text()).toBe(printed);
});

test('the JSON Schemas and the search index are published', async ({ request }) => {
  for (const path of ['/schema/runbook.json', '/schema/registry.json']) {
    const response = await request.get(path);
    expect(response.ok()).toBe(true);
    expect((await response.json()).$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  }
  expect((await request.get('/pagefind/pagefind.js')).ok()).toBe(true);
});
