import { exampleRunbook } from '../../../src/lib/lint/rules/example.ts';
import { textUnicode } from '../../../src/lib/lint/rules/unicode.ts';
import { ruleTester } from '../../helpers/rule-tester.ts';

/** A runbook with one block under "### Look"; its first code line is line 19 of the file. */
const step = (fence: string, code: string) => exampleRunbook({ body: `## Symptoms\n\nSlow.\n\n## Investigation\n\n### Look\n\n${fence}\n${code}\n\`\`\`\n` });
/** The same with the fence inside a list item, indented by three spaces; first code line 21. */
const listed = (fence: string, code: string) =>
  exampleRunbook({ body: `## Symptoms\n\nSlow.\n\n## Investigation\n\n### Look\n\n1. Look:\n\n   ${fence}\n${code.replace(/^/gm, '   ')}\n   \`\`\`\n` });

const QUOTE = (code: string, name: string, ascii: string) => `Curly quote ${code} ${name} in code: shells and SQL do not treat it as a quote; use ${ascii}`;
const DASH = (code: string, name: string, word: string, fixed: string) => `${code} ${name} before "${word}": options need ASCII hyphens; use "${fixed}"`;

ruleTester(textUnicode, {
  valid: [
    { name: 'plain ASCII', code: step('```bash', 'kubectl get pods --namespace shop -l "app=api"') },
    { name: 'apostrophes inside words', code: step('```bash', '# it’s fine when the pod’s ready\nkubectl get pods') },
    { name: 'dashes between words and numbers', code: step('```bash', '# wait 2–3 minutes — then check\nkubectl get pods') },
    { name: 'typography in prose blocks', code: step('```text', 'Reply “ack” — then wait…') },
    { name: 'typography in text blocks', code: step('```bash text', 'Post in #incidents: “Investigating – ETA 15 min”') },
    { name: 'typography in markdown prose', code: exampleRunbook({ body: '## Symptoms\n\nPages show “Service unavailable” – since 10:00.\n' }) },
    { name: 'a joiner inside an emoji sequence', code: step('```bash', '# 👩\u200D💻 on call\nkubectl get pods') },
    { name: 'mojibake is text/mojibake’s', code: step('```bash', 'echo "done â€“ ok"') },
    {
      name: 'console output is what the program printed',
      code: step('```console', '$ ls /srv/missing\nls: cannot access ‘/srv/missing’: No such file or directory'),
    },
  ],
  invalid: [
    {
      name: 'en dash before an option, curly double quotes',
      code: step('```bash', 'kubectl get pods –namespace shop -l “app=api”'),
      errors: [
        { message: DASH('U+2013', 'EN DASH', 'namespace', '--namespace'), line: 19, column: 18, endLine: 19, endColumn: 19 },
        { message: QUOTE('U+201C', 'LEFT DOUBLE QUOTATION MARK', '"'), line: 19, column: 37, endColumn: 38 },
        { message: QUOTE('U+201D', 'RIGHT DOUBLE QUOTATION MARK', '"'), line: 19, column: 45, endColumn: 46 },
      ],
      output: step('```bash', 'kubectl get pods --namespace shop -l "app=api"'),
    },
    {
      name: 'em dash before an option',
      code: step('```bash', 'kubectl delete pod api-1 —force'),
      errors: [{ message: DASH('U+2014', 'EM DASH', 'force', '--force'), line: 19, column: 26 }],
      output: step('```bash', 'kubectl delete pod api-1 --force'),
    },
    {
      name: 'en dash before a one-letter option',
      code: step('```bash', 'kubectl logs api-1 –c app'),
      errors: [{ message: DASH('U+2013', 'EN DASH', 'c', '-c'), line: 19, column: 20 }],
      output: step('```bash', 'kubectl logs api-1 -c app'),
    },
    {
      name: 'a hyphen and an en dash',
      code: step('```bash', 'kubectl get pods -–all-namespaces'),
      errors: [{ message: DASH('U+2013', 'EN DASH', 'all-namespaces', '--all-namespaces'), line: 19, column: 18, endColumn: 20 }],
      output: step('```bash', 'kubectl get pods --all-namespaces'),
    },
    {
      name: 'curly single quotes in SQL',
      code: step('```sql', 'SELECT * FROM pg_stat_activity WHERE state = ‘idle’;'),
      errors: [
        { message: QUOTE('U+2018', 'LEFT SINGLE QUOTATION MARK', "'"), line: 19, column: 46 },
        { message: QUOTE('U+2019', 'RIGHT SINGLE QUOTATION MARK', "'"), line: 19, column: 51 },
      ],
      output: step('```sql', "SELECT * FROM pg_stat_activity WHERE state = 'idle';"),
    },
    {
      name: 'no-break space',
      code: step('```bash', 'kubectl\u00A0get pods'),
      errors: [{ message: 'U+00A0 NO-BREAK SPACE in code: the shell does not split words on it; use a normal space', line: 19, column: 8, endColumn: 9 }],
      output: step('```bash', 'kubectl get pods'),
    },
    {
      name: 'zero-width space and byte order mark',
      code: step('```bash', '\uFEFFkubectl get pods -n shop\u200B'),
      errors: [
        {
          message: 'Invisible character U+FEFF ZERO WIDTH NO-BREAK SPACE (byte order mark) in code: it is copied along and breaks the command; remove it',
          line: 19,
          column: 1,
          endColumn: 2,
        },
        {
          message: 'Invisible character U+200B ZERO WIDTH SPACE in code: it is copied along and breaks the command; remove it',
          line: 19,
          column: 26,
          endColumn: 27,
        },
      ],
      output: step('```bash', 'kubectl get pods -n shop'),
    },
    {
      name: 'bidi override (Trojan Source)',
      code: step('```bash', 'echo "checked"\u202E ; rm -rf /tmp/x'),
      errors: [
        {
          message:
            'Bidirectional control character U+202E RIGHT-TO-LEFT OVERRIDE in code: the code displays differently from what runs (Trojan Source); remove it',
          line: 19,
          column: 15,
          endColumn: 16,
        },
      ],
      output: step('```bash', 'echo "checked" ; rm -rf /tmp/x'),
    },
    {
      name: 'isolates too',
      code: step('```sql', "SELECT 1 WHERE role = 'user\u2066' -- admin\u2069;"),
      errors: [
        { message: /^Bidirectional control character U\+2066 LEFT-TO-RIGHT ISOLATE/, line: 19, column: 28 },
        { message: /^Bidirectional control character U\+2069 POP DIRECTIONAL ISOLATE/, line: 19, column: 39 },
      ],
      output: step('```sql', "SELECT 1 WHERE role = 'user' -- admin;"),
    },
    {
      name: 'fence inside a list',
      code: listed('```bash', 'kubectl get pods –n shop'),
      errors: [{ message: DASH('U+2013', 'EN DASH', 'n', '-n'), line: 21, column: 21, endColumn: 22 }],
      output: listed('```bash', 'kubectl get pods -n shop'),
    },
    {
      name: 'an unlabelled block from a word processor',
      code: step('```', '1. Check the pods:\n   kubectl get pods –namespace production'),
      errors: [{ message: DASH('U+2013', 'EN DASH', 'namespace', '--namespace'), line: 20, column: 21 }],
      output: step('```', '1. Check the pods:\n   kubectl get pods --namespace production'),
    },
    {
      name: 'curly quotes in a yaml snippet',
      code: step('```yaml', 'image: “shop/api:1.2.3”'),
      errors: [
        { message: QUOTE('U+201C', 'LEFT DOUBLE QUOTATION MARK', '"'), line: 19, column: 8 },
        { message: QUOTE('U+201D', 'RIGHT DOUBLE QUOTATION MARK', '"'), line: 19, column: 23 },
      ],
      output: step('```yaml', 'image: "shop/api:1.2.3"'),
    },
    {
      name: 'console prompt lines are typed',
      code: step('```console', '$ kubectl get pods –A\nNAME   READY'),
      errors: [{ message: DASH('U+2013', 'EN DASH', 'A', '-A'), line: 19, column: 20 }],
      output: step('```console', '$ kubectl get pods -A\nNAME   READY'),
    },
    {
      name: 'a Unicode hyphen inside a word',
      code: step('```bash', 'kubectl get pods -n shop‐prod'),
      errors: [{ message: 'U+2010 HYPHEN in code looks like "-" but is not; use "-"', line: 19, column: 25 }],
      output: step('```bash', 'kubectl get pods -n shop-prod'),
    },
  ],
});
