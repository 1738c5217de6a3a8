// Pages that work on a phone (390×844) as on a desktop: nothing scrolls sideways but code, the copy
// button of a code block never covers its code, heading anchors stay on screen, the catalog filters
// and sorts, and shows every column's information without scrolling sideways.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { isPhone, VIEWPORTS } from './viewports.ts';

const PAGES = [
  '/',
  '/runbooks/',
  '/runbooks/petforce/high-error-rate/', // the longest runbook, with wide commands
  '/reference/frontmatter/',
  '/reference/lint-rules/',
  '/reference/lint-rules/shell-syntax/',
  '/alerts/',
  '/services/azora/',
  '/services/petforce/', // markdown tables of four columns
  '/services/alawael-api/when-to-escalate/',
];

/** Elements of the main content (code blocks aside) that scroll sideways or stick out of the viewport. */
function sidewaysOffenders(page: Page) {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>('main *')) {
      if (element.closest('pre, .expressive-code, .sr-only, .rb-search-summary')) continue;
      const style = getComputedStyle(element);
      const name = `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`;
      if (['auto', 'scroll'].includes(style.overflowX) && element.scrollWidth > element.clientWidth + 1)
        found.push(`${name} scrolls (${element.scrollWidth} > ${element.clientWidth})`);
      const box = element.getBoundingClientRect();
      if (box.width > 0 && box.right > innerWidth + 1 && !element.closest('[hidden]')) found.push(`${name} ends at ${Math.round(box.right)} > ${innerWidth}`);
    }
    return found.slice(0, 10);
  });
}

const overlaps = (a: DOMRect | { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

for (const { name, use } of VIEWPORTS) {
  test.describe(name, () => {
    test.use(use);

    test('no page scrolls sideways', async ({ page, viewport }) => {
      test.slow();
      for (const path of PAGES) {
        await page.goto(path);
        const size = await page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, width: window.innerWidth }));
        expect(size.scrollWidth, path).toBeLessThanOrEqual(size.width);
        // On a phone, no table or other box scrolls sideways inside the page either (code blocks may).
        if (isPhone(viewport?.width)) expect(await sidewaysOffenders(page), path).toEqual([]);
      }
    });

    test('the copy button of a code block never covers its code', async ({ page }) => {
      for (const path of [
        '/runbooks/petforce/high-error-rate/',
        '/runbooks/tickets/deployment-rollback/',
        '/runbooks/tickets/database-saturation/',
        '/reference/lint-rules/shell-syntax/',
      ]) {
        await page.goto(path);
        const figures = page.locator('.expressive-code figure');
        const count = await figures.count();
        expect(count, path).toBeGreaterThan(0);
        for (let i = 0; i < count; i++) {
          const figure = figures.nth(i);
          const button = await figure.locator('.copy button').boundingBox();
          expect(button, `${path} block ${i}`).not.toBeNull();
          // Every line of code, as laid out (its text, not the empty end of the line).
          const lines = await figure.locator('.ec-line .code').evaluateAll((codes) =>
            codes.map((code) => {
              const range = document.createRange();
              range.selectNodeContents(code);
              const box = range.getBoundingClientRect();
              return { x: box.x, y: box.y, width: box.width, height: box.height };
            }),
          );
          for (const line of lines) expect(overlaps(button!, line), `${path} block ${i}: copy button over the code`).toBe(false);
        }
      }
    });

    test('heading anchor links stay on screen', async ({ page, viewport }) => {
      await page.goto('/runbooks/tickets/pod-crash-loop/');
      const anchors = page.locator('.sl-markdown-content .sl-heading-wrapper .sl-anchor-link');
      expect(await anchors.count()).toBeGreaterThan(5);
      for (const anchor of await anchors.all()) {
        await anchor.scrollIntoViewIfNeeded();
        const box = await anchor.boundingBox();
        expect(box).not.toBeNull();
        expect(box!.x).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width).toBeLessThanOrEqual(viewport!.width);
        // A phone has no hover: the anchors are shown, not revealed on hover.
        if (isPhone(viewport?.width)) await expect(anchor).toHaveCSS('opacity', '1');
      }
    });

    test('the variables form is one column of large fields on a phone', async ({ page, viewport }) => {
      await page.goto('/runbooks/tickets/deployment-rollback/');
      const inputs = page.locator('form.rb-vars input');
      expect(await inputs.count()).toBeGreaterThan(0);
      for (const input of await inputs.all()) {
        const box = (await input.boundingBox())!;
        if (isPhone(viewport?.width)) {
          expect(box.height).toBeGreaterThanOrEqual(44); // a thumb-sized target
          expect(box.width).toBeGreaterThan(viewport!.width * 0.8);
          await expect(input).toHaveCSS('font-size', '16px'); // no zoom on focus
        }
        await expect(input).toHaveAttribute('autocapitalize', 'off');
      }
    });

    test('the catalog shows every column of a runbook without scrolling sideways', async ({ page, viewport }) => {
      await page.goto('/runbooks/');
      const row = page.getByTestId('catalog').locator('tbody tr', { hasText: 'Latency breach' });
      for (const text of ['Latency breach', 'Tickets', 'high', 'tickets-team', 'LatencyP95Breaching', '2026-11-24'])
        await expect(row).toContainText(text, { ignoreCase: true });
      for (const cell of await row.locator('td').all()) {
        const box = (await cell.boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(viewport!.width);
      }
      if (isPhone(viewport?.width)) {
        // A card: the column names are written next to their values.
        await expect(row.locator('td[data-label="Owner"]')).toBeVisible();
        expect(await row.locator('td[data-label="Owner"]').evaluate((cell) => getComputedStyle(cell, '::before').content)).toBe('"Owner"');
      }
    });

    for (const path of ['/alerts/', '/reference/frontmatter/', '/runbooks/petforce/high-error-rate/']) {
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
