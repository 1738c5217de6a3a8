// Accessibility (axe-core) of the pages an on-call engineer uses, and screenshots in both themes.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

for (const path of ['/runbooks/tickets/pod-crash-loop/', '/runbooks/', '/alerts/']) {
  test(`no serious or critical axe violations on ${path}`, async ({ page }) => {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(serious.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`)).toEqual([]);
  });
}

for (const scheme of ['light', 'dark'] as const) {
  test(`runbook page with a filled form, ${scheme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/runbooks/tickets/pod-crash-loop/?pod-name=backend-7d9f8c6b5-x2k4q');
    await expect(page.locator('.rb-filled').first()).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/runbook-filled-${scheme}.png`, fullPage: true });
  });
}

test('the form, copy buttons and checkboxes work from the keyboard', async ({ page }) => {
  await page.goto('/runbooks/tickets/pod-crash-loop/');
  await page.getByLabel(/<pod-name>/).focus();
  await page.keyboard.type('api-1');
  await expect(page.locator('.rb-filled').first()).toHaveText('api-1');
  const checkbox = page.getByRole('checkbox', { name: 'Step done: Check logs' });
  await checkbox.focus();
  await page.keyboard.press('Space');
  await expect(checkbox).toBeChecked();
  const copy = page.locator('figure', { hasText: '--previous' }).locator('.copy button');
  await expect(copy).toHaveAccessibleName(/copy/i);
});
