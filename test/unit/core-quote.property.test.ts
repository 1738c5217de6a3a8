// Properties of filling a placeholder in each context kind, checked by oracles that are not the core: bash itself
// (the argv it passes, `printf '%s\0'`), PostgreSQL's parser (statement count and parse tree), Prometheus's grammar
// (the selectors of a query), JSON.parse and the URL parser. Whatever the value — `$(…)`, backticks, quotes, line
// breaks, `a[$(…)]`, sed's `e`, awk's `system()`, `\`, NUL, ESC — it is refused, or it changes only its own word or
// literal. A sample per context then runs for real with values that would create a marker file.
// Runs: PROPERTY_RUNS (1,000 by default; `npm run test:properties` runs 10,000).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parser as promqlParser } from '@prometheus-io/lezer-promql';
import fc from 'fast-check';
import { parseSync } from 'libpg-query';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeBlock, type CommandLanguage } from '../../src/lib/core/block.ts';
import { contextName } from '../../src/lib/core/context.ts';
import { fillSites, type ValueType } from '../../src/lib/core/quote.ts';
import { valueProblem } from '../../src/lib/core/variables.ts';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 1000);
const runs = (share: number) => Math.max(20, Math.round(RUNS * share));

/** Characters that mean something to a shell, SQL, PromQL, JSON or a URL, mixed with any other code point. */
const SPECIALS = [
  ...`'"\\$\`!;&|<>(){}[]*?~#=%,^@ -+/:.`,
  '\n',
  '\t',
  '\r',
  '\0',
  '\x1b',
  '\u202e',
  '$(',
  '`id`',
  "'\\''",
  '--',
  '/*',
  '*/',
  'EOF',
  'a[$(id)]',
  '\u00a0',
  'é',
  '☃',
  '😀',
];
const char = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SPECIALS) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);
const value = fc.string({ unit: char, maxLength: 12 });
const plain = fc.stringMatching(/^[A-Za-z0-9_.:/@+-]{1,10}$/);
const attack = fc.constantFrom(
  'x; rm -rf ~',
  'x && reboot',
  '$(id)',
  '`id`',
  "x' ; id ; '",
  'x" ; id ; "',
  '1; DROP TABLE users',
  "1' OR '1'='1",
  'a\nid',
  '--all',
  'a[$(id)]',
  '1e;w /tmp/x',
  '"}]; system("id"); #',
  'up or vector(1)',
  '\\',
  '\x1b[2J',
);
const anyValue = fc.oneof({ weight: 3, arbitrary: value }, { weight: 2, arbitrary: plain }, { weight: 1, arbitrary: attack });

/** The core's analysis of each template: once, as with the model (the value does not change it). */
const analyses = new Map<string, ReturnType<typeof analyzeBlock>>();

/** A block filled with one value the way the runner does: the value checked, then quoted for each site's context. */
function fill(code: string, v: string, language: CommandLanguage = 'shell', type?: ValueType): { text: string } | { refused: string } {
  const problem = valueProblem({ type }, v);
  if (problem) return { refused: problem };
  const key = `${language}\0${code}`;
  let analysis = analyses.get(key);
  if (!analysis) analyses.set(key, (analysis = analyzeBlock({ code, kind: 'command', language })));
  const sites = analysis.placeholders.map((site) => ({ name: site.name, start: site.commandStart, end: site.commandEnd, context: site.context }));
  const filled = fillSites(analysis.command, sites, { v }, { v: type });
  if (filled.errors.length) return { refused: filled.errors[0].message };
  return { text: filled.text };
}

/** `echo`, `printf`, `psql`, `curl`, `kubectl` and `jq` as functions that print their argv NUL-separated. */
const ARGV_DUMP = ['echo', 'printf', 'psql', 'curl', 'kubectl', 'mysql']
  .map((name) => `${name}() { builtin printf '%s\\0' "$(($# + 1))" "\${FUNCNAME[0]}" "$@"; }`)
  .join('\n');

function argvOf(lines: string[]): string[][] {
  const result = spawnSync('bash', ['--norc', '--noprofile', '-c', `${ARGV_DUMP}\n${lines.join('\n')}`], {
    env: { PATH: process.env.PATH, LC_ALL: 'C.UTF-8' },
  });
  expect(result.stderr.toString(), 'bash wrote to stderr').toBe('');
  expect(result.status).toBe(0);
  const fields = result.stdout.toString('utf8').split('\0').slice(0, -1);
  const commands: string[][] = [];
  for (let i = 0; i < fields.length;) {
    const argc = Number(fields[i]);
    commands.push(fields.slice(i + 1, i + 1 + argc));
    i += 1 + argc;
  }
  return commands;
}

interface Template {
  /** The block, with `<v>`. */
  code: string;
  /** The argv bash must pass for the value (the whole argv, the program included). */
  argv: (v: string) => string[];
  /** Values the core refuses here besides those no placeholder accepts. */
  refuses?: (v: string) => boolean;
  type?: ValueType;
}

const option = (v: string) => v.startsWith('-');
const escapeSql = (v: string) => v.replaceAll("'", "''");

/** Each quoting context the core composes, with the argv bash must pass. */
const SHELL_TEMPLATES: Template[] = [
  { code: 'echo <v>', argv: (v) => ['echo', v], refuses: option },
  { code: "echo '<v>'", argv: (v) => ['echo', v], refuses: option },
  { code: 'echo "<v>"', argv: (v) => ['echo', v], refuses: option },
  { code: "echo $'<v>'", argv: (v) => ['echo', v], refuses: option },
  { code: "echo ''<v>", argv: (v) => ['echo', v], refuses: option },
  { code: 'echo a<v> "b<v>c" \'<v>\'d', argv: (v) => ['echo', `a${v}`, `b${v}c`, `${v}d`], refuses: option },
  { code: 'echo "$(builtin printf x)<v>"', argv: (v) => ['echo', `x${v}`] },
  {
    code: `psql "$DATABASE_URL" -c "SELECT * FROM users WHERE name = '<v>'"`,
    argv: (v) => ['psql', '', '-c', `SELECT * FROM users WHERE name = '${escapeSql(v)}'`],
  },
  { code: `psql -Atc 'SELECT * FROM users WHERE id = <v>'`, argv: (v) => ['psql', '-Atc', `SELECT * FROM users WHERE id = '${escapeSql(v)}'`] },
  {
    code: `kubectl exec db-0 -- psql -c "SELECT count(*) FROM <v>"`,
    argv: (v) => ['kubectl', 'exec', 'db-0', '--', 'psql', '-c', `SELECT count(*) FROM "${v.replaceAll('"', '""')}"`],
    refuses: (v) => v === '' || new TextEncoder().encode(v).length > 63,
  },
  {
    code: `kubectl patch deploy api -p '{"metadata":{"labels":{"owner":"<v>"}}}'`,
    argv: (v) => ['kubectl', 'patch', 'deploy', 'api', '-p', `{"metadata":{"labels":{"owner":${JSON.stringify(v)}}}}`],
  },
  {
    code: 'curl -fsS "https://api.example.com/v1/items?owner=<v>"',
    argv: (v) => [
      'curl',
      '-fsS',
      `https://api.example.com/v1/items?owner=${encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
    ],
  },
  {
    code: `curl -G "$PROMETHEUS_URL/api/v1/query" --data-urlencode 'query=up{pod="<v>"}'`,
    argv: (v) => ['curl', '-G', '/api/v1/query', '--data-urlencode', `query=up{pod="${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"}`],
  },
];

/** Text another program parses again: every value is refused, a plain integer only in arithmetic. */
const REPARSED: { code: string; accepts?: RegExp; type?: ValueType }[] = [
  { code: 'sh -c "echo <v>"' },
  { code: 'setsid sh -c "echo <v>"' },
  { code: "find /tmp -maxdepth 0 -exec sh -c 'echo <v>' \\;" },
  { code: 'ssh host echo <v>' },
  { code: 'watch echo <v>' },
  { code: 'eval "echo <v>"' },
  { code: `awk 'BEGIN { print "<v>" }'` },
  { code: 'sed "s/a/<v>/" /dev/null' },
  { code: `echo "SELECT '<v>'" | psql` },
  { code: '(( <v> > 1 ))', accepts: /^-?[0-9]+$/, type: 'integer' },
  { code: 'echo $(( <v> + 1 ))', accepts: /^-?[0-9]+$/, type: 'integer' },
  { code: 'let "n = <v>"', accepts: /^-?[0-9]+$/, type: 'integer' },
  { code: 'declare -i n=<v>', accepts: /^-?[0-9]+$/, type: 'integer' },
  { code: '[[ <v> -gt 1 ]]', accepts: /^-?[0-9]+$/, type: 'integer' },
  { code: 'echo "${a[<v>]}"', accepts: /^-?[0-9]+$/, type: 'integer' },
  // The second adversarial pass: text that runs later, through a file, a variable or a program's configuration.
  { code: 'echo <v> > /tmp/x.sh; sh /tmp/x.sh' },
  { code: 'cat > /tmp/f <<EOF\necho <v>\nEOF\nbash /tmp/f' },
  { code: 'echo <v> | sudo tee -a ~/.bashrc' },
  { code: "awk -v x=<v> 'BEGIN { system(x) }'" },
  { code: `awk '{ print x | "sh" }' x=<v>` },
  { code: 'X=<v>; Y=$X; eval "$Y"' },
  { code: 'read -r Y <<< <v>; eval "$Y"' },
  { code: 'export Y=<v>; bash -c "$Y"' },
  { code: 'kubectl --kubeconfig <v> get pods' },
  { code: 'git -C <v> status' },
  { code: 'KUBECONFIG=<v> kubectl get pods' },
  { code: 'ssh -F <v> host uptime' },
  { code: 'curl -K <v> https://x.example.com' },
  { code: 'fc -e <v>' },
  { code: 'PROMPT_COMMAND=<v>' },
  { code: `psql -c "SELECT dblink_exec('dbname=x', '<v>')"` },
  { code: `psql -c "SELECT 'select ' || '<v>' \\gexec"` },
];

const unacceptable = (v: string) => valueProblem({}, v) !== undefined;

describe('shell contexts, checked by bash', () => {
  it(`bash passes exactly the intended argv, or the value is refused (${runs(0.3)} runs of up to 6 values)`, { timeout: 300_000 }, () => {
    fc.assert(
      fc.property(fc.array(anyValue, { minLength: 1, maxLength: 6 }), (values) => {
        const lines: string[] = [];
        const expected: string[][] = [];
        for (const v of values) {
          for (const { code, argv, refuses, type } of SHELL_TEMPLATES) {
            const filled = fill(code, v, 'shell', type);
            if ('refused' in filled) {
              expect(unacceptable(v) || refuses?.(v), `${code} refused ${JSON.stringify(v)}: ${filled.refused}`).toBe(true);
              continue;
            }
            expect(unacceptable(v) || (refuses?.(v) ?? false), `${code} accepted ${JSON.stringify(v)}`).toBe(false);
            lines.push(filled.text);
            expected.push(argv(v));
          }
        }
        expect(argvOf(lines)).toEqual(expected);
      }),
      { numRuns: runs(0.3) },
    );
  });

  it(`text parsed again is refused for every value, but an integer in arithmetic (${runs(0.2)} runs)`, { timeout: 300_000 }, () => {
    fc.assert(
      fc.property(fc.oneof(anyValue, fc.integer().map(String)), (v) => {
        for (const { code, accepts, type } of REPARSED) {
          const filled = fill(code, v, 'shell', type);
          const ok = accepts?.test(v) ?? false;
          expect('text' in filled, `${code} with ${JSON.stringify(v)}`).toBe(ok);
        }
      }),
      { numRuns: runs(0.2) },
    );
  });

  it('every context kind is covered by the templates', () => {
    const kinds = new Set(
      [...SHELL_TEMPLATES.map((template) => template.code), ...REPARSED.map((template) => template.code)].map((code) =>
        contextName(analyzeBlock({ code, kind: 'command', language: 'shell' }).placeholders[0].context),
      ),
    );
    for (const kind of [
      'shell-word',
      'shell-single',
      'shell-double',
      'shell-ansi',
      'shell-double>sql-string',
      'shell-single>sql-value',
      'shell-double>sql-identifier',
      'shell-single>json-string',
      'shell-double>url-query',
      'shell-single>promql-string',
      'refused',
      'token',
    ]) {
      expect(kinds).toContain(kind);
    }
  });
});

describe('awk variables, checked by awk', () => {
  // awk reads escape sequences in `-v name=value` and `name=value` operands; the value must come back as it is.
  const TEMPLATES = [`awk -v x=<v> 'BEGIN { printf "%s", x }'`, `awk 'END { printf "%s", x }' x=<v> /dev/null`, `awk -vx=<v> 'BEGIN { printf "%s", x }'`];

  it('the templates are awk-string contexts', () => {
    for (const code of TEMPLATES)
      expect(contextName(analyzeBlock({ code, kind: 'command', language: 'shell' }).placeholders[0].context)).toBe('shell-word>awk-string');
  });

  it(`awk prints exactly the value, or it is refused (${runs(0.1)} runs of up to 6 values)`, { timeout: 300_000 }, () => {
    fc.assert(
      fc.property(fc.array(anyValue, { minLength: 1, maxLength: 6 }), (values) => {
        const lines: string[] = [];
        const expected: string[] = [];
        for (const v of values) {
          for (const code of TEMPLATES) {
            const filled = fill(code, v);
            if ('refused' in filled) {
              expect(unacceptable(v), `${code} refused ${JSON.stringify(v)}: ${filled.refused}`).toBe(true);
              continue;
            }
            lines.push(`${filled.text}; builtin printf '\\0'`);
            expected.push(v);
          }
        }
        const result = spawnSync('bash', ['--norc', '--noprofile', '-c', lines.join('\n')], { env: { PATH: process.env.PATH, LC_ALL: 'C.UTF-8' } });
        expect(result.stderr.toString()).toBe('');
        expect(result.stdout.toString('utf8').split('\0').slice(0, -1)).toEqual(expected);
      }),
      { numRuns: runs(0.1) },
    );
  });
});

describe('SQL, checked by the PostgreSQL 18 parser', () => {
  /** Templates of SQL blocks, and where the value must land in the parse tree. */
  const TEMPLATES: { code: string; node: (tree: unknown) => unknown; expected: (v: string) => unknown; refuses?: (v: string) => boolean; type?: ValueType }[] =
    [
      { code: "SELECT * FROM t WHERE name = '<v>'", node: (tree) => where(tree), expected: (v) => ({ A_Const: { sval: { sval: v } } }) },
      { code: "SELECT * FROM t WHERE name = E'<v>'", node: (tree) => where(tree), expected: (v) => ({ A_Const: { sval: { sval: v } } }) },
      { code: 'SELECT * FROM t WHERE name = <v>', node: (tree) => where(tree), expected: (v) => ({ A_Const: { sval: { sval: v } } }) },
      {
        code: 'SELECT * FROM <v> WHERE true',
        node: (tree) => first(tree).SelectStmt.fromClause[0].RangeVar.relname,
        expected: (v) => v,
        refuses: (v) => v === '' || new TextEncoder().encode(v).length > 63,
      },
      {
        code: 'SELECT "<v>" FROM t',
        node: (tree) => first(tree).SelectStmt.targetList[0].ResTarget.val.ColumnRef.fields[0].String.sval,
        expected: (v) => v,
        refuses: (v) => v === '' || new TextEncoder().encode(v).length > 63,
      },
    ];
  // Parse trees, loosely typed: the test reads a few known paths.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const first = (tree: unknown): any => (tree as { stmts: { stmt: unknown }[] }).stmts[0].stmt;
  const where = (tree: unknown) => withoutLocations(first(tree).SelectStmt.whereClause.A_Expr.rexpr);

  it(`SQL run again (dblink_exec, \\gexec, DO ... EXECUTE, psql \\!) is refused for every value (${runs(0.1)} runs)`, () => {
    const refusedTemplates = [
      "SELECT dblink_exec('dbname=x', 'DROP TABLE <v>')",
      "SELECT 'VACUUM ' || '<v>' \\gexec",
      "DO $$ BEGIN EXECUTE 'ANALYZE <v>'; END $$",
      '\\! echo <v>',
      "SELECT query_to_xml('SELECT <v>', true, false, '')",
    ];
    fc.assert(
      fc.property(anyValue, (v) => {
        for (const code of refusedTemplates) expect('refused' in fill(code, v, 'sql'), `${code} with ${JSON.stringify(v)}`).toBe(true);
      }),
      { numRuns: runs(0.1) },
    );
  });

  it(`one statement, and the literal or name is exactly the value (${runs(0.3)} runs)`, { timeout: 300_000 }, () => {
    fc.assert(
      fc.property(anyValue, (v) => {
        for (const { code, node, expected, refuses, type } of TEMPLATES) {
          const filled = fill(code, v, 'sql', type);
          if ('refused' in filled) {
            expect(unacceptable(v) || refuses?.(v), `${code} refused ${JSON.stringify(v)}`).toBe(true);
            continue;
          }
          const tree = parseSync(filled.text);
          expect(tree.stmts, filled.text).toHaveLength(1);
          expect(withoutLocations(node(tree)), filled.text).toEqual(expected(v));
        }
      }),
      { numRuns: runs(0.3) },
    );
  });
});

describe('PromQL, checked by Prometheus grammar', () => {
  /** The selectors and label matchers of a query, as the grammar reads them. */
  function selectors(query: string): string[] {
    const found: string[] = [];
    const tree = promqlParser.parse(query);
    let error = false;
    tree.iterate({
      enter(node) {
        if (node.type.isError) error = true;
        if (node.name === 'VectorSelector' || node.name === 'LabelName' || node.name === 'MatchOp')
          found.push(node.name === 'VectorSelector' ? 'selector' : query.slice(node.from, node.to));
      },
    });
    if (error) found.push('error');
    return found;
  }

  it(`the value stays one label value: same selectors and matchers (${runs(0.2)} runs)`, { timeout: 300_000 }, () => {
    const templates = ['up{pod="<v>"}', "up{pod=~'<v>'}", 'up{pod=<v>}', 'sum by (job) (rate(http_requests_total{job="api", pod!="<v>"}[5m]))'];
    const neutral = templates.map((code) => selectors(code.replace('<v>', 'x').replace('=x}', '="x"}')));
    fc.assert(
      fc.property(anyValue, (v) => {
        templates.forEach((code, index) => {
          const filled = fill(code, v, 'promql');
          if ('refused' in filled) {
            expect(unacceptable(v), `${code} refused ${JSON.stringify(v)}`).toBe(true);
            return;
          }
          expect(selectors(filled.text), filled.text).toEqual(neutral[index]);
        });
      }),
      { numRuns: runs(0.2) },
    );
  });
});

function withoutLocations(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutLocations);
  if (node && typeof node === 'object')
    return Object.fromEntries(
      Object.entries(node)
        .filter(([key]) => key !== 'location')
        .map(([key, child]) => [key, withoutLocations(child)]),
    );
  return node;
}

describe('hostile values, run for real', () => {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-marker-'));
  const marker = join(dir, 'pwned');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const payloads = [
    `touch ${marker}`,
    `$(touch ${marker})`,
    `\`touch ${marker}\``,
    `'; touch ${marker}; '`,
    `"; touch ${marker}; "`,
    `a[$(touch ${marker})]`,
    `x\ntouch ${marker}`,
    `1e;s/x/touch ${marker}/e`,
    `"; system("touch ${marker}"); "`,
    `$'\\x27'; touch ${marker}`,
  ];
  // One sample per context kind; the programs are the real ones where they are on every machine (bash, sh, awk, sed),
  // and printers of their argv for the clients that are not (psql, kubectl, curl).
  const samples = [
    'echo <v>',
    "echo '<v>'",
    'echo "pod <v>"',
    "echo $'<v>'",
    'cat <<EOF\n<v>\nEOF',
    `psql -c "SELECT '<v>'"`,
    `kubectl patch d -p '{"a":"<v>"}'`,
    'curl "https://x.example.com/?q=<v>"',
    `curl --data-urlencode 'query=up{pod="<v>"}' http://p/api/v1/query`,
    '(( <v> > 1 ))',
    'sh -c "echo <v>"',
    'awk \'BEGIN { print "<v>" }\'',
    'sed "s/a/<v>/" /dev/null',
    'find /dev/null -exec sh -c "echo <v>" \\;',
    `echo "SELECT '<v>'" | sh`,
    // The second adversarial pass: awk variables, files that run, variable chains.
    `awk -v x=<v> 'BEGIN { print x }'`,
    `awk 'END { print x }' x=<v> /dev/null`,
    `awk -v x=<v> 'BEGIN { system(x) }'`,
    `echo <v> > ${dir}/s.sh; sh ${dir}/s.sh`,
    `cat > ${dir}/t.sh <<EOF\necho <v>\nEOF\nbash ${dir}/t.sh`,
    'X=<v>; Y=$X; eval "$Y"',
    'read -r Y <<< <v>; eval "$Y"',
    'export Y=<v>; bash -c "$Y"',
  ];
  it.each(samples)('%s never runs the value', (code) => {
    for (const v of payloads) {
      const filled = fill(code, v);
      if ('refused' in filled) continue;
      spawnSync('bash', ['--norc', '--noprofile', '-c', `${ARGV_DUMP.replace(/\becho\(\).*\n/, '')}\n${filled.text}`], {
        env: { PATH: process.env.PATH, LC_ALL: 'C.UTF-8' },
        stdio: 'ignore',
        timeout: 5000,
      });
      expect(existsSync(marker), `${filled.text} created the marker`).toBe(false);
    }
  });
});
