// The site's Markdown step, run through the real Sätteri pipeline (the one Astro renders pages with):
// "Changes from the source" folded out of the table of contents and the search index; escalation
// contacts from the service file at the end of the Escalation section.
import { mdxToJs, markdownToHtml } from 'satteri';
import { satteriHeadingIdsPlugin } from '@astrojs/markdown-satteri';
import { describe, expect, it } from 'vitest';
import { contactParts } from '../../src/lib/contact-links.ts';
import { docsEntryId, pageUrl, serviceOverviewOf } from '../../src/lib/urls.ts';
import { runbookPagePlugin, tableLabelsPlugin } from '../../src/markdown/runbook-page.ts';
import type { ServiceWithId } from '../../src/schema/service.ts';

const tickets: ServiceWithId = {
  id: 'tickets',
  name: 'Tickets',
  owner: 'tickets-team',
  escalation: [
    { who: 'On-call engineer', when: 'immediately', contact: 'PagerDuty schedule tickets-primary; Slack #tickets-oncall' },
    { who: 'Engineering manager', when: 'after 10 minutes', contact: 'managers@example.com; +1-555-0140' },
  ],
  contacts: [],
};

async function render(markdown: string, service = 'tickets') {
  const data = {
    astro: {
      frontmatter: { runbook: { service } },
      headings: [] as { depth: number; slug: string; text: string }[],
      localImagePaths: new Set<string>(),
      remoteImagePaths: new Set<string>(),
    },
  };
  const plugin = runbookPagePlugin((id) => (id === 'tickets' ? tickets : undefined));
  const { html } = await markdownToHtml(markdown, { mdastPlugins: [plugin], hastPlugins: [satteriHeadingIdsPlugin(), tableLabelsPlugin], data });
  return { html, headings: data.astro.headings.map((heading) => heading.text) };
}

const RUNBOOK = `## Symptoms

Slow.

## Escalation

Page the on-call engineer.

## Changes from the source

- \`kubectl edit\` became a Helm change.

| before | after |
|---|---|
| a | b |

## Post-incident

Write it up.
`;

describe('the runbook page step', () => {
  it('folds "Changes from the source" into a closed <details> that search ignores, and drops it from the headings', async () => {
    const { html, headings } = await render(RUNBOOK);
    expect(headings).toEqual(['Symptoms', 'Escalation', 'Post-incident']);
    expect(html).toMatch(
      /<details class="rb-source-notes" data-pagefind-ignore=""><summary>Changes from the source<\/summary><ul>\s*<li><code>kubectl edit<\/code> became a Helm change.<\/li>\s*<\/ul><table>[\s\S]*<\/table><\/details>\s*<h2 id="post-incident">/,
    );
  });

  it("ends the Escalation section with the service's levels and contacts, as links where they can be", async () => {
    const { html } = await render(RUNBOOK);
    const section = html.slice(html.indexOf('<h2 id="escalation">'), html.indexOf('<details'));
    expect(section).toContain('<p>Page the on-call engineer.</p>');
    expect(section).toContain(
      '<div class="rb-escalation-contacts" data-pagefind-ignore=""><p>Escalation levels of <a href="/services/tickets/#escalation">Tickets</a>:</p>',
    );
    expect(section).toContain('<li><strong>On-call engineer</strong> — immediately. Contact: PagerDuty schedule tickets-primary; Slack #tickets-oncall</li>');
    expect(section).toContain('<a href="mailto:managers@example.com">managers@example.com</a>; <a href="tel:+15550140">+1-555-0140</a>');
  });

  it('adds an Escalation section before Post-incident when the runbook has none', async () => {
    const { html, headings } = await render('## Symptoms\n\nSlow.\n\n## Post-incident\n\nWrite it up.\n');
    expect(headings).toEqual(['Symptoms', 'Escalation', 'Post-incident']);
    expect(html.indexOf('rb-escalation-contacts')).toBeGreaterThan(html.indexOf('id="escalation"'));
    expect(html.indexOf('rb-escalation-contacts')).toBeLessThan(html.indexOf('id="post-incident"'));
  });

  it('leaves a page of an unknown service without contacts, and a page without the notes as it is', async () => {
    const { html, headings } = await render('## Symptoms\n\nSlow.\n', 'nope');
    expect(headings).toEqual(['Symptoms']);
    expect(html).toBe('<h2 id="symptoms">Symptoms</h2>\n<p>Slow.</p>\n');
  });

  it('works on MDX too (the pipeline runbooks go through)', async () => {
    const data = {
      astro: { frontmatter: { runbook: { service: 'tickets' } }, headings: [], localImagePaths: new Set<string>(), remoteImagePaths: new Set<string>() },
    };
    const { code } = await mdxToJs(RUNBOOK, {
      mdastPlugins: [runbookPagePlugin(() => tickets)],
      hastPlugins: [satteriHeadingIdsPlugin()],
      data,
      jsxImportSource: 'astro',
    });
    expect(code).toContain('_components.details');
    expect(code).toContain('"data-pagefind-ignore": ""');
    expect(code).not.toMatch(/id: "changes-from-the-source"/);
  });
});

describe('choices between options', () => {
  const CHOICE = `## Resolution

### Option A, spike: raise the limit

Raise it.

#### Why

Because.

### Option A, spike: restart

Restart.

### If the cause is abuse: block the range

Block.

### Wait for the rollout

Wait.

## Verification

### Check
`;

  it('wraps each choice: a radio group (letter and title per option), then each option with its steps; steps after the choice stay outside', async () => {
    const { html, headings } = await render(CHOICE);
    expect(html).toContain(
      '<div class="rb-choice" data-choice="resolution"><fieldset class="rb-choice-picker" data-pagefind-ignore=""><legend>Choose one option</legend><p class="rb-choice-hint">These are alternatives: do the one that fits what you found, not all of them.</p>' +
        '<label class="rb-choice-option"><input type="radio" name="rb-choice-resolution" value="spike"><span class="rb-choice-letter">A</span><span class="rb-choice-title">spike</span></label>' +
        '<label class="rb-choice-option"><input type="radio" name="rb-choice-resolution" value="if-the-cause-is-abuse-block-the-range"><span class="rb-choice-letter">B</span><span class="rb-choice-title">If the cause is abuse: block the range</span></label></fieldset>',
    );
    // Option A holds both its steps (and the #### under them); option B, an "If", carries its letter above it.
    expect(html).toMatch(
      /<div class="rb-option" data-option="spike" data-option-label="A"><h3 id="option-a-spike-raise-the-limit">[\s\S]*<h4 id="why">Why<\/h4>[\s\S]*<h3 id="option-a-spike-restart">Option A, spike: restart<\/h3>\s*<p>Restart.<\/p><\/div>/,
    );
    expect(html).toMatch(
      /<div class="rb-option" data-option="if-the-cause-is-abuse-block-the-range" data-option-label="B"><p class="rb-option-tag" data-pagefind-ignore="">Option B<\/p><h3 id="if-the-cause-is-abuse-block-the-range">[^<]*<\/h3>\s*<p>Block.<\/p><\/div><\/div>\s*<h3 id="wait-for-the-rollout">/,
    );
    // The headings keep their ids and stay in "On this page".
    expect(headings).toEqual([
      'Resolution',
      'Option A, spike: raise the limit',
      'Why',
      'Option A, spike: restart',
      'If the cause is abuse: block the range',
      'Wait for the rollout',
      'Verification',
      'Check',
      'Escalation',
    ]);
  });

  it('leaves pages that are no runbook as they are (a guide may show an option heading)', async () => {
    const data = { astro: { frontmatter: { title: 'Guide' }, headings: [], localImagePaths: new Set<string>(), remoteImagePaths: new Set<string>() } };
    const { html } = await markdownToHtml(CHOICE, { mdastPlugins: [runbookPagePlugin(() => undefined)], hastPlugins: [satteriHeadingIdsPlugin()], data });
    expect(html).not.toContain('rb-choice');
  });
});

describe('page addresses', () => {
  it("serves a service's overview.mdx as the service's page, and every other file where Starlight puts it", () => {
    expect(serviceOverviewOf('services/azora/overview.mdx')).toBe('azora');
    expect(serviceOverviewOf('services/azora/escalation.mdx')).toBeUndefined();
    expect(docsEntryId('services/azora/overview.mdx')).toBe('services/azora');
    expect(docsEntryId('services/azora/index.md')).toBe('services/azora');
    expect(docsEntryId('runbooks/tickets/Pod Crash.mdx')).toBe('runbooks/tickets/pod-crash');
    expect(docsEntryId('guides/overview.mdx')).toBe('guides/overview');
    expect(pageUrl('src/content/docs/services/azora/overview.mdx', 'src/content/docs')).toBe('/services/azora/');
    expect(pageUrl('src/content/docs/index.mdx', 'src/content/docs')).toBe('/');
    expect(pageUrl('src/content/docs/runbooks/tickets/index.mdx', 'src/content/docs')).toBe('/runbooks/tickets/');
  });
});

describe('contact links', () => {
  it('links web and e-mail addresses and phone numbers, and leaves channels and schedules as text', () => {
    expect(contactParts('Slack #incidents; war room https://meet.example.com/war-room; ops@example.com; +1-555-0100')).toEqual([
      { text: 'Slack #incidents; war room ' },
      { text: 'https://meet.example.com/war-room', href: 'https://meet.example.com/war-room' },
      { text: '; ' },
      { text: 'ops@example.com', href: 'mailto:ops@example.com' },
      { text: '; ' },
      { text: '+1-555-0100', href: 'tel:+15550100' },
    ]);
    expect(contactParts('PagerDuty schedule tickets-primary')).toEqual([{ text: 'PagerDuty schedule tickets-primary' }]);
    expect(contactParts('status page https://status.example.com.')).toEqual([
      { text: 'status page ' },
      { text: 'https://status.example.com', href: 'https://status.example.com' },
      { text: '.' },
    ]);
  });
});

describe('tables', () => {
  it('names the column of each cell of a table of three columns or more, for the cards of a phone', async () => {
    const { html } = await render('| Incident | Alert | Severity |\n|---|---|---|\n| [High error rate](/x/) | `error_rate > 5%` | P0 |\n');
    expect(html).toContain('<table class="rb-stack">');
    expect(html).toMatch(
      /<td data-label="Incident"><a href="\/x\/">High error rate<\/a><\/td>\s*<td data-label="Alert"><code>error_rate &gt; 5%<\/code><\/td>\s*<td data-label="Severity">P0<\/td>/,
    );
  });

  it('leaves two-column tables as they are', async () => {
    const { html } = await render('| a | b |\n|---|---|\n| 1 | 2 |\n');
    expect(html).toContain('<table>');
    expect(html).not.toContain('data-label');
  });
});
