// Fills the page's command blocks with the form's values (loaded only once there are values): each placeholder
// shows its value quoted for the context the core found for it (stored on the block at build time), and the copy
// button copies the filled command. No parsing here: the quoting is the core's own (src/lib/core/quote.ts).
import type { PlaceholderContext } from '../lib/core/context.ts';
import { copyText, type CopyLine } from '../lib/core/copy.ts';
import { fillSites, type ValueType } from '../lib/core/quote.ts';
import type { Risk } from '../schema/risk.ts';

interface Site {
  name: string;
  start: number;
  end: number;
  context: PlaceholderContext;
}

export function fillBlocks(values: Record<string, string>, types: Record<string, { type?: ValueType }>): void {
  const typeOf = Object.fromEntries(Object.entries(types).map(([name, { type }]) => [name, type]));
  for (const figure of document.querySelectorAll<HTMLElement>('figure[data-rb-template]')) {
    const { rbTemplate: template = '', rbSites = '[]', rbCopy = '[]', rbRisk } = figure.dataset;
    const sites = JSON.parse(rbSites) as Site[];
    const result = fillSites(template, sites, values, typeOf);
    result.segments.forEach((segment, occurrence) => {
      const parts = [...figure.querySelectorAll<HTMLElement>(`.rb-var[data-occurrence="${occurrence}"]`)];
      parts.forEach((part, index) => {
        part.dataset.original ??= part.innerHTML;
        if (segment.filled) part.textContent = index === 0 ? result.text.slice(segment.start, segment.end) : '';
        else part.innerHTML = part.dataset.original;
        part.classList.toggle('rb-filled', segment.filled);
        part.classList.toggle('rb-var-error', Boolean(segment.error));
        if (segment.error) part.title = `The value ${segment.error}`;
        else part.removeAttribute('title');
      });
    });
    const unusable = result.errors.map((error) => error.name);
    figure.dataset.rbMissing = [...new Set([...result.missing, ...unusable])].join(' ');
    const button = figure.querySelector<HTMLElement>('.copy button');
    if (button) button.dataset.code = copyText(result.text, JSON.parse(rbCopy) as CopyLine[], rbRisk as Risk).replace(/\n/g, '\u007f');
  }
}
