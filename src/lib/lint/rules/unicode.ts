// Code must be what it looks like: no typographic quotes and dashes, invisible characters or
// bidi controls in code blocks (they come from word processors, chat tools and attacks).
import type { Block } from '../../model/types.ts';
import { describeCharacter, SUSPICIOUS_CHARACTERS, SUSPICIOUS_PATTERN } from '../../text/characters.ts';
import { findMojibake } from '../../text/mojibake.ts';
import { defineRule } from '../types.ts';
import { exampleRunbook } from './example.ts';

/** Blocks of prose (`text` attribute, ```text, ```md), where typographic quotes and dashes are right. */
const PROSE_LANGUAGES = new Set(['text', 'txt', 'plaintext', 'plain', 'md', 'markdown', 'mdx']);
const DASHES = /[-\u2010-\u2015\u2212]/;
const LETTER = /\p{L}/u;

const body = (code: string) => `## Symptoms\n\nThe API answers slowly.\n\n## Investigation\n\n### Check the pods\n\n\`\`\`bash\n${code}\n\`\`\`\n`;

export const textUnicode = defineRule({
  meta: {
    id: 'text/unicode',
    category: 'text',
    severity: 'error',
    fixable: 'code',
    description: 'No curly quotes, typographic dashes, non-breaking or zero-width spaces, or bidi controls in code blocks.',
    docs: 'Text copied from a word processor or a chat tool brings characters that look right and fail when pasted: `“app=api”` is not quoted for the shell, `–namespace` is not an option, a no-break space does not separate words, a zero-width space silently becomes part of a name. Bidirectional control characters (U+202A–U+202E, U+2066–U+2069) make code display differently from what runs ("Trojan Source"). The fix replaces quotes with `\'` and `"`, an en or em dash before an option with `--` (`-` before a one-letter option), no-break spaces with spaces, and removes invisible and bidi characters. Apostrophes inside words (`it’s`) are left alone, and so are quotes and dashes in prose blocks (`text` attribute, ```text, ```md) and in the output lines of console blocks.',
    examples: {
      bad: exampleRunbook({ body: body('kubectl get pods –namespace shop -l “app=api”') }),
      good: exampleRunbook({ body: body('kubectl get pods --namespace shop -l "app=api"') }),
    },
    messages: { character: '{message}' },
  },
  create(context) {
    return {
      block(block) {
        if (block.code.search(SUSPICIOUS_PATTERN) === -1) return;
        for (const problem of problemsIn(block)) {
          const span = context.codeSpan(block, problem.start, problem.end);
          context.report({
            messageId: 'character',
            data: { message: problem.message },
            span,
            ...(problem.hint ? { hint: problem.hint } : {}),
            fix: { range: [span.start.offset, span.end.offset], text: problem.replacement },
          });
        }
      },
    };
  },
});

interface Found {
  start: number;
  end: number;
  message: string;
  hint?: string;
  replacement: string;
}

function problemsIn(block: Block): Found[] {
  const code = block.code;
  const prose = block.kind === 'text' || PROSE_LANGUAGES.has(block.lang);
  // Console output is what a program printed (GNU tools print ‘quotes’): only prompt lines are typed.
  const typed = block.kind === 'console' ? block.analysis.lines : undefined;
  const isTyped = (i: number) => !typed || typed.some((range) => i >= range.start && i < range.end);
  // Characters inside mojibake (`â€“` holds a `“`) are text/mojibake's to fix.
  const mojibake = findMojibake(code);
  const inMojibake = (i: number) => mojibake.some((match) => i >= match.start && i < match.end);
  const found: Found[] = [];
  let skipUntil = -1;
  for (const match of code.matchAll(SUSPICIOUS_PATTERN)) {
    const i = match.index;
    if (i < skipUntil || inMojibake(i)) continue;
    const char = match[0];
    const known = SUSPICIOUS_CHARACTERS.get(char)!;
    const name = describeCharacter(char);
    switch (known.kind) {
      case 'quote': {
        if (prose || !isTyped(i)) break;
        // An apostrophe inside a word (`it’s`) is text, not a quote.
        if ((char === '\u2019' || char === '\u2018') && LETTER.test(code[i - 1] ?? '') && LETTER.test(code[i + 1] ?? '')) break;
        found.push({
          start: i,
          end: i + 1,
          replacement: known.ascii,
          message: `Curly quote ${name} in code: shells and SQL do not treat it as a quote; use ${known.ascii}`,
        });
        break;
      }
      case 'dash':
      case 'hyphen': {
        if (prose || !isTyped(i)) break;
        let start = i;
        while (start > 0 && DASHES.test(code[start - 1])) start--;
        let end = i + 1;
        while (end < code.length && DASHES.test(code[end])) end++;
        const before = code[start - 1];
        const option = (before === undefined || /[\s=(["']/.test(before)) && /[A-Za-z]/.test(code[end] ?? '');
        const wide = [...code.slice(start, end)].some((c) => SUSPICIOUS_CHARACTERS.get(c)?.kind === 'dash');
        if (option) {
          const word = /^[A-Za-z][A-Za-z0-9-]*/.exec(code.slice(end))![0];
          const replacement = wide ? (end - start === 1 && word.length === 1 ? '-' : '--') : code.slice(start, end).replace(/[^-]/g, '-');
          found.push({ start, end, replacement, message: `${name} before "${word}": options need ASCII hyphens; use "${replacement}${word}"` });
          skipUntil = end;
        } else if (known.kind === 'hyphen') {
          found.push({ start: i, end: i + 1, replacement: '-', message: `${name} in code looks like "-" but is not; use "-"` });
        }
        break;
      }
      case 'space':
        found.push({ start: i, end: i + 1, replacement: ' ', message: `${name} in code: the shell does not split words on it; use a normal space` });
        break;
      case 'invisible': {
        // Joiners between emoji or letters of other scripts are part of the text.
        if ((char === '\u200D' || char === '\u200C') && /[^\x00-\x7F]/.test(code[i - 1] ?? '') && /[^\x00-\x7F]/.test(code[i + 1] ?? '')) break;
        found.push({
          start: i,
          end: i + 1,
          replacement: '',
          message: `Invisible character ${name} in code: it is copied along and breaks the command; remove it`,
        });
        break;
      }
      case 'bidi':
        found.push({
          start: i,
          end: i + 1,
          replacement: '',
          message: `Bidirectional control character ${name} in code: the code displays differently from what runs (Trojan Source); remove it`,
          hint: 'If right-to-left text is really needed, keep it in prose outside code blocks.',
        });
        break;
    }
  }
  return found;
}
