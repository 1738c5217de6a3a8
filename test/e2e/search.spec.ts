// Search: facets narrow results; an exact alert name puts its runbook first.
import { expect, test } from '@playwright/test';

async function openSearch(page: import('@playwright/test').Page, term: string) {
  await page.goto('/');
  await page
    .getByRole('button', { name: /search/i })
    .first()
    .click();
  await page.getByRole('dialog').getByRole('textbox').fill(term);
  await expect(page.locator('.pagefind-ui__result-link').first()).toBeVisible();
}

test('the severity filter narrows the results', async ({ page }) => {
  await openSearch(page, 'tickets');
  const results = page.locator('.pagefind-ui__result-link');
  const before = await results.count();
  const filters = page.locator('.pagefind-ui__filter-panel');
  await expect(filters).toContainText('Severity');
  await filters.getByText('Severity', { exact: true }).click();
  await filters.getByLabel(/^medium/i).check();
  await expect.poll(() => results.count()).toBeLessThan(before);
  // Every result left is a medium-severity runbook (according to the registry).
  const registry = (await (await page.request.get('/registry.json')).json()) as { runbooks: { url: string; severity: string }[] };
  const medium = new Set(registry.runbooks.filter((runbook) => runbook.severity === 'medium').map((runbook) => runbook.url));
  const hrefs = await results.evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
  expect(hrefs.length).toBeGreaterThan(0);
  for (const href of hrefs) expect(medium).toContain(href);
});

test('an exact alert name ranks its runbook first', async ({ page }) => {
  for (const [alert, slug] of [
    ['PodCrashLooping', 'pod-crash-loop'],
    ['LatencyP95Breaching', 'latency-breach'],
  ]) {
    await openSearch(page, alert);
    await expect(page.locator('.pagefind-ui__result-link').first()).toHaveAttribute('href', new RegExp(slug));
  }
});
