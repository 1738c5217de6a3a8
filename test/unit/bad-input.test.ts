// Bad input, for every command that reads content (lint, list, show, run, import): each case is a
// problem or a CLI error naming the file and the place, with its exit code, quickly, and never a
// stack trace. Encoding, size, symbolic links, YAML limits and several frontmatter errors at once.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { makeProject, runbookSource, SERVICE_YAML } from '../helpers/project.ts';

const DIR = 'src/content/docs/runbooks/tickets';
const BAD = `${DIR}/bad.mdx`;

/** Nine anchors, each an array of nine aliases of the one before: 9^9 strings once expanded. */
const ALIAS_BOMB = [
  'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
  ...'bcdefghi'.split('').map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(', ')}]`),
];

interface Case {
  name: string;
  /** Files by path from the project root (a Buffer for exact bytes). A valid runbook (good.mdx) is always there. */
  files: Record<string, string | Buffer>;
  setup?: (root: string) => void;
  command: string[];
  code: number;
  /** Expected in stdout + stderr, in this order. */
  output: (string | RegExp)[];
  /** Not expected anywhere in the output. */
  absent?: (string | RegExp)[];
}

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const valid = (id: string) => runbookSource({ id });
// Line 6 is "  severity: high"; its 3rd column is where the bad byte goes.
const WITH_BAD_BYTE = Buffer.concat([
  utf8(valid('tickets-bad').split('\n').slice(0, 5).join('\n') + '\n  s'),
  Buffer.from([0xe9]),
  utf8(`verity: high\n${valid('tickets-bad').split('\n').slice(6).join('\n')}`),
]);

const CASES: Case[] = [
  {
    name: 'lint: a UTF-8 byte order mark is accepted',
    files: { [BAD]: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(valid('tickets-bad'))]) },
    command: ['lint'],
    code: 0,
    output: ['✔ 2 pages checked, no problems.'],
  },
  {
    name: 'list: a runbook with a byte order mark is listed',
    files: { [BAD]: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(valid('tickets-bad'))]) },
    command: ['list'],
    code: 0,
    output: ['tickets-bad', 'tickets-good'],
    absent: ['warning'],
  },
  {
    name: 'lint: invalid UTF-8, at its line, column and byte',
    files: { [BAD]: WITH_BAD_BYTE },
    command: ['lint'],
    code: 1,
    output: [
      `${BAD}\n  6:4      error  Invalid UTF-8 at byte 75 (line 6, column 4): the byte 0xE9 is not part of a UTF-8 character  files/encoding`,
      'hint: Save the file as UTF-8',
    ],
  },
  {
    name: 'list: a file that is not UTF-8 is left out, and said so',
    files: { [BAD]: WITH_BAD_BYTE },
    command: ['list'],
    code: 0,
    output: ['tickets-good', `runbook: warning: left out 1 content file that cannot be read:\n${BAD}:6:4  error  Invalid UTF-8 at byte 75 (line 6, column 4)`],
    absent: ['tickets-bad'],
  },
  {
    name: 'show: a runbook in a file that is not UTF-8 cannot be found, and the file is named',
    files: { [BAD]: WITH_BAD_BYTE },
    command: ['show', 'tickets-bad'],
    code: 1,
    output: [`${BAD}:6:4  error  Invalid UTF-8`, 'runbook: No runbook with id, alias or alert name "tickets-bad"'],
  },
  {
    name: "run: the same, with run's exit code for an unknown runbook",
    files: { [BAD]: WITH_BAD_BYTE },
    command: ['run', 'tickets-bad', '--dry-run'],
    code: 2,
    output: [`${BAD}:6:4  error  Invalid UTF-8`, 'runbook: No runbook with id, alias or alert name "tickets-bad"'],
  },
  {
    name: 'lint: UTF-16 text',
    files: { [BAD]: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(valid('tickets-bad'), 'utf16le')]) },
    command: ['lint'],
    code: 1,
    output: [`${BAD}\n  1:1      error  The file is UTF-16 text; content files are UTF-8  files/encoding`],
  },
  {
    name: 'lint: a file over 1 MiB is refused without being read',
    files: { [BAD]: valid('tickets-bad') + `\n${'x'.repeat(100)}\n`.repeat(11_000) },
    command: ['lint'],
    code: 1,
    output: [`${BAD}\n  1:1      error  File too large: 1.1 MiB; a content file may be at most 1.0 MiB  files/size`, 'hint: Split it into several runbooks'],
  },
  {
    name: 'list: a file over 1 MiB is left out, and said so',
    files: { [BAD]: valid('tickets-bad') + `\n${'x'.repeat(100)}\n`.repeat(11_000) },
    command: ['list'],
    code: 0,
    output: ['tickets-good', `${BAD}:1:1  error  File too large: 1.1 MiB`],
  },
  {
    name: 'lint: a symbolic link loop is reported, not walked',
    files: {},
    setup: (root) => symlinkSync('..', join(root, DIR, 'loop')),
    command: ['lint'],
    code: 1,
    output: [
      `${DIR}/loop\n  1:1      error  Symbolic link loop: ${DIR}/loop leads back to src/content/docs/runbooks, which contains it; not followed  files/symlink`,
    ],
  },
  {
    name: 'list: the same loop, with a warning',
    files: {},
    setup: (root) => symlinkSync(join(root, 'src/content/docs'), join(root, DIR, 'up')),
    command: ['list'],
    code: 0,
    // `up` leads to the docs folder, which is walked once; inside it, `runbooks` is the folder the walk started from.
    output: [
      'tickets-good',
      `runbook: warning: left out 1 content file that cannot be read:\n${DIR}/up/runbooks:1:1  error  Symbolic link loop: ${DIR}/up/runbooks leads back to src/content/docs/runbooks, which contains it; not followed`,
    ],
  },
  {
    name: 'lint: a link to a folder already read is followed once',
    files: { 'src/content/docs/runbooks/other/x.mdx': valid('other-x').replace('service: tickets', 'service: other') },
    setup: (root) => symlinkSync('../other', join(root, DIR, 'also-other')),
    command: ['lint', '--format', 'json'],
    code: 1,
    output: [
      /"file": "src\/content\/docs\/runbooks\/tickets\/also-other",\s+"line": 1,\s+"column": 1,[^}]*"rule": "files\/symlink",\s+"severity": "warn",\s+"message": "src\/content\/docs\/runbooks\/tickets\/also-other leads to src\/content\/docs\/runbooks\/other, which is already read; not followed a second time"/,
    ],
    absent: ['also-other/x.mdx'],
  },
  {
    name: 'lint: a broken symbolic link is a warning',
    files: {},
    setup: (root) => symlinkSync('nowhere.mdx', join(root, DIR, 'gone.mdx')),
    command: ['lint'],
    code: 0,
    output: [`${DIR}/gone.mdx\n  1:1      warn   Broken symbolic link ${DIR}/gone.mdx: its target does not exist  files/symlink`],
  },
  {
    name: 'lint: a YAML alias bomb in the frontmatter, at its first alias',
    files: { [BAD]: `---\n${ALIAS_BOMB.join('\n')}\ntitle: *i\nrunbook:\n  id: tickets-bad\n  service: tickets\n  severity: high\n---\n\n## Symptoms\n\nx\n` },
    command: ['lint'],
    code: 1,
    output: [
      `${BAD}\n  3:8      error  YAML expands to more than 100,000 values: its aliases (*name) repeat anchors (&name) that repeat others, an "alias bomb"  schema/yaml`,
    ],
  },
  {
    name: 'list: the alias bomb does not hold list up',
    files: { [BAD]: `---\n${ALIAS_BOMB.join('\n')}\ntitle: *i\nrunbook:\n  id: tickets-bad\n  service: tickets\n  severity: high\n---\n` },
    command: ['list'],
    code: 0,
    output: ['tickets-good'],
  },
  {
    name: 'show: nor show',
    files: { [BAD]: `---\n${ALIAS_BOMB.join('\n')}\ntitle: *i\nrunbook:\n  id: tickets-bad\n  service: tickets\n  severity: high\n---\n` },
    command: ['show', 'tickets-bad'],
    code: 1,
    output: ['runbook: No runbook with id, alias or alert name "tickets-bad"'],
  },
  {
    name: 'lint: an alias bomb in a service file',
    files: { 'src/content/services/bomb.yaml': `${ALIAS_BOMB.join('\n')}\nname: *i\nowner: x\nescalation: []\n` },
    command: ['lint'],
    code: 1,
    output: ['src/content/services/bomb.yaml\n  2:8      error  YAML expands to more than 100,000 values'],
  },
  {
    name: 'lint: YAML nested deeper than 100 levels',
    files: { [BAD]: `---\ntitle: x\ntags: ${'['.repeat(150)}${']'.repeat(150)}\n---\n` },
    command: ['lint'],
    code: 1,
    output: [`${BAD}\n  3:106    error  Invalid YAML: nesting exceeded maxDepth (100)  schema/yaml`],
  },
  {
    name: 'lint: every YAML syntax error of a frontmatter, not only the first',
    files: { [BAD]: runbookSource({ id: 'tickets-bad', extra: '  severity: low\n  aliases: [a, b\n  owner: x\n' }) },
    command: ['lint'],
    code: 1,
    output: [
      `${BAD}\n  8:3      error  Invalid YAML: duplicated mapping key  schema/yaml`,
      '10:3     error  Invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]  schema/yaml',
    ],
  },
  {
    name: 'lint: a duplicated key and schema errors, together',
    files: { [BAD]: runbookSource({ id: 'tickets-bad', extra: '  severity: low\n  severty: high\n  responseTime: soon\n' }) },
    command: ['lint'],
    code: 1,
    output: [
      '8:3      error  Invalid YAML: duplicated mapping key  schema/yaml',
      '9:3      error  runbook: Unknown key "severty"',
      '10:17    error  runbook.responseTime: Invalid duration "soon"',
    ],
  },
  {
    name: 'lint: invalid UTF-8 in runbook.config.yaml',
    files: { 'runbook.config.yaml': Buffer.from([0x73, 0x69, 0x74, 0x65, 0x3a, 0x20, 0xff, 0x0a]) },
    command: ['lint'],
    code: 1,
    output: ['runbook.config.yaml\n  1:7      error  Invalid UTF-8 at byte 6 (line 1, column 7)'],
  },
  {
    name: 'import: a document over 1 MiB is skipped, with the reason',
    files: { 'docs/big.md': `# Big\n\n${'x'.repeat(100)}\n`.repeat(11_000) },
    command: ['import', 'docs/big.md', '--service', 'shop', '--dry-run'],
    code: 1,
    output: [
      'docs/big.md: the file is 1.1 MiB, more than a runbook page may be (1.0 MiB); split it and import the parts',
      '1 source(s): 0 imported, 1 skipped',
    ],
  },
  {
    name: 'import: a document that is not UTF-8 is read as Windows-1252, and the first bad byte is named',
    files: {
      'docs/shop.md': Buffer.concat([
        utf8('# Shop runbooks\n\n## Checkout\n\n### RB-001: Checkout errors\n\n**Symptoms**:\n- The caf'),
        Buffer.from([0xe9]),
        utf8(' answers 502\n\n**Steps**:\n\n1. **Check pods**\n   ```bash\n   kubectl -n shop get pods\n   ```\n'),
      ]),
    },
    command: ['import', 'docs/shop.md', '--service', 'shop', '--dry-run'],
    code: 0,
    output: [
      'TODO the file is not valid UTF-8 (Invalid UTF-8 at byte 82 (line 8, column 10): the byte 0xE9 is not part of a UTF-8 character); read it as Windows-1252: check its accented and other non-ASCII characters (source line 8)',
    ],
  },
];

const STACK_TRACE = /^\s+at .+[(\s].*:\d+:\d+\)?$/m;

describe('bad input: a clear problem or error, with file and place, exit code, no stack trace', () => {
  it.each(CASES.map((testCase) => [testCase.name, testCase] as const))('%s', async (_name, testCase) => {
    const root = makeProject({ runbooks: { 'tickets/good.mdx': valid('tickets-good') } });
    for (const [path, content] of Object.entries(testCase.files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    testCase.setup?.(root);
    const started = performance.now();
    const { code, stdout, stderr } = await runCli(
      [
        ...testCase.command,
        ...(testCase.command[0] === 'lint' ? ['--no-cache'] : []),
        ...(['lint', 'list'].includes(testCase.command[0]) ? ['--now', '2026-11-24'] : []),
      ],
      root,
    );
    const elapsed = performance.now() - started;
    const output = `${stdout}\n${stderr}`;
    let from = 0;
    for (const expected of testCase.output) {
      const rest = output.slice(from);
      const index = typeof expected === 'string' ? rest.indexOf(expected) : rest.search(expected);
      expect(index, `expected ${String(expected)} in:\n${output}`).toBeGreaterThanOrEqual(0);
      from += index;
    }
    for (const unexpected of testCase.absent ?? [])
      expect(output).not.toMatch(typeof unexpected === 'string' ? new RegExp(unexpected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : unexpected);
    expect(output).not.toMatch(STACK_TRACE);
    expect(output).not.toContain('internal error');
    expect(code, output).toBe(testCase.code);
    // Every case, alias bombs and link loops included, is answered at once.
    expect(elapsed).toBeLessThan(testCase.command[0] === 'import' ? 5000 : 1500);
  });
});

it('loadServices and the config see the same reader: a service file that is UTF-16 is named', async () => {
  const root = makeProject({ runbooks: { 'tickets/good.mdx': valid('tickets-good') }, services: { tickets: SERVICE_YAML } });
  writeFileSync(join(root, 'src/content/services/other.yaml'), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('name: x\n', 'utf16le')]));
  const { code, stdout } = await runCli(['lint', '--no-cache', '--now', '2026-11-24'], root);
  expect(code).toBe(1);
  expect(stdout).toContain('src/content/services/other.yaml\n  1:1      error  The file is UTF-16 text; content files are UTF-8  files/encoding');
});

it('lint --fix keeps a byte order mark', async () => {
  const root = makeProject({ runbooks: { 'tickets/good.mdx': valid('tickets-good') } });
  const file = join(root, BAD);
  writeFileSync(
    file,
    Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      utf8(runbookSource({ id: 'tickets-bad', body: '## Symptoms\n\nSlow.\u001b[2K\n\n## Investigation\n\n### Check\n\n```bash\nkubectl get pods\n```\n' })),
    ]),
  );
  const { code, stdout } = await runCli(['lint', '--fix', '--no-cache', '--now', '2026-11-24'], root);
  expect(code, stdout).toBe(0);
  const fixed = readFileSync(file);
  expect([...fixed.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(fixed.toString('utf8')).toContain('Slow.[2K\n');
});
