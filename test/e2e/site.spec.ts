// The site in a real browser: navigation, search by alert name, the review-overdue banner.
import { expect, test } from '@playwright/test';

test('home → catalog → a runbook', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Runbooks');
  await page.getByRole('link', { name: 'Browse the catalog' }).click();
  await expect(page).toHaveURL(/\/runbooks\/$/);
  const rows = page.getByTestId('catalog').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  // Sorted by severity: no row is more severe than the row before it.
  const severities = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-severity')));
  const rank = (s: string | null) => ['critical', 'high', 'medium', 'low'].indexOf(s ?? '');
  expect(severities.map(rank)).toEqual([...severities.map(rank)].sort((a, b) => a - b));
  await page.screenshot({ path: 'test-results/screenshots/catalog.png', fullPage: true });

  await page.getByTestId('catalog').getByRole('link', { name: 'Pod crash loop' }).click();
  await expect(page).toHaveURL(/\/runbooks\/tickets\/pod-crash-loop\/$/);
  const card = page.getByRole('region', { name: 'Runbook summary' });
  await expect(card).toContainText('PodCrashLooping');
  await expect(card).toContainText('tickets-team');
  await page.screenshot({ path: 'test-results/screenshots/runbook.png', fullPage: true });
});

test('searching an alert name lands on its runbook', async ({ page }) => {
  await page.goto('/');
  await page
    .getByRole('button', { name: /search/i })
    .first()
    .click();
  const input = page.getByRole('dialog').getByRole('textbox');
  await input.fill('LatencyP95Breaching');
  const first = page.locator('.pagefind-ui__result-link').first();
  await expect(first).toBeVisible();
  await first.click();
  await expect(page).toHaveURL(/\/runbooks\/tickets\/latency-breach\//);
});

test('searching a legacy alias finds the runbook', async ({ page }) => {
  await page.goto('/');
  await page
    .getByRole('button', { name: /search/i })
    .first()
    .click();
  const input = page.getByRole('dialog').getByRole('textbox');
  await input.fill('Deployment Rollback');
  await expect(page.locator('.pagefind-ui__result-link').first()).toHaveAttribute('href', /deployment-rollback/);
});

test.describe('review-overdue banner', () => {
  // latency-breach: reviewed 2026-11-24 every 90 days (due 2027-02-22);
  // pod-crash-loop: reviewed 2026-11-24 every 180 days (due 2027-05-23).
  test.beforeEach(async ({ page }) => {
    await page.clock.setFixedTime(new Date('2027-03-15T12:00:00Z'));
  });

  test('shows on an overdue runbook', async ({ page }) => {
    await page.goto('/runbooks/tickets/latency-breach/');
    const banner = page.getByTestId('review-overdue');
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('the review was due 2027-02-22 (21 days ago)');
  });

  test('does not show on a fresh runbook', async ({ page }) => {
    await page.goto('/runbooks/tickets/pod-crash-loop/');
    await expect(page.getByTestId('review-overdue')).toBeHidden();
  });
});

test('pages load without failed requests or console errors, and a service page lists its sections', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
  page.on('response', (response) => response.status() >= 400 && problems.push(`${response.status()} ${response.url()}`));
  for (const path of ['/', '/runbooks/', '/runbooks/tickets/pod-crash-loop/', '/alerts/', '/services/tickets/', '/reference/frontmatter/']) {
    await page.goto(path, { waitUntil: 'networkidle' });
  }
  expect(problems).toEqual([]);
  await page.goto('/services/tickets/');
  const toc = page.locator('.right-sidebar starlight-toc');
  await expect(toc).toContainText('Escalation');
  await expect(toc).toContainText('Team pages');
});
