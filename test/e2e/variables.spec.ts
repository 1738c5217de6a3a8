// The variables form: values fill every command, copy gives exactly the filled command, the URL
// carries values (not secrets), a refused value says why, and copying an unfilled block, a block
// whose value is refused or a block not yet filled with the latest values warns first.
import { expect, test } from '@playwright/test';
import { VIEWPORTS } from './viewports.ts';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const clipboard = (page: import('@playwright/test').Page) => page.evaluate(() => navigator.clipboard.readText());
const copyButton = (figure: import('@playwright/test').Locator) => figure.locator('.copy button');

test('filling a value updates every block and what is copied', async ({ page }) => {
  await page.goto('/runbooks/tickets/pod-crash-loop/');
  const blocks = page.locator('figure[data-rb-vars~="pod-name"]');
  await expect(blocks).toHaveCount(3);
  await page.getByLabel(/<pod-name>/).fill('backend-7d9f8c6b5-x2k4q');
  for (const block of await blocks.all()) {
    await expect(block.locator('.rb-var.rb-filled').first()).toHaveText('backend-7d9f8c6b5-x2k4q');
    await expect(block).not.toContainText('<pod-name>');
  }
  await expect(page).toHaveURL(/\?pod-name=backend-7d9f8c6b5-x2k4q$/);

  const logs = page.locator('figure', { hasText: '--previous' });
  await copyButton(logs).click();
  expect(await clipboard(page)).toBe(
    'kubectl -n tickets-dev logs backend-7d9f8c6b5-x2k4q --previous\nkubectl -n tickets-dev logs backend-7d9f8c6b5-x2k4q --tail=50\n',
  );

  // Clearing the field restores the placeholder.
  await page.getByLabel(/<pod-name>/).fill('');
  await expect(logs).toContainText('<pod-name>');
  await expect(page).toHaveURL(/pod-crash-loop\/$/);
});

for (const { name, use } of VIEWPORTS) {
  test.describe(name, () => {
    test.use(use);

    test('a value that breaks the pattern is refused, saying why and what is expected', async ({ page }) => {
      await page.goto('/runbooks/tickets/pod-crash-loop/');
      const input = page.getByLabel(/<pod-name>/);
      await input.fill('bad pod!');
      await expect(input).toHaveAttribute('aria-invalid', 'true');
      await expect(page.locator('#rb-var-pod-name-message')).toHaveText(
        'Not valid: it contains a space and "!", which the expected form does not allow. Expected: like backend-7d9f8c6b5-x2k4q (pattern ^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$).',
      );
      await expect(page.locator('figure', { hasText: '--previous' })).toContainText('<pod-name>');
      await input.fill('Api-1');
      await expect(page.locator('#rb-var-pod-name-message')).toContainText('has capital letters where lowercase ones are expected');
    });

    test('a number field says a number is expected', async ({ page }) => {
      await page.goto('/runbooks/tickets/database-saturation/');
      const input = page.getByLabel(/<replicas>/);
      await input.fill('3 pods');
      await expect(page.locator('#rb-var-replicas-message')).toContainText('Not a whole number: write digits only');
    });

    test('copy never takes a refused value: the warning says which and why, and the copy keeps the placeholder', async ({ page }) => {
      await page.goto('/runbooks/tickets/pod-crash-loop/');
      await page.evaluate(() => navigator.clipboard.writeText('(nothing)'));
      const input = page.getByLabel(/<pod-name>/);
      await input.fill('api-1');
      const block = page.locator('figure', { hasText: 'describe pod' });
      await expect(block.locator('.rb-filled')).toHaveText('api-1');
      // Now a refused value: the block goes back to the placeholder, never keeps the old "api-1".
      await input.fill('api-1; rm -rf /');
      await expect(block).toContainText('<pod-name>');
      await copyButton(block).click();
      await expect(block.getByRole('alert')).toHaveText(
        /^<pod-name> is not filled in because its value is refused\. Not valid: it contains ";", a space and "\/", which the expected form does not allow\..* Correct the value above, or click copy again to copy with the placeholders\.$/,
      );
      expect(await clipboard(page)).toBe('(nothing)');
      await copyButton(block).click();
      expect(await clipboard(page)).toBe('kubectl -n tickets-dev describe pod <pod-name>\n');
    });

    test('copy never takes a stale value: while the values are being filled in, it waits', async ({ page }) => {
      // Hold back the code that fills in the values, as a slow network would.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route(/\/_astro\/fill\.[^/]+\.js$/, async (route) => {
        await held;
        await route.continue();
      });
      await page.goto('/runbooks/tickets/pod-crash-loop/');
      await page.evaluate(() => navigator.clipboard.writeText('(nothing)'));
      await page.getByLabel(/<pod-name>/).fill('api-2');
      const block = page.locator('figure', { hasText: 'describe pod' });
      await copyButton(block).click();
      await expect(block.getByRole('alert')).toHaveText('Still filling in your values: click copy again in a moment.');
      expect(await clipboard(page)).toBe('(nothing)');
      release();
      await expect(block.locator('.rb-filled')).toHaveText('api-2');
      await copyButton(block).click();
      expect(await clipboard(page)).toBe('kubectl -n tickets-dev describe pod api-2\n');
    });
  });
}

test('an adversarial value is refused where only a host name fits: the command keeps its placeholder, with the reason', async ({ page }) => {
  await page.goto('/runbooks/tickets/deployment-rollback/');
  const value = `x'; rm -rf / #"; $(id) \`id\``;
  await page.getByLabel(/<alb-dns>/).fill(value);
  const block = page.locator('figure', { hasText: '/api/events' });
  const site = block.locator('.rb-var.rb-var-error');
  await expect(site).toHaveCount(1);
  await expect(site).toHaveText('<alb-dns>');
  await expect(site).toHaveAttribute('title', /the host of a URL, where only letters, digits/);
  await expect(block.locator('.rb-var.rb-filled')).toHaveCount(0);
  // A plain host name fills the same place.
  await page.getByLabel(/<alb-dns>/).fill('alb-1.example.com');
  await expect(block.locator('.rb-var.rb-filled')).toHaveText('alb-1.example.com');
});

test('a page opened with ?name=value is filled in, also through an alert link with its label', async ({ page }) => {
  await page.goto('/runbooks/tickets/pod-crash-loop/?pod-name=api-1');
  await expect(page.getByLabel(/<pod-name>/)).toHaveValue('api-1');
  await expect(page.locator('figure', { hasText: 'describe pod' }).locator('.rb-filled')).toHaveText('api-1');

  // The alert's redirect keeps the query; `pod` is the fromLabel of pod-name.
  await page.goto('/alerts/PodCrashLooping/?pod=api-7d9f&namespace=tickets-dev');
  await expect(page).toHaveURL(/\/runbooks\/tickets\/pod-crash-loop\/\?/);
  await expect(page.getByLabel(/<pod-name>/)).toHaveValue('api-7d9f');
  await expect(page.locator('figure', { hasText: 'describe pod' }).locator('.rb-filled')).toHaveText('api-7d9f');
});

test('copying a block with unfilled placeholders warns first, naming them', async ({ page }) => {
  await page.goto('/runbooks/tickets/pod-crash-loop/');
  await page.evaluate(() => navigator.clipboard.writeText('(nothing)'));
  const block = page.locator('figure', { hasText: 'describe pod' });
  await copyButton(block).click();
  await expect(block.getByRole('alert')).toHaveText('Not filled in: <pod-name>. Fill in the values above, or click copy again to copy with the placeholders.');
  expect(await clipboard(page)).toBe('(nothing)');
  await copyButton(block).click();
  expect(await clipboard(page)).toBe('kubectl -n tickets-dev describe pod <pod-name>\n');
});

test('change blocks are marked and copied without a trailing newline', async ({ page }) => {
  await page.goto('/runbooks/tickets/deployment-rollback/');
  const block = page.locator('figure.rb-risk-change', { hasText: 'rollout undo' });
  await expect(block.locator('.rb-label--change')).toContainText('Changes state');
  await copyButton(block).click();
  expect(await clipboard(page)).toBe('kubectl -n tickets-dev rollout undo deployment/backend');
});

test('a destructive block is marked, says why, and is copied without a trailing newline', async ({ page }) => {
  await page.goto('/runbooks/architect-api/cache-operations/');
  const block = page.locator('figure.rb-risk-destructive', { hasText: 'FLUSHDB' });
  await expect(block.locator('.rb-label--destructive')).toBeVisible();
  await expect(block.locator('.rb-label--destructive')).toContainText('Destructive');
  await expect(block.locator('.rb-label--destructive')).toContainText('loses data or is hard to undo');
  await expect(block).toHaveCSS('outline-style', 'solid');
  await copyButton(block).click();
  expect(await clipboard(page)).toBe('redis-cli -u "$REDIS_URL" FLUSHDB');
});
