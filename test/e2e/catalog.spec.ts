// The catalog: filters (service, severity, owner, overdue review) and sort in the browser, in the URL;
// every runbook without JavaScript; equal titles told apart by their service.
import { expect, test, type Locator } from '@playwright/test';
import { VIEWPORTS } from './viewports.ts';

const visibleRows = (table: Locator) => table.locator('tbody tr:visible');
const attribute = (rows: Locator, name: string) => rows.evaluateAll((trs, key) => trs.map((tr) => tr.getAttribute(key) ?? ''), name);

for (const { name, use } of VIEWPORTS) {
  test.describe(name, () => {
    test.use(use);

    test('filters by service, severity and owner, and says how many are shown', async ({ page }) => {
      await page.goto('/runbooks/');
      const table = page.getByTestId('catalog');
      const total = await table.locator('tbody tr').count();
      expect(total).toBe(42);
      const filters = page.getByRole('form', { name: 'Filter and sort the runbooks' });
      await filters.getByLabel('Service', { exact: true }).selectOption({ label: 'Tickets' });
      await expect(visibleRows(table)).toHaveCount(5);
      expect(new Set(await attribute(visibleRows(table), 'data-service'))).toEqual(new Set(['tickets']));
      await expect(filters.getByRole('status')).toHaveText('Showing 5 of 42 runbooks.');
      await expect(page).toHaveURL(/\?service=tickets$/);

      await filters.getByLabel('Severity', { exact: true }).selectOption('critical');
      expect(await attribute(visibleRows(table), 'data-severity')).toEqual(['critical']);
      await filters.getByLabel('Service', { exact: true }).selectOption('');
      const critical = await attribute(visibleRows(table), 'data-severity');
      expect(critical.length).toBeGreaterThan(1);
      expect(new Set(critical)).toEqual(new Set(['critical']));

      await filters.getByLabel('Severity', { exact: true }).selectOption('');
      await filters.getByLabel('Owner', { exact: true }).selectOption('azora-team');
      await expect(visibleRows(table)).toHaveCount(13);
      expect(new Set(await attribute(visibleRows(table), 'data-owner'))).toEqual(new Set(['azora-team']));
    });

    test('"Review overdue only" keeps the overdue runbooks, and says when there are none', async ({ page }) => {
      await page.goto('/runbooks/');
      const table = page.getByTestId('catalog');
      const overdue = await table.locator('tbody tr[data-stale="1"]').count();
      await page.getByLabel('Review overdue only').check();
      await expect(visibleRows(table)).toHaveCount(overdue);
      await expect(page.getByText('No runbook matches these filters.')).toBeVisible({ visible: overdue === 0 });
      await expect(page).toHaveURL(/\?stale=1$/);
    });

    test('sorts by title, service and review date, and starts from the URL', async ({ page }) => {
      await page.goto('/runbooks/?sort=title&service=azora');
      const table = page.getByTestId('catalog');
      const filters = page.getByRole('form', { name: 'Filter and sort the runbooks' });
      await expect(filters.getByLabel('Sort by', { exact: true })).toHaveValue('title');
      await expect(filters.getByLabel('Service', { exact: true })).toHaveValue('azora');
      const titles = await attribute(visibleRows(table), 'data-title');
      expect(titles).toHaveLength(13);
      expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b)));

      await filters.getByLabel('Service', { exact: true }).selectOption('');
      await filters.getByLabel('Sort by', { exact: true }).selectOption('service');
      const services = await attribute(visibleRows(table), 'data-service-name');
      expect(services).toEqual([...services].sort((a, b) => a.localeCompare(b)));

      await filters.getByLabel('Sort by', { exact: true }).selectOption('reviewed');
      const reviewed = await attribute(visibleRows(table), 'data-reviewed');
      expect(reviewed).toEqual([...reviewed].sort());

      // Back to severity: the page's own order, most severe first.
      await filters.getByLabel('Sort by', { exact: true }).selectOption('severity');
      const rank = (severity: string) => ['critical', 'high', 'medium', 'low'].indexOf(severity);
      const severities = (await attribute(visibleRows(table), 'data-severity')).map(rank);
      expect(severities).toEqual([...severities].sort((a, b) => a - b));
    });

    test('runbooks of two services with the same title say whose they are', async ({ page }) => {
      await page.goto('/runbooks/');
      const table = page.getByTestId('catalog');
      await expect(table.getByRole('link', { name: 'Database connection pool exhausted (Azora platform)' })).toHaveAttribute(
        'href',
        '/runbooks/azora/database-connection-pool-exhausted/',
      );
      await expect(table.getByRole('link', { name: 'Database connection pool exhausted (PetForce)' })).toHaveAttribute(
        'href',
        '/runbooks/petforce/database-connection-pool-exhausted/',
      );
      await expect(table.getByRole('link', { name: 'Pod crash loop', exact: true })).toHaveCount(1); // unique titles stay as they are
    });
  });
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the catalog shows every runbook and no filters', async ({ page }) => {
    await page.goto('/runbooks/?service=tickets');
    await expect(page.getByTestId('catalog').locator('tbody tr:visible')).toHaveCount(42);
    await expect(page.getByRole('form', { name: 'Filter and sort the runbooks' })).toBeHidden();
  });
});
