// Quoting placeholder values: the context found for each spot, and the exact text for adversarial values.
import { describe, expect, it } from 'vitest';
import { detectContexts, fillPlaceholders, quoteFor, QuoteError, sourceOffset, type QuoteContext, type QuoteLanguage } from '../../src/lib/quote.ts';

const contextOf = (code: string, language: QuoteLanguage) => detectContexts(code, language).map((found) => found.context);
const fill = (code: string, language: QuoteLanguage, value: string, type?: 'integer' | 'number') =>
  fillPlaceholders(code, language, { v: value }, { variables: { v: { type } } });

describe('detectContexts', () => {
  const cases: [string, string, QuoteLanguage, QuoteContext][] = [
    ['bare shell word', 'kubectl logs <v> --previous', 'shell', { kind: 'shell-word', wordStart: true }],
    ['inside a shell word', 'helm upgrade --set image.tag=sha-<v>', 'shell', { kind: 'shell-word', wordStart: false }],
    ['shell single quotes', "grep 'error <v>' log", 'shell', { kind: 'shell-single' }],
    ['jsonpath string inside single quotes', `kubectl get pods -o jsonpath='{.items[?(@.name=="<v>")]}'`, 'shell', { kind: 'shell-single', innerQuote: '"' }],
    ['shell double quotes', 'curl -fsS "http://<v>/api"', 'shell', { kind: 'shell-double' }],
    ['SQL string inside double quotes', `psql -c "SELECT 1 WHERE x = '<v>'"`, 'shell', { kind: 'shell-double', innerQuote: "'" }],
    ['escaped quotes inside double quotes', 'echo "{\\"pod\\": \\"<v>\\"}"', 'shell', { kind: 'shell-double', innerQuote: '"' }],
    ['$(...) inside double quotes', 'echo "$(kubectl get pod <v>)"', 'shell', { kind: 'shell-word', wordStart: true }],
    ["$'...'", "echo $'<v>'", 'shell', { kind: 'shell-ansi', wordStart: true }],
    ["$'...' inside a word", "echo $'x<v>'", 'shell', { kind: 'shell-ansi' }],
    ['comment', 'kubectl get pods # then look at <v>', 'shell', { kind: 'comment', block: false }],
    ['heredoc body', 'cat <<EOF\nname: <v>\nEOF', 'shell', { kind: 'token', language: 'shell', where: 'a heredoc body' }],
    ['after a heredoc', "cat <<'EOF'\nx\nEOF\necho <v>", 'shell', { kind: 'shell-word', wordStart: true }],
    ['here-string', 'grep x <<< <v>', 'shell', { kind: 'shell-word', wordStart: true }],
    ['backticks', 'echo `hostname <v>`', 'shell', { kind: 'token', language: 'shell', where: 'a `...` command substitution' }],
    ['parameter expansion', 'echo ${NAME:-<v>}', 'shell', { kind: 'token', language: 'shell', where: 'a ${...} expansion' }],
    ['arithmetic', 'echo $((<v> + 1))', 'shell', { kind: 'token', language: 'shell', where: 'a $((...)) expression' }],
    ['after arithmetic', 'echo $((1 + 1)) <v>', 'shell', { kind: 'shell-word', wordStart: true }],
    ['SQL string literal', "SELECT * FROM t WHERE name = '<v>'", 'sql', { kind: 'sql-string', escapes: false }],
    ['SQL escape string', "SELECT E'a\\n<v>'", 'sql', { kind: 'sql-string', escapes: true }],
    ['SQL bare value', 'SELECT * FROM pg_stat_activity WHERE pid = <v>', 'sql', { kind: 'sql-value' }],
    ['SQL table after FROM', 'SELECT * FROM <v>', 'sql', { kind: 'sql-identifier', quoted: false }],
    ['SQL table after JOIN', 'SELECT * FROM a JOIN <v> ON true', 'sql', { kind: 'sql-identifier', quoted: false }],
    ['SQL qualified name', 'SELECT * FROM <v>.events', 'sql', { kind: 'sql-identifier', quoted: false }],
    ['SQL quoted identifier', 'SELECT "<v>" FROM t', 'sql', { kind: 'sql-identifier', quoted: true }],
    ['SQL line comment', 'SELECT 1 -- for <v>', 'sql', { kind: 'comment', block: false }],
    ['SQL block comment', 'SELECT /* <v> */ 1', 'sql', { kind: 'comment', block: true }],
    ['SQL dollar quotes', 'SELECT $$<v>$$', 'sql', { kind: 'token', language: 'sql', where: 'a dollar-quoted string' }],
    ['SQL name part', 'SELECT * FROM events_<v>', 'sql', { kind: 'token', language: 'sql', where: 'a longer SQL name or number' }],
    ['SQL index name after CONCURRENTLY', 'CREATE INDEX CONCURRENTLY <v> ON users (email)', 'sql', { kind: 'sql-identifier', quoted: false }],
    ['SQL index name after IF NOT EXISTS', 'CREATE UNIQUE INDEX IF NOT EXISTS <v> ON users (email)', 'sql', { kind: 'sql-identifier', quoted: false }],
    ['SQL table after ON of CREATE INDEX', 'CREATE INDEX idx ON <v> (email)', 'sql', { kind: 'sql-identifier', quoted: false }],
    ['SQL table after ON of CREATE TRIGGER', 'CREATE TRIGGER audit AFTER UPDATE ON <v> FOR EACH ROW EXECUTE FUNCTION audit()', 'sql', { kind: 'sql-identifier', quoted: false }],
    ['SQL column in an index column list', 'CREATE INDEX idx ON users USING btree (<v>)', 'sql', { kind: 'sql-identifier', quoted: false }],
    ['SQL column inside an index expression', 'CREATE INDEX idx ON public.users (lower(<v>))', 'sql', { kind: 'sql-identifier', quoted: false }],
    ['SQL column of INCLUDE', 'CREATE INDEX idx ON users (email) INCLUDE (<v>)', 'sql', { kind: 'sql-identifier', quoted: false }],
    ['SQL value in the WHERE of a partial index', 'CREATE INDEX idx ON users (email) WHERE state = <v>', 'sql', { kind: 'sql-value' }],
    ['SQL view, sequence, schema, database', 'DROP VIEW <v>', 'sql', { kind: 'sql-identifier', quoted: false }],
    ['SQL column after COLUMN', 'ALTER TABLE users DROP COLUMN <v>', 'sql', { kind: 'sql-identifier', quoted: false }],
    ['SQL new name after RENAME TO', 'ALTER TABLE users RENAME TO <v>', 'sql', { kind: 'sql-identifier', quoted: false }],
    ['SQL new name after RENAME COLUMN x TO', 'ALTER TABLE users RENAME COLUMN mail TO <v>', 'sql', { kind: 'sql-identifier', quoted: false }],
    ['SQL role after OWNER TO', 'ALTER DATABASE shop OWNER TO <v>', 'sql', { kind: 'sql-identifier', quoted: false }],
    ['SQL value after SET ... TO', 'SET statement_timeout TO <v>', 'sql', { kind: 'sql-value' }],
    ['SQL column list of INSERT INTO', 'INSERT INTO audit (<v>) VALUES (1)', 'sql', { kind: 'sql-identifier', quoted: false }],
    ['SQL value in VALUES', 'INSERT INTO audit (note) VALUES (<v>)', 'sql', { kind: 'sql-value' }],
    ['SQL value in IN (...)', 'SELECT * FROM t WHERE x IN (<v>)', 'sql', { kind: 'sql-value' }],
    ['PromQL label value string', 'up{pod="<v>"}', 'promql', { kind: 'promql-string', quote: '"' }],
    ['PromQL single-quoted string', "up{pod=~'<v>'}", 'promql', { kind: 'promql-string', quote: "'" }],
    ['PromQL raw string', 'up{pod=`<v>`}', 'promql', { kind: 'promql-raw' }],
    ['PromQL bare label value', 'up{pod=<v>}', 'promql', { kind: 'promql-label-value' }],
    ['PromQL range', 'rate(x[<v>])', 'promql', { kind: 'token', language: 'promql', where: 'PromQL outside a string' }],
  ];
  it.each(cases)('%s', (_name, code, language, expected) => {
    expect(contextOf(code, language)).toEqual([expected]);
  });

  const SH = (by: string): QuoteContext => ({ kind: 'token', language: 'shell', where: `code that \`${by}\` hands to another shell` });
  const SQL = (by: string): QuoteContext => ({ kind: 'token', language: 'sql', where: `the SQL of \`${by}\` outside a string literal` });
  const start = { wordStart: true } as const;
  const atWordStart: [string, string, QuoteContext][] = [
    ['double quotes at a word start', 'kubectl delete pod "<v>"', { kind: 'shell-double', ...start }],
    ['single quotes at a word start', "git diff '<v>'", { kind: 'shell-single', ...start }],
    ['after empty quotes', "rm ''<v>", { kind: 'shell-word', wordStart: true }],
    ['after another placeholder', 'rm <a><v>', { kind: 'shell-word', wordStart: true }],
    ['after empty quotes, then quoted', `rm ""'<v>'`, { kind: 'shell-single', ...start }],
    ['after a word in the same quotes', 'grep "error <v>" log', { kind: 'shell-double' }],
    ['after text glued to the quotes', 'echo x"<v>"', { kind: 'shell-double' }],
    ['after a closed non-empty string', "echo 'a'''<v>", { kind: 'shell-word', wordStart: false }],
    ['after a space inside closed quotes', 'echo "a "<v>', { kind: 'shell-word', wordStart: false }],
  ];
  it.each(atWordStart)('word start: %s', (_name, code, expected) => {
    expect(contextOf(code, 'shell').at(-1)).toEqual(expected);
  });

  const reparsed: [string, string, QuoteContext][] = [
    ['sh -c "..."', 'sh -c "ls <v>"', SH('sh -c')],
    ["bash -c '...'", "bash -c 'tail <v>'", SH('bash -c')],
    ['bash -lc', 'sudo bash -lc "systemctl status <v>"', SH('bash -c')],
    ['ssh host "..."', 'ssh db-1 "tail <v>"', SH('ssh')],
    ['ssh host words (joined for the remote shell)', 'ssh -i key.pem db-1 tail <v>', SH('ssh')],
    ['ssh host: the host itself is an argument', 'ssh ec2-user@<v> uptime', { kind: 'shell-word', wordStart: false }],
    ["watch '...'", "watch 'kubectl get pod <v>'", SH('watch')],
    ['watch words (sh -c)', 'watch -n 5 kubectl get pod <v>', SH('watch')],
    ['watch -x runs its words as they are', 'watch -x kubectl get pod <v>', { kind: 'shell-word', wordStart: true }],
    ["su -c '...'", "su - postgres -c 'psql -c \"SELECT <v>\"'", SH('su -c')],
    ['eval', 'eval "echo <v>"', SH('eval')],
    ['kubectl exec -- sh -c', 'kubectl exec deploy/api -- sh -c "ls <v>"', SH('sh -c')],
    ['kubectl exec -- without a shell is argv', 'kubectl exec deploy/api -- ls <v>', { kind: 'shell-word', wordStart: true }],
    ['psql -c, bare SQL', 'psql "$DATABASE_URL" -c "SELECT * FROM users WHERE id = <v>"', SQL('psql -c')],
    ['psql -Atc', 'psql "$DATABASE_URL" -Atc "DELETE FROM sessions WHERE id = <v>"', SQL('psql -c')],
    ['psql -c"..."', 'psql -c"SELECT <v>"', SQL('psql -c')],
    ['psql --command=', 'psql --command="SELECT <v>"', SQL('psql -c')],
    ['psql --command', "psql --command 'SELECT <v>'", SQL('psql -c')],
    ['psql -c, quoted SQL identifier', `psql -c 'SELECT "<v>" FROM t'`, SQL('psql -c')],
    ['psql -c, not the parity of quotes but the SQL decides', `psql -c "SELECT E'it\\'s', <v>"`, SQL('psql -c')],
    ['psql -c, SQL string literal keeps the inner-quote rule', `psql -c "SELECT 1 WHERE x = '<v>'"`, { kind: 'shell-double', innerQuote: "'" }],
    ['psql --command=, SQL string literal', `psql --command="SELECT '<v>'"`, { kind: 'shell-double', innerQuote: "'" }],
    ["psql -c '...'\\''<v>'\\''...'", `psql -c 'SELECT '\\''<v>'\\'''`, { kind: 'shell-single', innerQuote: "'" }],
    ['mysql -e', 'mysql -e "DROP TABLE <v>"', SQL('mysql -e')],
    ['mysql -Ne, string literal', `mysql -Ne "SELECT * FROM t WHERE name = '<v>'"`, { kind: 'shell-double', innerQuote: "'" }],
    ['psql connection word is not SQL', 'psql "<v>" -c "SELECT 1"', { kind: 'shell-double', ...start }],
  ];
  it.each(reparsed)('parsed again: %s', (_name, code, expected) => {
    expect(contextOf(code, 'shell').at(-1)).toEqual(expected);
  });

  it('parsed again in console blocks too', () => {
    expect(contextOf('$ ssh db-1 tail <v>\n<v> is not a command', 'console')).toEqual([SH('ssh')]);
  });

  it('console blocks: only prompt lines, with offsets into the whole code', () => {
    const code = '$ kubectl logs <v> \\\n  --tail=10\nerror in <v>\n$ echo "<v>"';
    const found = detectContexts(code, 'console');
    expect(found.map((f) => [code.slice(f.start, f.end), f.start, f.context.kind])).toEqual([
      ['<v>', 15, 'shell-word'],
      ['<v>', 54, 'shell-double'],
    ]);
  });
});

describe('quoteFor: adversarial values', () => {
  const word: QuoteContext = { kind: 'shell-word', wordStart: true };
  const cases: [string, QuoteContext, string, string][] = [
    ['plain word stays bare', word, 'api-7d9f.x_1:2/3@a+b', 'api-7d9f.x_1:2/3@a+b'],
    ['space', word, 'a b', "'a b'"],
    ['single quote', word, "it's", "'it'\\''s'"],
    ['double quote', word, 'say "hi"', `'say "hi"'`],
    ['command substitution', word, '$(rm -rf /)', "'$(rm -rf /)'"],
    ['backticks', word, '`id`', "'`id`'"],
    ['semicolon', word, 'a; reboot', "'a; reboot'"],
    ['newline', word, 'a\nreboot', "'a\nreboot'"],
    ['backslash', word, 'a\\b', "'a\\b'"],
    ['unicode', word, 'zürich-☃', "'zürich-☃'"],
    ['empty', word, '', "''"],
    ['glob', word, '*', "'*'"],
    ['leading dash inside a word', { kind: 'shell-word', wordStart: false }, '-x', '-x'],
    ['single-quoted string', { kind: 'shell-single' }, "it's $(x)", "it'\\''s $(x)"],
    ['double-quoted string, plain', { kind: 'shell-double' }, "it's fine", "it's fine"],
    ['double-quoted string, dollar', { kind: 'shell-double' }, '$HOME', `"'$HOME'"`],
    ['double-quoted string, bang and quote', { kind: 'shell-double' }, `a!"b'`, `"'a!"b'\\'''"`],
    ["$'...'", { kind: 'shell-ansi' }, "a'b\\c\nd", "a\\'b\\\\c\\nd"],
    ['leading dash in quotes inside a word', { kind: 'shell-double' }, '-x', '-x'],
    ['SQL string', { kind: 'sql-string', escapes: false }, "x' OR '1'='1", "x'' OR ''1''=''1"],
    ['SQL string keeps backslash', { kind: 'sql-string', escapes: false }, 'a\\', 'a\\'],
    ['SQL escape string', { kind: 'sql-string', escapes: true }, "a\\'", "a\\\\''"],
    ['SQL value', { kind: 'sql-value' }, "1; DROP TABLE t; --", "'1; DROP TABLE t; --'"],
    ['SQL identifier', { kind: 'sql-identifier', quoted: false }, 'Users"; DROP', '"Users""; DROP"'],
    ['SQL quoted identifier', { kind: 'sql-identifier', quoted: true }, 'a"b', 'a""b'],
    ['PromQL double-quoted', { kind: 'promql-string', quote: '"' }, 'a"}\\\nb', 'a\\"}\\\\\\nb'],
    ['PromQL single-quoted', { kind: 'promql-string', quote: "'" }, `a'"`, `a\\'"`],
    ['PromQL label value', { kind: 'promql-label-value' }, 'x", job="y', '"x\\", job=\\"y"'],
    ['comment', { kind: 'comment', block: false }, 'any $(thing)', 'any $(thing)'],
  ];
  it.each(cases)('%s', (_name, context, value, expected) => {
    expect(quoteFor(context, value)).toBe(expected);
  });

  it('numbers stay bare in SQL values when the variable is a number', () => {
    expect(quoteFor({ kind: 'sql-value' }, '42', { type: 'integer' })).toBe('42');
    expect(quoteFor({ kind: 'sql-value' }, '-5', { type: 'integer' })).toBe('(-5)');
    expect(quoteFor({ kind: 'sql-value' }, '2.5', { type: 'number' })).toBe('2.5');
    expect(quoteFor({ kind: 'sql-value' }, '2.5', { type: 'integer' })).toBe("'2.5'");
    expect(quoteFor({ kind: 'sql-value' }, '42')).toBe("'42'");
  });

  it('a negative number may start a shell word when the variable is a number', () => {
    expect(quoteFor(word, '-3', { type: 'integer' })).toBe('-3');
    expect(quoteFor({ kind: 'shell-double', wordStart: true }, '-3', { type: 'integer' })).toBe('-3');
    expect(quoteFor({ kind: 'shell-single', wordStart: true }, '-2.5', { type: 'number' })).toBe('-2.5');
  });

  const refused: [string, QuoteContext, string, string][] = [
    ['NUL anywhere', { kind: 'shell-single' }, 'a\0b', 'contains a NUL character, which no command can receive'],
    ['leading dash at a word start', word, '--all-namespaces', 'starts with "-" at the start of a word, where the command would read it as an option'],
    ['leading dash in double quotes at a word start', { kind: 'shell-double', wordStart: true }, '--all', 'starts with "-" at the start of a word, where the command would read it as an option'],
    ['leading dash in single quotes at a word start', { kind: 'shell-single', wordStart: true }, '--output=/etc/passwd', 'starts with "-" at the start of a word, where the command would read it as an option'],
    ["leading dash in $'...' at a word start", { kind: 'shell-ansi', wordStart: true }, '-rf', 'starts with "-" at the start of a word, where the command would read it as an option'],
    ['inner single quote in single quotes', { kind: 'shell-single', innerQuote: "'" }, "x' OR '1'='1", "contains a single quote or a backslash, which would end the '...' string around the placeholder inside the shell string"],
    ['inner double quote', { kind: 'shell-single', innerQuote: '"' }, 'x")]}', "contains a double quote or a backslash, which would end the \"...\" string around the placeholder inside the shell string"],
    ['inner single quote', { kind: 'shell-double', innerQuote: "'" }, "x' OR '1'='1", "contains a single quote or a backslash, which would end the '...' string around the placeholder inside the shell string"],
    ['line break in a comment', { kind: 'comment', block: false }, 'a\nreboot', 'contains a line break, which would end the comment it is in and start new code'],
    ['end of a block comment', { kind: 'comment', block: true }, '*/ DROP TABLE t; /*', 'contains /* or */, which would end the /* ... */ comment it is in'],
    ['empty identifier', { kind: 'sql-identifier', quoted: false }, '', 'is empty; a SQL identifier cannot be empty'],
    ['long identifier', { kind: 'sql-identifier', quoted: false }, 'é'.repeat(32), 'is longer than 63 bytes; PostgreSQL would cut the identifier short and name another object'],
    ['backtick in a raw PromQL string', { kind: 'promql-raw' }, 'a`b', 'contains a backtick, which would end the raw PromQL string it is in'],
    ['token context', { kind: 'token', language: 'shell', where: 'a heredoc body' }, 'a b', 'sits in a heredoc body, where only a plain value (letters, digits and . _ : / @ + -) can be filled in safely'],
    ['SQL token context', { kind: 'token', language: 'sql', where: 'a longer SQL name or number' }, 'a-b', 'sits in a longer SQL name or number, where only a plain value (letters, digits and _) can be filled in safely'],
  ];
  it.each(refused)('refuses: %s', (_name, context, value, message) => {
    expect(() => quoteFor(context, value)).toThrow(new QuoteError(message));
  });
});

describe('fillPlaceholders', () => {
  it('fills every occurrence for its context and reports segments', () => {
    const code = `kubectl get pod <v> -o jsonpath='{.metadata.name}' && echo "pod: <v>"`;
    const result = fill(code, 'shell', "a'b");
    expect(result.text).toBe(`kubectl get pod 'a'\\''b' -o jsonpath='{.metadata.name}' && echo "pod: a'b"`);
    expect(result.segments.map((s) => [result.text.slice(s.start, s.end), code.slice(s.sourceStart, s.sourceEnd), s.filled])).toEqual([
      ["'a'\\''b'", '<v>', true],
      ["a'b", '<v>', true],
    ]);
    expect(result.missing).toEqual([]);
    expect(result.errors).toEqual([]);
  });

  it('keeps unfilled placeholders visible and names them once', () => {
    const result = fillPlaceholders('echo <a> <b> <a>', 'shell', { b: 'x' });
    expect(result.text).toBe('echo <a> x <a>');
    expect(result.missing).toEqual(['a']);
    expect(result.segments.map((s) => s.filled)).toEqual([false, true, false]);
  });

  it('reports values that cannot go where their placeholder is, and keeps the placeholder', () => {
    const result = fill('cat <<EOF\n<v>\nEOF', 'shell', 'a; b');
    expect(result.text).toBe('cat <<EOF\n<v>\nEOF');
    expect(result.errors).toEqual([{ name: 'v', message: expect.stringContaining('heredoc body'), sourceStart: 10, sourceEnd: 13 }]);
  });

  it('fills the example runbook commands', () => {
    expect(fill('kubectl -n tickets-dev scale deployment backend --replicas=<v>', 'shell', '5', 'integer').text).toBe('kubectl -n tickets-dev scale deployment backend --replicas=5');
    expect(fill("SELECT pid FROM pg_stat_activity WHERE pid = <v> AND state = '<v>'", 'sql', '42', 'integer').text).toBe("SELECT pid FROM pg_stat_activity WHERE pid = 42 AND state = '42'");
  });

  it('fills CREATE INDEX with identifiers, not string literals', () => {
    const values = { index: 'idx_users_email', table: 'users', column: 'email', state: 'active' };
    const filled = fillPlaceholders('CREATE INDEX CONCURRENTLY IF NOT EXISTS <index> ON <table> (<column>) WHERE state = <state>;', 'sql', values);
    expect(filled.text).toBe(`CREATE INDEX CONCURRENTLY IF NOT EXISTS "idx_users_email" ON "users" ("email") WHERE state = 'active';`);
    expect(fillPlaceholders('CREATE INDEX CONCURRENTLY <index-name> ON <table-name> (<column-name>, <other>)', 'sql', { 'index-name': 'idx', 'table-name': 'users', 'column-name': 'email', other: 'name' }).text).toBe(
      'CREATE INDEX CONCURRENTLY "idx" ON "users" ("email", "name")',
    );
    expect(fillPlaceholders('ALTER DATABASE <old> RENAME TO <new>;', 'sql', { old: 'shop', new: 'shop_damaged' }).text).toBe('ALTER DATABASE "shop" RENAME TO "shop_damaged";');
  });

  it('a value cannot add a command to a string another shell parses again', () => {
    const attacks = ['x; rm -rf ~', 'x && reboot', '$(id)', '`id`', "x' ; id; '", 'x" ; id; "', 'a b', 'x\nid', '-rf'];
    for (const code of ['sh -c "ls <v>"', "bash -c 'ls <v>'", 'ssh db-1 "tail <v>"', 'ssh db-1 tail <v>', "watch 'kubectl get pod <v>'", 'watch kubectl get pod <v>', "su -c 'ls <v>'", 'eval ls <v>']) {
      for (const value of attacks) {
        const result = fill(code, 'shell', value);
        expect(result.errors.map((error) => error.message), `${code} with ${JSON.stringify(value)}`).toEqual([expect.stringMatching(/^sits in code that `[^`]+` hands to another shell, where only a plain value/)]);
        expect(result.text).toBe(code);
      }
      expect(fill(code, 'shell', 'api-7d9f8c.log').text).toBe(code.replace('<v>', 'api-7d9f8c.log'));
    }
  });

  it('a value cannot add a statement to the SQL of psql -c or mysql -e', () => {
    for (const code of ['psql "$DATABASE_URL" -c "SELECT * FROM users WHERE id = <v>"', 'psql "$DATABASE_URL" -Atc "SELECT <v>"', 'psql -c"SELECT <v>"', 'psql --command="SELECT <v>"', 'mysql -Ne "SELECT <v>"']) {
      for (const value of ['1; DROP TABLE users', '1 OR 1=1', "1' --", 'pg_sleep(10)']) expect(fill(code, 'shell', value).errors, `${code} with ${value}`).toHaveLength(1);
      expect(fill(code, 'shell', '42').text).toBe(code.replace('<v>', '42'));
    }
    // Inside a SQL string literal the value stays a literal: its quote and backslash are refused, the rest is kept.
    const literal = `psql "$DATABASE_URL" -c "SELECT * FROM users WHERE name = '<v>'"`;
    expect(fill(literal, 'shell', "x'; DROP TABLE users; --").errors).toHaveLength(1);
    expect(fill(literal, 'shell', 'a\\').errors).toHaveLength(1);
    expect(fill(literal, 'shell', 'o"neil $HOME; DROP').text).toBe(`psql "$DATABASE_URL" -c "SELECT * FROM users WHERE name = '"'o"neil $HOME; DROP'"'"`);
  });

  it('a quoted value at the start of a word cannot be an option', () => {
    expect(fill('kubectl delete pod "<v>"', 'shell', '--all').errors[0].message).toBe('starts with "-" at the start of a word, where the command would read it as an option');
    expect(fill("git diff '<v>'", 'shell', '--output=/tmp/x').errors).toHaveLength(1);
    expect(fill("git diff ''<v>", 'shell', '--output=/tmp/x').errors).toHaveLength(1);
    expect(fill('kubectl scale deploy/api --replicas "<v>"', 'shell', '-1', 'integer').text).toBe('kubectl scale deploy/api --replicas "-1"');
    expect(fill('grep "error <v>" app.log', 'shell', '-1').text).toBe('grep "error -1" app.log');
  });

  it('console blocks fill prompt lines only', () => {
    expect(fill('$ kubectl logs <v>\nno pod <v> here', 'console', 'a b').text).toBe("$ kubectl logs 'a b'\nno pod <v> here");
  });

  it('maps offsets of the filled text back to the code', () => {
    const code = "SELECT x FROM t WHERE a = '<v>' AND nope";
    const result = fill(code, 'sql', "it's long");
    expect(result.text).toBe("SELECT x FROM t WHERE a = 'it''s long' AND nope");
    expect(sourceOffset(result, result.text.indexOf('nope'))).toBe(code.indexOf('nope'));
    expect(sourceOffset(result, result.text.indexOf('long'))).toBe(code.indexOf('<v>'));
    expect(sourceOffset(result, 3)).toBe(3);
  });
});
