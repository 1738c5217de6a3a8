// Fills the page's command blocks with the form's values (loaded only once there are values):
// each placeholder shows its value quoted for where it sits, and the copy button copies the
// filled command. The quoting is the runner's own (src/lib/quote.ts).
import { copyText } from '../lib/copy-text.ts';
import type { BlockKind, CommandLanguage, Risk } from '../lib/model/types.ts';
import { fillPlaceholders, type ValueType } from '../lib/quote.ts';

export function fillBlocks(values: Record<string, string>, types: Record<string, { type?: ValueType }>): void {
  for (const figure of document.querySelectorAll<HTMLElement>('figure[data-rb-template]')) {
    const { rbTemplate: template = '', rbKind, rbLanguage, rbRisk } = figure.dataset;
    const kind = rbKind as BlockKind;
    const language = rbLanguage as CommandLanguage;
    const result = fillPlaceholders(template, kind === 'console' ? 'console' : language, values, { variables: types });
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
    if (button) button.dataset.code = copyText(result.text, { language, kind, risk: rbRisk as Risk }).replace(/\n/g, '\u007f');
  }
}
