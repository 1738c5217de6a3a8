// text/control-characters: control characters anywhere in a runbook, raw, through a YAML escape or a
// character reference, each at its place; the fix removes raw ones (bidi controls need a person).
import { textControlCharacters } from '../../../src/lib/lint/rules/control-characters.ts';
import { exampleRunbook } from '../../../src/lib/lint/rules/example.ts';
import { ruleTester } from '../../helpers/rule-tester.ts';

// The body starts on line 10 of an exampleRunbook.
const body = (text: string) =>
  exampleRunbook({ body: `## Symptoms\n\n${text}\n\n## Investigation\n\n### Check the pods\n\n\`\`\`bash\nkubectl -n shop get pods\n\`\`\`\n` });

ruleTester(textControlCharacters, {
  valid: [
    { name: 'tabs, newlines and CRLF line ends', code: body('A\ttabbed line.\r\nAnother line.') },
    { name: 'right-to-left text without direction controls', code: body('Hebrew: שלום, Arabic: مرحبا.') },
    {
      name: 'an escaped character reference in code is text',
      code: exampleRunbook({ body: '## Symptoms\n\nx\n\n## Investigation\n\n### Check\n\n```bash\necho "&#x1b;"\n```\n' }),
    },
    { name: 'YAML escapes that make printable characters', code: exampleRunbook({ title: '"Slow \\u00e9 API \\t tab"' }) },
  ],
  invalid: [
    {
      name: 'ESC, BEL, DEL and a C1 control in prose, removed by the fix',
      code: body('Slow.\u001b[2K hidden\u0007 and\u007f and\u009b31m.'),
      errors: [
        { message: 'Control character U+001B ESCAPE in the text', line: 12, column: 6, endLine: 12, endColumn: 7 },
        { message: 'Control character U+0007 BELL in the text', line: 12, column: 17 },
        { message: 'Control character U+007F DELETE in the text', line: 12, column: 22 },
        { message: 'Control character U+009B CONTROL SEQUENCE INTRODUCER in the text', line: 12, column: 27 },
      ],
      output: body('Slow.[2K hidden and and31m.'),
    },
    {
      name: 'a control character in code, and in the frontmatter as written',
      code: exampleRunbook({ title: 'Slow\u0008 API', body: '## Symptoms\n\nx\n\n## Investigation\n\n### Check\n\n```bash\nkubectl get pods\u0000\n```\n' }),
      errors: [
        { message: 'Control character U+0008 BACKSPACE in the text', line: 2, column: 12 },
        { message: 'Control character U+0000 NUL in the text', line: 19, column: 17 },
      ],
    },
    {
      name: "a bidi override in prose, not fixed (code is text/unicode's)",
      code: body('Run \u202eevil\u202c now.\n\n```bash\necho \u202eb\n```'),
      errors: [
        { message: 'Bidirectional control character U+202E RIGHT-TO-LEFT OVERRIDE in the text', line: 12, column: 5 },
        { message: 'Bidirectional control character U+202C POP DIRECTIONAL FORMATTING in the text', line: 12, column: 10 },
      ],
      output: body('Run \u202eevil\u202c now.\n\n```bash\necho \u202eb\n```'),
    },
    {
      name: 'YAML escapes in frontmatter values, at the value',
      code: exampleRunbook({ title: '"Slow API\\e]0;all good\\a"', runbook: 'variables:\n  pod:\n    description: "The pod\\x1b[8m"\n    example: api-0' }),
      errors: [
        { message: 'title: an escape in this value makes the control character U+001B ESCAPE, U+0007 BELL', line: 2, column: 8, endLine: 2, endColumn: 33 },
        { message: 'runbook.variables.pod.description: an escape in this value makes the control character U+001B ESCAPE', line: 10, column: 20 },
      ],
    },
    {
      name: 'character references to control characters in the text',
      code: body('Look: &#x1b;[2J and &#27; and &#x202E;.'),
      errors: [
        { message: 'Character reference &#x1b; is the control character U+001B ESCAPE', line: 12, column: 7, endLine: 12, endColumn: 13 },
        { message: 'Character reference &#27; is the control character U+001B ESCAPE', line: 12, column: 21 },
        { message: 'Character reference &#x202E; is the control character U+202E RIGHT-TO-LEFT OVERRIDE', line: 12, column: 31 },
      ],
    },
  ],
});
