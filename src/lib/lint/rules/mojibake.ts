// Mojibake anywhere in a runbook: UTF-8 text that went through Windows-1252 or Mac OS Roman.
import { LineIndex } from '../../problem.ts';
import { ENCODING_NAMES, findMojibake } from '../../text/mojibake.ts';
import { defineRule } from '../types.ts';
import { exampleRunbook } from './example.ts';

const BODY = (symptom: string) => `## Symptoms\n\n${symptom}\n\n## Investigation\n\n### Check the pods\n\n\`\`\`bash\nkubectl -n shop get pods\n\`\`\`\n`;

/** Long matches (a line of box drawing) are shown shortened. */
const shorten = (text: string) => (text.length > 24 ? `${text.slice(0, 12)}…${text.slice(-8)}` : text);

export const textMojibake = defineRule({
  meta: {
    id: 'text/mojibake',
    category: 'text',
    severity: 'error',
    fixable: 'code',
    description: 'No mojibake (`â€™`, `Ã©`, `ðŸš¨`, `‚Üí`, `üîß`): UTF-8 text decoded with the wrong encoding.',
    docs: 'When UTF-8 text is opened as Windows-1252 or Mac OS Roman and saved again, every non-ASCII character turns into two to four others: `’` becomes `â€™`, `é` becomes `Ã©`, `→` becomes `‚Üí`, `🔧` becomes `üîß`. The rule turns each suspicious run of characters back into bytes and decodes them as UTF-8; only what decodes cleanly (and would not be written on purpose) is reported, so `café`, `Grüße`, real emoji, arrows and box drawing are fine. The fix restores the original text when the round trip is exact; where a byte was lost on the way (Windows-1252 has no character for five byte values), the message suggests the most likely character and the repair is left to you.',
    examples: {
      bad: exampleRunbook({ body: BODY('The API answers slowly â€“ pages time out.') }),
      good: exampleRunbook({ body: BODY('The API answers slowly – pages time out.') }),
    },
    messages: {
      exact: 'Mojibake "{text}" (UTF-8 read as {encoding}): should be {intended}',
      lossy: 'Mojibake "{text}" (UTF-8 read as {encoding}, a byte lost): probably {intended}',
    },
  },
  create(context) {
    return {
      runbook(runbook) {
        if (!/[^\x00-\x7F]/.test(runbook.source)) return;
        const matches = findMojibake(runbook.source);
        if (!matches.length) return;
        const lines = new LineIndex(runbook.source);
        for (const match of matches) {
          const data = {
            text: shorten(runbook.source.slice(match.start, match.end)),
            encoding: ENCODING_NAMES[match.encoding],
            intended: match.repaired ? `"${shorten(match.repaired)}"` : 'nothing (a byte order mark)',
          };
          const span = lines.span(match.start, match.end);
          if (match.exact) context.report({ messageId: 'exact', data, span, fix: { range: [match.start, match.end], text: match.repaired } });
          else context.report({ messageId: 'lossy', data, span, hint: 'Check the original document for the character; � marks one that cannot be guessed.' });
        }
      },
    };
  },
});
