// Incident mode: step checkboxes, progress that survives a reload, and the timeline to copy (the steps of a
// choice between options count once one is taken: alternatives.spec.ts).
import { expect, test } from '@playwright/test';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('checked steps survive a reload and make a timeline', async ({ page, baseURL }) => {
  await page.clock.setFixedTime(new Date('2026-11-24T14:05:00Z'));
  await page.goto('/runbooks/tickets/pod-crash-loop/');
  const status = page.getByRole('status').filter({ hasText: 'steps done' });
  await expect(status).toHaveText('0 of 4 steps done · choose an option');
  await page.getByRole('checkbox', { name: 'Step done: Identify failing pods' }).check();
  await page.getByRole('checkbox', { name: 'Step done: Check logs' }).check();
  await expect(status).toHaveText('2 of 4 steps done · choose an option');

  await page.reload();
  await expect(status).toHaveText('2 of 4 steps done · choose an option');
  await expect(page.getByRole('checkbox', { name: 'Step done: Check logs' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Step done: Describe the pod' })).not.toBeChecked();

  await page.getByRole('button', { name: 'Copy timeline' }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(
    [
      `Runbook: [Pod crash loop](${baseURL}/runbooks/tickets/pod-crash-loop/)`,
      '- 2026-11-24 14:05 UTC — Identify failing pods',
      '- 2026-11-24 14:05 UTC — Check logs',
    ].join('\n'),
  );

  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(status).toHaveText('0 of 4 steps done · choose an option');
  await page.reload();
  await expect(status).toHaveText('0 of 4 steps done · choose an option');
});
