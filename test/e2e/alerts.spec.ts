// Alert links: an alert without a runbook gets help (the closest names and runbooks, how to add one);
// an alert of several services gets a choice, which ?service= or the alert's labels make directly.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { VIEWPORTS } from './viewports.ts';

for (const { name, use } of VIEWPORTS) {
  test.describe(name, () => {
    test.use(use);

    test('/alerts/NoSuchAlert says the alert has no runbook yet and how to add one', async ({ page }) => {
      const response = await page.goto('/alerts/NoSuchAlert/');
      expect(response?.status()).toBe(404);
      const help = page.locator('[data-alert-help]');
      await expect(help.getByRole('heading', { level: 2 })).toHaveText('No runbook for NoSuchAlert yet');
      await expect(help.locator('pre')).toHaveText('runbook:\n  alerts:\n    - name: NoSuchAlert');
      await expect(help.getByRole('link', { name: 'How to link alerts' })).toHaveAttribute('href', '/guides/linking-alerts/');
      const results = await new AxeBuilder({ page }).analyze();
      expect(
        results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id),
      ).toEqual([]);
    });

    test('a misspelt alert name gets the closest alert names and runbooks, keeping the query', async ({ page }) => {
      await page.goto('/alerts/PodCrashLopoing/?pod=api-7d9f');
      const alerts = page.locator('[data-alert-list] a');
      await expect(alerts.first()).toHaveText('PodCrashLooping');
      await expect(alerts.first()).toHaveAttribute('href', '/alerts/PodCrashLooping/?pod=api-7d9f');
      await expect(page.locator('[data-alert-list]')).toContainText('KubePodCrashLooping');

      await page.goto('/alerts/HighErrorRate/');
      await expect(page.locator('[data-alert-list] a').first()).toHaveText('ApiErrorRateCritical');
      const runbooks = page.locator('[data-runbook-list]');
      await expect(runbooks).toContainText('High error rate (HTTP 500s)');
      await expect(runbooks).toContainText('petforce-high-error-rate');
    });

    test('an alert name in the wrong case goes to its runbook, query and all', async ({ page }) => {
      await page.goto('/alerts/podcrashlooping/?pod=api-7d9f');
      await expect(page).toHaveURL(/\/runbooks\/tickets\/pod-crash-loop\/\?pod=api-7d9f$/);
      await expect(page.getByLabel(/<pod-name>/)).toHaveValue('api-7d9f');
    });

    test('/r/<id>/ and /r/<alias>/ are permanent addresses of a runbook, query and fragment kept', async ({ page }) => {
      await page.goto('/r/tickets-pod-crash-loop/?pod=api-7d9f');
      await expect(page).toHaveURL(/\/runbooks\/tickets\/pod-crash-loop\/\?pod=api-7d9f$/);
      await expect(page.getByLabel(/<pod-name>/)).toHaveValue('api-7d9f');
      await page.goto('/r/RB-003/#symptoms');
      await expect(page).toHaveURL(/\/runbooks\/azora\/pods-crashing\/#symptoms$/);
      // An alias with a space, as an imported document named it.
      await page.goto('/r/Playbook%201/');
      await expect(page).toHaveURL(/\/runbooks\/alawael-api\/high-response-time\/$/);
    });

    test('an alert of two services offers the choice; ?service= or the alert labels pick one', async ({ page }) => {
      await page.goto('/alerts/KubePodCrashLooping/?pod=api-1');
      const choices = page.locator('.rb-alert-choices a');
      await expect(choices).toHaveCount(2);
      await expect(choices.nth(0)).toHaveAttribute('href', '/runbooks/architect-api/pods-not-starting/?pod=api-1');
      await expect(choices.nth(1)).toHaveAttribute('href', '/runbooks/azora/pods-crashing/?pod=api-1');
      await expect(page.locator('.rb-alert-choices')).toContainText('namespace="production"');

      await page.goto('/alerts/KubePodCrashLooping/?namespace=production&pod=api-gateway-1');
      await expect(page).toHaveURL('/runbooks/azora/pods-crashing/?namespace=production&pod=api-gateway-1');
      await expect(page.getByLabel(/<pod-name>/)).toHaveValue('api-gateway-1');

      await page.goto('/alerts/KubePodCrashLooping/?service=architect-api');
      await expect(page).toHaveURL('/runbooks/architect-api/pods-not-starting/?service=architect-api');

      // Labels that fit neither leave the choice to the reader.
      await page.goto('/alerts/KubePodCrashLooping/?namespace=staging');
      await expect(page).toHaveURL(/\/alerts\/KubePodCrashLooping\//);
      await expect(choices).toHaveCount(2);
    });
  });
}
