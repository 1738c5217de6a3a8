// Properties of quoting, checked against the real interpreters: whatever the value, bash receives exactly the
// intended argv (no extra word, command or redirection), and PostgreSQL's parser sees the same statement with
// only the literal or identifier changed — also where a second interpreter parses the text again (`sh -c`,
// `ssh host ...`, `watch`, `eval`, `psql -c`).
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { loadModule, parseSync, scanSync } from 'libpg-query';
import { beforeAll, describe, expect, it } from 'vitest';
import { fillPlaceholders, type ValueType } from '../../src/lib/quote.ts';

/** Characters that mean something to a shell or to SQL, mixed with any other code point (NUL aside). */
const SPECIALS = [...`'"\\$\`!;&|<>(){}[]*?~#=%,^@ -`, '\n', '\t', '\r', '$(', '`id`', "'\\''", '--', '/*', '*/', 'EOF', '\u00a0', 'é', '☃', '😀'];
const char = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SPECIALS) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => c !== '\0') },
);
const value = fc.string({ unit: char, maxLength: 12 });
/** Values that are plain words, where a second parser accepts only those; and the classic attacks. */
const plain = fc.stringMatching(/^[A-Za-z0-9_.:/@+-]{1,10}$/);
const attack = fc.constantFrom('x; rm -rf ~', 'x && reboot', '$(id)', '`id`', "x' ; id ; '", 'x" ; id ; "', '1; DROP TABLE users', "1' OR '1'='1", 'a\nid', '--all', '-rf', '~root');
const anyValue = fc.oneof({ weight: 3, arbitrary: value }, { weight: 2, arbitrary: plain }, { weight: 1, arbitrary: attack });

/**
 * The words bash passes to `echo`, `printf` and `psql`, redefined as functions that print their argv NUL-separated
 * (exported, so that a `bash -c` inside sees them). `ssh` and `watch` stand-ins do what the real ones do with their
 * words: join them with spaces and hand them to a shell (the remote user's, `sh -c`).
 */
const ARGV_DUMP = [
  `echo() { builtin printf '%s\\0' "$#" "$@"; }`,
  `printf() { builtin printf '%s\\0' "$#" "$@"; }`,
  `psql() { builtin printf '%s\\0' "$#" "$@"; }`,
  'export -f echo printf psql',
  'ssh() { shift; bash --norc --noprofile -c "$*"; }',
  'watch() { bash --norc --noprofile -c "$*"; }',
  '',
].join('\n');
/** What a second shell accepts (quote.ts's plain shell token). */
const SHELL_TOKEN = /^[A-Za-z0-9_.:/@+]+(?:-[A-Za-z0-9_.:/@+]+)*$/;

function argvOf(lines: string[]): string[][] {
  const result = spawnSync('bash', ['--norc', '--noprofile', '-c', ARGV_DUMP + lines.join('\n')], { env: { PATH: process.env.PATH, LC_ALL: 'C' } });
  expect(result.stderr.toString(), 'bash wrote to stderr').toBe('');
  expect(result.status).toBe(0);
  const fields = result.stdout.toString('utf8').split('\0').slice(0, -1);
  const commands: string[][] = [];
  for (let i = 0; i < fields.length; ) {
    const argc = Number(fields[i]);
    commands.push(fields.slice(i + 1, i + 1 + argc));
    i += 1 + argc;
  }
  return commands;
}

interface ShellTemplate {
  template: string;
  expected: (v: string) => string[];
  /** Values the template refuses, and why (a value is never changed to make it fit). */
  refuses?: (v: string) => boolean;
}

const option = (v: string) => v.startsWith('-');
const notToken = (v: string) => !SHELL_TOKEN.test(v);

const SHELL_TEMPLATES: ShellTemplate[] = [
  { template: 'echo <v>', expected: (v) => [v], refuses: option },
  // A quoted value at the start of a word is an option all the same.
  { template: "echo '<v>'", expected: (v) => [v], refuses: option },
  { template: 'echo "<v>"', expected: (v) => [v], refuses: option },
  { template: "echo ''<v>", expected: (v) => [v], refuses: option },
  { template: "printf '%s\\n' x<v>y", expected: (v) => ['%s\\n', `x${v}y`] },
  { template: 'echo a<v> "b<v>c" \'<v>\'d', expected: (v) => [`a${v}`, `b${v}c`, `${v}d`], refuses: option },
  { template: "echo $'<v>'", expected: (v) => [v], refuses: option },
  { template: `echo "x = '<v>'"`, expected: (v) => [`x = '${v}'`], refuses: (v) => v.includes("'") || v.includes('\\') },
];

/** Parsed again by a second shell: only plain words get through, and they arrive as one argument. */
const REPARSED_TEMPLATES: ShellTemplate[] = [
  { template: 'bash -c "echo <v>"', expected: (v) => [v], refuses: notToken },
  { template: "bash -c 'echo x <v>'", expected: (v) => ['x', v], refuses: notToken },
  { template: 'ssh db-1 "echo <v>"', expected: (v) => [v], refuses: notToken },
  { template: 'ssh db-1 echo <v>', expected: (v) => [v], refuses: notToken },
  { template: 'watch echo <v>', expected: (v) => [v], refuses: notToken },
  { template: "watch 'echo <v>'", expected: (v) => [v], refuses: notToken },
  { template: 'eval echo <v>', expected: (v) => [v], refuses: notToken },
];

/** Fills every template with every value; what bash receives must be the intended argv, or the value refused. */
const argvProperty = (templates: ShellTemplate[], maxLength: number) =>
  fc.property(fc.array(anyValue, { minLength: 1, maxLength }), (values) => {
    const lines: string[] = [];
    const expected: string[][] = [];
    for (const v of values) {
      for (const { template, expected: intended, refuses } of templates) {
        const filled = fillPlaceholders(template, 'shell', { v });
        if (filled.errors.length) {
          expect(refuses?.(v), `${template} refused ${JSON.stringify(v)}: ${filled.errors[0].message}`).toBe(true);
          continue;
        }
        expect(refuses?.(v) ?? false, `${template} accepted ${JSON.stringify(v)}`).toBe(false);
        lines.push(filled.text);
        expected.push(intended(v));
      }
    }
    expect(argvOf(lines)).toEqual(expected);
  });

describe('shell quoting, checked by bash', () => {
  it('bash receives exactly the intended argv for any value (1,000 runs)', () => {
    fc.assert(argvProperty(SHELL_TEMPLATES, 6), { numRuns: 1000 });
  });

  it('a second shell (bash -c, ssh, watch, eval) receives the value as one plain argument, or it is refused (300 runs)', () => {
    fc.assert(argvProperty(REPARSED_TEMPLATES, 3), { numRuns: 300 });
  });

  it('a command substitution in a double-quoted string receives the value as one word', () => {
    // Checked apart: the inner echo's NUL-separated output cannot travel through "$(...)".
    fc.assert(
      fc.property(value.filter((v) => !v.startsWith('-')), (v) => {
        const filled = fillPlaceholders(`x="$(builtin printf '%s|' <v>)"; builtin printf '%s' "$x"`, 'shell', { v });
        const result = spawnSync('bash', ['--norc', '-c', filled.text], { env: { LC_ALL: 'C' } });
        // Command substitution drops trailing newlines; the `|` after the value protects them.
        expect(result.stdout.toString('utf8')).toBe(`${v}|`);
      }),
      { numRuns: 200 },
    );
  });

  it('sh -c (dash here) runs exactly one echo of the value, or the value is refused', () => {
    fc.assert(
      fc.property(fc.array(anyValue, { minLength: 1, maxLength: 8 }), (values) => {
        const lines: string[] = [];
        const expected: string[] = [];
        for (const v of values) {
          const filled = fillPlaceholders('sh -c "echo <v>"', 'shell', { v });
          if (filled.errors.length) {
            expect(notToken(v), `refused ${JSON.stringify(v)}`).toBe(true);
            continue;
          }
          lines.push(filled.text);
          expected.push(`${v}\n`);
        }
        const result = spawnSync('bash', ['--norc', '--noprofile', '-c', lines.join('\n')], { env: { PATH: process.env.PATH, LC_ALL: 'C' } });
        expect(result.stderr.toString()).toBe('');
        expect(result.stdout.toString('utf8')).toBe(expected.join(''));
      }),
      { numRuns: 200 },
    );
  });

  it('NUL is refused everywhere', () => {
    for (const { template } of SHELL_TEMPLATES) {
      const { errors } = fillPlaceholders(template, 'shell', { v: 'a\0b' });
      expect(errors.length).toBeGreaterThan(0);
      for (const error of errors) expect(error.message).toBe('contains a NUL character, which no command can receive');
    }
  });
});

type Tree = Record<string, unknown>;

/** A parse tree without source positions. */
function withoutLocations(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutLocations);
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node)
        .filter(([key]) => key !== 'location' && key !== 'stmt_len' && key !== 'stmt_location')
        .map(([key, child]) => [key, withoutLocations(child)]),
    );
  }
  return node;
}

function at(tree: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Tree | undefined)?.[key as string], tree);
}

/** The tree with the node at `path` replaced. */
function replaced(tree: unknown, path: (string | number)[], node: unknown): unknown {
  const copy = structuredClone(tree) as Tree;
  const parent = at(copy, path.slice(0, -1)) as Tree;
  parent[path[path.length - 1] as string] = node;
  return copy;
}

interface SqlTemplate {
  template: string;
  type?: ValueType;
  /** Where the filled value lands in the parse tree, and what the node must be. */
  path: (string | number)[];
  node: (v: string) => unknown;
  refuses?: (v: string) => boolean;
}

const WHERE = ['stmts', 0, 'stmt', 'SelectStmt', 'whereClause', 'A_Expr', 'rexpr'];
const TABLE = ['stmts', 0, 'stmt', 'SelectStmt', 'fromClause', 0, 'RangeVar', 'relname'];
const stringConst = (v: string) => ({ A_Const: { sval: { sval: v } } });
const INDEX = ['stmts', 0, 'stmt', 'IndexStmt'];
const identifierRefused = (v: string) => v === '' || new TextEncoder().encode(v).length > 63;

const SQL_TEMPLATES: SqlTemplate[] = [
  { template: 'SELECT * FROM t WHERE name = <v>', path: WHERE, node: stringConst },
  { template: "SELECT * FROM t WHERE name = '<v>'", path: WHERE, node: stringConst },
  { template: "SELECT * FROM t WHERE name = E'<v>'", path: WHERE, node: stringConst },
  { template: 'SELECT * FROM t WHERE name = <v> -- trailing comment', path: WHERE, node: stringConst },
  {
    template: 'SELECT * FROM <v>',
    path: TABLE,
    node: (v) => v,
    refuses: (v) => v === '' || new TextEncoder().encode(v).length > 63,
  },
  { template: 'SELECT * FROM "<v>"', path: TABLE, node: (v) => v, refuses: (v) => v === '' || new TextEncoder().encode(v).length > 63 },
  // CREATE INDEX: the index name, the table and a column are identifiers.
  { template: 'CREATE INDEX CONCURRENTLY <v> ON users (email)', path: INDEX.concat('idxname'), node: (v) => v, refuses: identifierRefused },
  { template: 'CREATE INDEX CONCURRENTLY IF NOT EXISTS idx ON <v> (email)', path: INDEX.concat('relation', 'relname'), node: (v) => v, refuses: identifierRefused },
  { template: 'CREATE INDEX idx ON users (<v>)', path: INDEX.concat('indexParams', 0, 'IndexElem', 'name'), node: (v) => v, refuses: identifierRefused },
];

/** Single-lexeme expressions: a plain word in bare SQL can become one of these, never more. */
const LEAVES = new Set(['A_Const', 'ColumnRef', 'SQLValueFunction']);

/** A PostgreSQL keyword (reserved, or one that cannot stand alone as a column name), by PostgreSQL's own scanner. */
const isReservedWord = (v: string) => {
  const tokens = scanSync(v).tokens;
  return tokens.length === 1 && tokens[0].keywordName !== 'NO_KEYWORD' && tokens[0].keywordName !== 'UNRESERVED_KEYWORD';
};

interface PsqlTemplate {
  template: string;
  /** Where the value lands in the parse tree; `literal` when it must be exactly a string constant. */
  path: (string | number)[];
  literal?: boolean;
  refuses: (v: string) => boolean;
}

const PSQL_WHERE = ['stmts', 0, 'stmt', 'SelectStmt', 'whereClause', 'A_Expr', 'rexpr'];
const PSQL_TEMPLATES: PsqlTemplate[] = [
  { template: 'psql "$DATABASE_URL" -c "SELECT * FROM users WHERE id = <v>"', path: PSQL_WHERE, refuses: (v) => !/^[A-Za-z0-9_]+$/.test(v) },
  { template: "psql \"$DATABASE_URL\" -Atc 'SELECT * FROM users WHERE id = <v>'", path: PSQL_WHERE, refuses: (v) => !/^[A-Za-z0-9_]+$/.test(v) },
  { template: 'psql --command="SELECT * FROM users WHERE id = <v>"', path: PSQL_WHERE, refuses: (v) => !/^[A-Za-z0-9_]+$/.test(v) },
  { template: `psql "$DATABASE_URL" -c "SELECT * FROM users WHERE name = '<v>'"`, path: PSQL_WHERE, literal: true, refuses: (v) => v.includes("'") || v.includes('\\') },
  { template: `psql -c"SELECT * FROM users WHERE name = '<v>'"`, path: PSQL_WHERE, literal: true, refuses: (v) => v.includes("'") || v.includes('\\') },
];

/** The SQL of the psql argv: its last word, without a glued `--command=` or `-c`. */
const sqlOfArgv = (argv: string[]) => argv.at(-1)!.replace(/^(?:--command=|-c)/, '');

describe('psql -c: bash, then the PostgreSQL 18 parser', () => {
  beforeAll(async () => {
    await loadModule();
  });

  it('no value adds a statement: it is refused, or the SQL psql receives parses to the same statement (500 runs)', () => {
    const neutral = PSQL_TEMPLATES.map(({ template }) => {
      const [argv] = argvOf([template.replace('<v>', 'neutral')]);
      return withoutLocations(parseSync(sqlOfArgv(argv)));
    });
    fc.assert(
      fc.property(fc.array(anyValue, { minLength: 1, maxLength: 4 }), (values) => {
        const lines: string[] = [];
        const checks: { index: number; v: string; text: string }[] = [];
        for (const v of values) {
          PSQL_TEMPLATES.forEach(({ template, refuses }, index) => {
            const filled = fillPlaceholders(template, 'shell', { v });
            if (filled.errors.length) {
              expect(refuses(v), `${template} refused ${JSON.stringify(v)}: ${filled.errors[0].message}`).toBe(true);
              return;
            }
            expect(refuses(v), `${template} accepted ${JSON.stringify(v)}`).toBe(false);
            lines.push(filled.text);
            checks.push({ index, v, text: filled.text });
          });
        }
        const argvs = argvOf(lines);
        checks.forEach(({ index, v, text }, n) => {
          const { path, literal } = PSQL_TEMPLATES[index];
          const sql = sqlOfArgv(argvs[n]);
          let tree: unknown;
          try {
            tree = withoutLocations(parseSync(sql));
          } catch {
            // `1abc` is trailing junk after a number, and a reserved word (`on`, `select`) is no value at
            // all: psql gets a syntax error and runs nothing. Anything else must parse.
            expect(/^[0-9]/.test(v) || isReservedWord(v), `${text}: ${sql} does not parse`).toBe(true);
            return;
          }
          const node = at(tree, path);
          if (literal) expect(node, text).toEqual(stringConst(v));
          else expect(Object.keys(node as object).filter((key) => LEAVES.has(key)), `${text}: ${JSON.stringify(node)}`).toHaveLength(1);
          expect(replaced(tree, path, null), text).toEqual(replaced(neutral[index], path, null));
        });
      }),
      // Found by earlier runs: reserved words as values.
      { numRuns: 500, examples: [[['on']], [['select']], [['current_user']], [['ilike']], [['between']], [['int']], [['values']]] },
    );
  });
});

describe('SQL quoting, checked by the PostgreSQL 18 parser', () => {
  beforeAll(async () => {
    await loadModule();
  });

  const neutral = (template: string) => withoutLocations(parseSync(template.replace('<v>', 'neutral')));

  it('the statement keeps its shape and the literal or identifier is exactly the value (1,000 runs)', () => {
    const neutrals = SQL_TEMPLATES.map(({ template }) => neutral(template));
    fc.assert(
      fc.property(value, (v) => {
        SQL_TEMPLATES.forEach(({ template, type, path, node, refuses }, index) => {
          const filled = fillPlaceholders(template, 'sql', { v }, { variables: { v: { type } } });
          if (filled.errors.length) {
            expect(refuses?.(v), `${template} refused ${JSON.stringify(v)}: ${filled.errors[0].message}`).toBe(true);
            return;
          }
          const tree = withoutLocations(parseSync(filled.text));
          expect(tree, filled.text).toEqual(replaced(neutrals[index], path, node(v)));
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('integer values stay numbers, anything else becomes a string literal', () => {
    const template = 'SELECT * FROM pg_stat_activity WHERE pid = <v>';
    const tree = neutral(template);
    const path = ['stmts', 0, 'stmt', 'SelectStmt', 'whereClause', 'A_Expr', 'rexpr'];
    fc.assert(
      fc.property(fc.oneof(fc.integer().map(String), value), (v) => {
        const filled = fillPlaceholders(template, 'sql', { v }, { variables: { v: { type: 'integer' } } });
        const number = /^-?[0-9]+$/.test(v);
        const parsed = withoutLocations(parseSync(filled.text));
        // The parser's own choices: 0 has no ival field (protobuf default); beyond int4 a number is a float constant.
        const n = Number(v);
        const integer = n === 0 ? { ival: {} } : Math.abs(n) <= 2 ** 31 - 1 ? { ival: { ival: n } } : { fval: { fval: v } };
        const expected = number ? { A_Const: integer } : stringConst(v);
        expect(parsed, filled.text).toEqual(replaced(tree, path, expected));
      }),
      { numRuns: 300 },
    );
  });
});
