// Control characters anywhere in a runbook: written raw, through a YAML escape (`"\e[2J"`) or a
// character reference (`&#x1b;`). Code blocks' bidi characters are text/unicode's (it fixes them there).
import type { Runbook } from '../../model/types.ts';
import { LineIndex } from '../../problem.ts';
import { CONTROL_CHARACTER, describeControlCharacter, findControlCharacters, isBidiControl } from '../../text/control-characters.ts';
import { defineRule, type RuleContext } from '../types.ts';
import { exampleRunbook } from './example.ts';

const HINT =
  'Remove it. A terminal obeys it when `runbook show` or `run` prints the text (the CLI prints it escaped, as \\x1b), and it hides or reorders what a reader sees.';
const BIDI_HINT = 'Remove it; if right-to-left text is really needed, write it without explicit direction controls.';
const REFERENCE = /&#(?:x([0-9a-f]+)|(\d+));/gi;

export const textControlCharacters = defineRule({
  meta: {
    id: 'text/control-characters',
    category: 'text',
    severity: 'error',
    fixable: 'code',
    description: 'No control characters (ESC, backspace, C1 controls, ...) or bidi overrides anywhere in a runbook, raw or escaped.',
    docs: 'C0 controls other than tab, newline and carriage return, DEL, C1 controls and the bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) have no place in a runbook. On a terminal an ESC sequence can clear a line, move the cursor or retitle the window, so a title or a command can hide what really runs; a bidi override displays text in another order than it is stored (Trojan Source). The rule finds them written raw anywhere in the file (the fix removes them, except bidi controls, which need a person), produced by a YAML escape in the frontmatter (`"\\e[2K"`, `"\\x1b"`, `"\\u202e"`), or by a character reference in the text (`&#x1b;`). Whatever the CLI prints from a runbook is escaped anyway (`\\x1b`, `\\u202e`).',
    examples: {
      bad: exampleRunbook({ title: '"Slow API\\e]0;all good\\a"' }),
      good: exampleRunbook({ title: 'Slow API' }),
    },
    messages: {
      raw: '{what} {name} in the text',
      reference: 'Character reference {reference} is the control character {name}',
      escaped: '{path}: an escape in this value makes the control character {names}',
    },
  },
  create(context) {
    return { runbook: (runbook) => check(runbook, context) };
  },
});

function check(runbook: Runbook, context: RuleContext): void {
  const source = runbook.source;
  const inCode = (offset: number) => runbook.blocks.some((block) => offset >= block.span.start.offset && offset < block.span.end.offset);
  let lines: LineIndex | undefined;
  const span = (start: number, end: number) => (lines ??= new LineIndex(source)).span(start, end);
  if (CONTROL_CHARACTER.test(source)) {
    for (const { offset, char } of findControlCharacters(source)) {
      const bidi = isBidiControl(char);
      if (bidi && inCode(offset)) continue; // text/unicode reports and fixes it in code
      context.report({
        messageId: 'raw',
        data: { what: bidi ? 'Bidirectional control character' : 'Control character', name: describeControlCharacter(char) },
        span: span(offset, offset + 1),
        hint: bidi ? BIDI_HINT : HINT,
        ...(bidi ? {} : { fix: { range: [offset, offset + 1] as [number, number], text: '' } }),
      });
    }
  }
  if (source.includes('&#')) {
    for (const match of source.matchAll(REFERENCE)) {
      const code = match[1] !== undefined ? Number.parseInt(match[1], 16) : Number(match[2]);
      const char = code <= 0x10ffff ? String.fromCodePoint(code) : '';
      if (!CONTROL_CHARACTER.test(char) || inCode(match.index)) continue;
      context.report({
        messageId: 'reference',
        data: { reference: match[0], name: describeControlCharacter(char) },
        span: span(match.index, match.index + match[0].length),
        hint: isBidiControl(char) ? BIDI_HINT : HINT,
      });
    }
  }
  reportEscapedInFrontmatter(runbook, context);
}

/** Frontmatter strings holding control characters that a YAML escape wrote (raw ones are reported where they are). */
function reportEscapedInFrontmatter(runbook: Runbook, context: RuleContext): void {
  const raw = runbook.frontmatter.raw;
  if (raw === undefined || !runbook.frontmatter.yamlRange) return;
  const walk = (value: unknown, path: PropertyKey[]) => {
    if (typeof value === 'string') {
      const found = findControlCharacters(value).map((control) => control.char);
      if (!found.length) return;
      const span = context.frontmatterSpan(path);
      const written = runbook.source.slice(span.start.offset, span.end.offset);
      const escaped = [...new Set(found)].filter((char) => !written.includes(char));
      if (escaped.length) {
        const names = escaped.map(describeControlCharacter).join(', ');
        context.report({
          messageId: 'escaped',
          data: { path: path.map(String).join('.'), names },
          span,
          hint: 'Remove the escape sequence (\\e, \\x1b, \\u001b, \\u202e, ...) from the value.',
        });
      }
    } else if (Array.isArray(value)) value.forEach((item, index) => walk(item, [...path, index]));
    else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
  };
  walk(raw, []);
}
