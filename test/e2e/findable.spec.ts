// Finding a runbook: search by id and by alias puts it first, excerpts read with separators, each
// page shows its id and the command that runs it, and the reviewer's notes stay out of the way.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { VIEWPORTS } from './viewports.ts';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

async function search(page: Page, term: string) {
  const dialog = page.getByRole('dialog');
  if (!(await dialog.isVisible())) {
    await page.goto('/');
    await page
      .getByRole('button', { name: /search/i })
      .first()
      .click();
  }
  await dialog.getByRole('textbox').fill(term);
  // The results of this term (not of the previous one): the message names the term.
  await expect(page.locator('.pagefind-ui__message')).toContainText(term);
  const first = page.locator('.pagefind-ui__result-link').first();
  await expect(first).toBeVisible();
  return first;
}

for (const { name, use } of VIEWPORTS) {
  test.describe(name, () => {
    test.use(use);

    test('searching a runbook id or alias puts that runbook first', async ({ page }) => {
      test.slow();
      for (const [term, url] of [
        ['tickets-pod-crash-loop', '/runbooks/tickets/pod-crash-loop/'],
        ['azora-database-connection-pool-exhausted', '/runbooks/azora/database-connection-pool-exhausted/'],
        ['RB-007', '/runbooks/azora/database-connection-pool-exhausted/'],
        ['rb-003', '/runbooks/azora/pods-crashing/'],
        // Aliases made of common words: only the alias map ranks their runbook above its siblings.
        ['Playbook 1', '/runbooks/alawael-api/high-response-time/'],
        ['1. High Error Rate', '/runbooks/petforce/high-error-rate/'],
        ['P2: High Error Rate', '/runbooks/architect-api/high-error-rate/'],
      ]) {
        const first = await search(page, term);
        await expect(first, term).toHaveAttribute('href', url);
      }
    });

    test('a search excerpt reads "Severity: medium · Service: Tickets", not "Severitymedium"', async ({ page }) => {
      await search(page, 'tickets-pod-crash-loop');
      const excerpt = page.locator('.pagefind-ui__result-excerpt').first();
      await expect(excerpt).toContainText('Severity: medium · Service: Tickets · Owner: tickets-team · Id: tickets-pod-crash-loop');
      await search(page, 'RB-007');
      await expect(excerpt).toContainText(
        'Severity: critical · Service: Azora platform · Owner: azora-team · Id: azora-database-connection-pool-exhausted · Also known as: RB-007',
      );
      await search(page, 'PodCrashLooping');
      await expect(excerpt).toContainText('Also known as: 4. Pod Crash Loop · Alerts: PodCrashLooping');
      await expect(page.locator('.pagefind-ui__results')).not.toContainText(/Severity(critical|high|medium|low)|Review overdue|Copy timeline/);
    });

    test('a runbook page shows its id, aliases and the command that runs it, ready to copy', async ({ page }) => {
      await page.goto('/runbooks/tickets/pod-crash-loop/');
      const card = page.getByRole('region', { name: 'Runbook summary' });
      await expect(card.locator('.rb-id code').first()).toHaveText('tickets-pod-crash-loop');
      await expect(card).toContainText('4. Pod Crash Loop');
      await expect(card.locator('[data-run-command]')).toHaveText('npx runbook run tickets-pod-crash-loop');
      await card.getByRole('button', { name: 'Copy the command' }).click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('npx runbook run tickets-pod-crash-loop');
      await expect(card.getByRole('button', { name: /Copied/ })).toBeVisible();
    });

    test('"Changes from the source" is folded, out of the table of contents and of the search index', async ({ page }) => {
      await page.goto('/runbooks/tickets/pod-crash-loop/');
      const notes = page.locator('details.rb-source-notes');
      await expect(notes).toHaveCount(1);
      await expect(notes).toHaveAttribute('data-pagefind-ignore', '');
      await expect(notes).not.toHaveAttribute('open');
      await expect(notes.locator('summary')).toHaveText('Changes from the source');
      await expect(notes.getByText('jsonpath query that prints exactly the environment')).toBeHidden();
      await notes.locator('summary').click();
      await expect(notes.getByText('jsonpath query that prints exactly the environment')).toBeVisible();
      expect(await page.locator('h2, h3').allTextContents()).not.toContain('Changes from the source');
      const toc = await page.locator('starlight-toc a, mobile-starlight-toc a').allTextContents();
      expect(toc).toContain('Escalation');
      expect(toc.join('|')).not.toContain('Changes from the source');
    });

    test("a runbook's Escalation section lists its service's contacts, from the service file", async ({ page }) => {
      await page.goto('/runbooks/tickets/pod-crash-loop/');
      const contacts = page.locator('.rb-escalation-contacts');
      await expect(contacts.locator('li')).toHaveCount(3);
      await expect(contacts.locator('li').first()).toContainText(
        'Tickets on-call engineer — immediately, for any alert routed here. Contact: PagerDuty service Tickets Backend',
      );
      await expect(contacts.getByRole('link', { name: 'tickets-team@example.com' })).toHaveAttribute('href', 'mailto:tickets-team@example.com');
      // A runbook without an Escalation section of its own gets one.
      await page.goto('/runbooks/azora/high-cpu-usage/');
      await expect(page.getByRole('heading', { name: 'Escalation', level: 2 })).toBeVisible();
      await expect(page.locator('.rb-escalation-contacts li')).toHaveCount(4);
    });

    test("a service has one overview: its page, with the team's overview and the data of the service file", async ({ page }) => {
      expect((await page.request.get('/services/azora/overview/')).status()).toBe(404);
      await page.goto('/services/azora/');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Azora platform');
      await expect(page.getByRole('heading', { name: 'Where it runs' })).toBeVisible(); // the team's overview.mdx
      const escalation = page.getByTestId('escalation');
      await expect(escalation.locator('li')).toHaveCount(4);
      await expect(escalation).toContainText('PagerDuty service Azora Platform, schedule azora-primary');
      await expect(escalation.getByRole('link', { name: '+1-555-0199' })).toHaveAttribute('href', 'tel:+15550199');
      // The sidebar's group of the service links the page once.
      await expect(page.locator('nav[aria-label="Main"] a[href="/services/azora/"]')).toHaveCount(1);
      await page.goto('/services/architect-api/');
      await expect(page.getByRole('heading', { name: 'Other contacts' })).toBeVisible();
      await expect(page.locator('.rb-contacts').getByRole('link', { name: 'https://status.example.com' })).toHaveAttribute(
        'href',
        'https://status.example.com',
      );
    });

    test('the Performance page is out of the sidebar and reachable from the lint rules page', async ({ page }) => {
      await page.goto('/reference/lint-rules/');
      await expect(page.locator('nav[aria-label="Main"] a[href="/reference/performance/"]')).toHaveCount(0);
      await page.getByRole('link', { name: 'Performance' }).click();
      await expect(page).toHaveURL(/\/reference\/performance\/$/);
    });

    for (const path of ['/runbooks/tickets/pod-crash-loop/', '/services/azora/', '/runbooks/']) {
      test(`no serious or critical axe violations on ${path}`, async ({ page }) => {
        await page.goto(path);
        const results = await new AxeBuilder({ page }).analyze();
        const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
        expect(serious.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`)).toEqual(
          [],
        );
      });
    }
  });
}
