// Eager JavaScript of a runbook page: every script the page loads without any interaction
// (module files and inline scripts), gzip-compressed. Budget: 12 KiB.
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';

test('a runbook page loads at most 12 KiB of JavaScript (gzip) until the reader interacts', async ({ page }) => {
  const scripts = new Map<string, number>();
  page.on('response', async (response) => {
    if (response.request().resourceType() !== 'script') return;
    scripts.set(response.url(), gzipSync(await response.body()).length);
  });
  await page.goto('/runbooks/tickets/pod-crash-loop/', { waitUntil: 'networkidle' });
  await page.waitForTimeout(1500); // idle callbacks (Starlight loads some things at idle)
  const inline = await page.evaluate(() => [...document.querySelectorAll('script:not([src])')].map((script) => script.textContent ?? '').join('\n'));
  const inlineGzip = gzipSync(inline).length;
  const total = [...scripts.values()].reduce((sum, size) => sum + size, 0) + inlineGzip;
  console.log(
    `eager JS: ${(total / 1024).toFixed(1)} KiB gzip (${scripts.size} files: ${[...scripts].map(([url, size]) => `${new URL(url).pathname.split('/').pop()} ${size} B`).join(', ')}; inline ${inlineGzip} B)`,
  );
  expect([...scripts.keys()].some((url) => url.includes('ui-core'))).toBe(false);
  expect(total).toBeLessThanOrEqual(12 * 1024);

  // Opening search loads the search UI, and what was typed while it loaded is searched.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('PodCrash');
  await expect(page.locator('.pagefind-ui__result-link').first()).toHaveAttribute('href', /pod-crash-loop/);
  await expect(page.getByRole('dialog').getByRole('textbox')).toHaveValue('PodCrash');
});
