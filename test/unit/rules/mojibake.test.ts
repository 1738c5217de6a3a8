import { describe, expect, it } from 'vitest';
import { exampleRunbook } from '../../../src/lib/lint/rules/example.ts';
import { textMojibake } from '../../../src/lib/lint/rules/mojibake.ts';
import { findMojibake, repairMojibake } from '../../../src/lib/text/mojibake.ts';
import { ruleTester } from '../../helpers/rule-tester.ts';

/** Prose on line 12 of the file. */
const prose = (text: string) => exampleRunbook({ body: `## Symptoms\n\n${text}\n` });
/** A runbook with one block under "### Look"; its first code line is line 19 of the file. */
const step = (fence: string, code: string) => exampleRunbook({ body: `## Symptoms\n\nSlow.\n\n## Investigation\n\n### Look\n\n${fence}\n${code}\n\`\`\`\n` });

const CP1252 = (bad: string, good: string) => `Mojibake "${bad}" (UTF-8 read as Windows-1252): should be "${good}"`;
const MAC = (bad: string, good: string) => `Mojibake "${bad}" (UTF-8 read as Mac OS Roman): should be "${good}"`;

ruleTester(textMojibake, {
  valid: [
    { name: 'accents, umlauts and other scripts', code: prose('Café, naïve, Grüße aus München, São Paulo, coração, Ελληνικά, Русский, 日本語, Zoë Ångström.') },
    { name: 'typography', code: prose('“Quoted” and ‘single’ – en — em… « guillemets » ½ ± ² °C © ® ™ × 3') },
    { name: 'symbols a runbook uses', code: prose('🔧 Fix → ✅ done ⚠️ careful 🚨 ┌──┐ │ └──┘ ▼') },
    { name: 'capital letters before punctuation', code: prose('ÜBER… CAFÉ” Ö” «École»') },
    { name: 'code blocks too', code: step('```bash', 'echo "Grüße – ✅"') },
  ],
  invalid: [
    {
      name: 'Windows-1252 in prose',
      code: prose('The API answers slowly â€“ pages time out.'),
      errors: [{ message: CP1252('â€“', '–'), line: 12, column: 24, endLine: 12, endColumn: 27 }],
      output: prose('The API answers slowly – pages time out.'),
    },
    {
      name: 'in the frontmatter',
      code: exampleRunbook({ title: 'Checkout isnâ€™t working' }),
      errors: [{ message: CP1252('â€™', '’'), line: 2, column: 20, endColumn: 23 }],
      output: exampleRunbook({ title: 'Checkout isn’t working' }),
    },
    {
      name: 'Mac OS Roman arrows and ticks',
      code: prose('Dashboard ‚Üí API Performance ‚úÖ'),
      errors: [
        { message: MAC('‚Üí', '→'), line: 12, column: 11, endColumn: 14 },
        { message: MAC('‚úÖ', '✅'), line: 12, column: 31, endColumn: 34 },
      ],
      output: prose('Dashboard → API Performance ✅'),
    },
    {
      name: 'Mac OS Roman emoji (with the Apple logo for F0)',
      code: prose('\uF8FFüîß Playbook 1'),
      errors: [{ message: MAC('\uF8FFüîß', '🔧'), line: 12, column: 1, endColumn: 5 }],
      output: prose('🔧 Playbook 1'),
    },
    {
      name: 'Windows-1252 emoji in a text block',
      code: step('```text', 'ðŸš¨ INCIDENT ALERT ðŸš¨'),
      errors: [
        { message: CP1252('ðŸš¨', '🚨'), line: 19, column: 1, endColumn: 5 },
        { message: CP1252('ðŸš¨', '🚨'), line: 19, column: 21, endColumn: 25 },
      ],
      output: step('```text', '🚨 INCIDENT ALERT 🚨'),
    },
    {
      name: 'in a command',
      code: step('```bash', 'echo "Deploy done âœ…"'),
      errors: [{ message: CP1252('âœ…', '✅'), line: 19, column: 19, endColumn: 22 }],
      output: step('```bash', 'echo "Deploy done ✅"'),
    },
    {
      name: 'box drawing with a lost byte: repaired part fixed, the guess only suggested',
      code: step('```text', 'â”Œâ”€â”\nâ”‚ Alert â”‚'),
      errors: [
        { message: CP1252('â”Œâ”€', '┌─'), line: 19, column: 1, endColumn: 7 },
        { message: 'Mojibake "â”" (UTF-8 read as Windows-1252, a byte lost): probably "┐"', line: 19, column: 7, endColumn: 9 },
        { message: CP1252('â”‚', '│'), line: 20, column: 1, endColumn: 4 },
        { message: CP1252('â”‚', '│'), line: 20, column: 11, endColumn: 14 },
      ],
      output: step('```text', '┌─â”\n│ Alert │'),
    },
    {
      name: 'accented letters',
      code: prose('Le dÃ©ploiement a Ã©chouÃ©.'),
      errors: [
        { message: CP1252('Ã©', 'é'), line: 12, column: 5, endColumn: 7 },
        { message: CP1252('Ã©', 'é'), line: 12, column: 19, endColumn: 21 },
        { message: CP1252('Ã©', 'é'), line: 12, column: 25, endColumn: 27 },
      ],
      output: prose('Le déploiement a échoué.'),
    },
    {
      name: 'decoded twice',
      code: prose('It isnÃ¢â‚¬â„¢t.'),
      errors: [{ message: CP1252('Ã¢â‚¬â„¢', '’'), line: 12, column: 7, endColumn: 15 }],
      output: prose('It isn’t.'),
    },
    {
      name: 'a long run is shown shortened',
      code: prose('â”€â”€â”€â”€â”€â”€â”€â”€â”€â”€'),
      errors: [{ message: CP1252('â”€â”€â”€â”€…”€â”€â”€', '──────────'), line: 12, column: 1, endColumn: 31 }],
    },
  ],
});

describe('findMojibake / repairMojibake', () => {
  it.each([
    ['â€œquotedâ€\u009D', '“quoted”'],
    ['Â°C', '°C'],
    ['ÐŸÑ€Ð¸Ð²ÐµÑ‚', 'Привет'],
    ['√© and √º', 'é and ü'],
    ['‚Äô', '’'],
    ['plain text', 'plain text'],
  ])('%s → %s', (text, repaired) => {
    expect(repairMojibake(text)).toBe(repaired);
  });

  it('guesses, without claiming an exact repair, where bytes were lost', () => {
    expect(findMojibake('â€œquotedâ€ and ðŸ end').map(({ repaired, exact }) => [repaired, exact])).toEqual([
      ['“', true],
      ['”', false],
      ['\uFFFD', false],
    ]);
  });
});
