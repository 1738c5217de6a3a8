// A choice between options on a runbook page, at a desktop and on a 390×844 phone: the options are a radio group
// (keyboard and touch), picking one folds the others, the checklist counts only the option taken, and the copied
// timeline records the choice. Without JavaScript every option stays in view.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { VIEWPORTS } from './viewports.ts';

const PAGE = '/runbooks/petforce/rate-limit-violations/';

for (const { name, use } of VIEWPORTS) {
  test.describe(name, () => {
    test.use({ ...use, permissions: ['clipboard-read', 'clipboard-write'] });

    test('the options are a choice; the one taken folds the others and goes into the timeline', async ({ page, baseURL }) => {
      await page.clock.setFixedTime(new Date('2026-11-24T14:05:00Z'));
      await page.goto(PAGE);
      const choice = page.getByRole('group', { name: 'Choose one option' });
      await expect(choice).toBeVisible();
      const spike = choice.getByRole('radio', { name: 'A traffic spike' });
      const attack = choice.getByRole('radio', { name: 'B attack or abuse' });
      await expect(spike).not.toBeChecked();
      await expect(attack).not.toBeChecked();
      // Before a choice: both options show, and the checklist says a choice is open.
      const status = page.getByRole('status').filter({ hasText: 'steps done' });
      await expect(status).toHaveText('0 of 4 steps done · choose an option');
      const blockStep = page.getByRole('heading', { name: 'Option B, attack or abuse: add the offending range to the IP set' });
      const raiseStep = page.getByRole('heading', { name: 'Option A, traffic spike: raise the limit temporarily' });
      await expect(blockStep).toBeVisible();
      await expect(raiseStep).toBeVisible();

      // A tap (or click) on the label takes option B.
      await choice.getByText('attack or abuse').click();
      await expect(attack).toBeChecked();
      await expect(status).toHaveText('0 of 8 steps done');
      // The option not taken folds to its headings: its commands are out of sight, its steps still listed.
      const spikeOption = page.locator('.rb-option[data-option="traffic-spike"]');
      await expect(spikeOption.locator('.expressive-code').first()).toBeHidden();
      await expect(raiseStep).toBeVisible();
      await expect(page.locator('.rb-option[data-option="attack-or-abuse"] .expressive-code').first()).toBeVisible();
      // "Show all options" unfolds them without changing the choice.
      await choice.getByRole('button', { name: 'Show all options' }).click();
      await expect(spikeOption.locator('.expressive-code').first()).toBeVisible();
      await expect(attack).toBeChecked();
      await choice.getByRole('button', { name: 'Fold the other options' }).click();
      await expect(spikeOption.locator('.expressive-code').first()).toBeHidden();

      await page.getByRole('checkbox', { name: "Step done: Read the rate limiter's log lines" }).check();
      await page.getByRole('checkbox', { name: 'Step done: Option B, attack or abuse: find the WAF IP set and web ACL' }).check();
      await expect(status).toHaveText('2 of 8 steps done');

      // The choice survives a reload.
      await page.reload();
      await expect(page.getByRole('group', { name: 'Choose one option' }).getByRole('radio', { name: 'B attack or abuse' })).toBeChecked();
      await expect(status).toHaveText('2 of 8 steps done');

      await page.getByRole('button', { name: 'Copy timeline' }).click();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied.split('\n')).toEqual([
        `Runbook: [Rate limit violations (many 429s)](${baseURL}${PAGE})`,
        "- 2026-11-24 14:05 UTC — Read the rate limiter's log lines",
        '- 2026-11-24 14:05 UTC — Chose option B: attack or abuse',
        '- 2026-11-24 14:05 UTC — Option B, attack or abuse: find the WAF IP set and web ACL',
      ]);

      // Reset clears the choice too: every option shows again.
      await page.getByRole('button', { name: 'Reset' }).click();
      await expect(status).toHaveText('0 of 4 steps done · choose an option');
      await expect(page.getByRole('radio', { name: 'B attack or abuse' })).not.toBeChecked();
      await expect(spikeOption.locator('.expressive-code').first()).toBeVisible();
    });

    test('the keyboard moves through the options and takes one', async ({ page }) => {
      await page.goto('/runbooks/petforce/high-error-rate/');
      const choice = page.getByRole('group', { name: 'Choose one option' });
      await choice.getByRole('radio', { name: /^A roll back/ }).focus();
      await page.keyboard.press('ArrowDown');
      await expect(choice.getByRole('radio', { name: /^B restart the tasks/ })).toBeChecked();
      await expect(choice.getByRole('radio', { name: /^B restart the tasks/ })).toBeFocused();
      await expect(page.locator('.rb-choice')).toHaveAttribute('data-chosen', 'restart-the-tasks-to-clear-their-connection-pools');
    });

    test('an "If …" option carries its letter, and the page has no serious axe violations and no sideways scroll', async ({ page }) => {
      await page.goto('/runbooks/tickets/pod-crash-loop/');
      const choice = page.getByRole('group', { name: 'Choose one option' });
      await expect(choice.getByRole('radio')).toHaveCount(3);
      await expect(page.locator('.rb-option[data-option-label="B"] .rb-option-tag')).toHaveText('Option B');
      await choice.getByRole('radio', { name: /^B If CrashLoopBackOff/ }).check();
      const results = await new AxeBuilder({ page }).include('main').analyze();
      const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
      expect(serious.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`)).toEqual([]);
      const size = await page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, width: window.innerWidth }));
      expect(size.scrollWidth).toBeLessThanOrEqual(size.width);
      // Each option label is a comfortable target on a touch screen.
      for (const box of await choice.locator('label').evaluateAll((labels) => labels.map((label) => label.getBoundingClientRect().height)))
        expect(box).toBeGreaterThanOrEqual(44);
    });
  });
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('every option is shown, under the radio group', async ({ page }) => {
    await page.goto('/runbooks/petforce/high-error-rate/');
    await expect(page.getByRole('group', { name: 'Choose one option' }).getByRole('radio')).toHaveCount(4);
    for (const label of ['A', 'B', 'C', 'D']) await expect(page.locator(`.rb-option[data-option-label="${label}"] .expressive-code`).first()).toBeVisible();
  });
});
