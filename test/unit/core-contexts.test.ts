// The context the analysis core finds for each placeholder (src/lib/core/context.ts), and the text quoting
// makes of adversarial values there. The properties against the real interpreters are in core-quote.property.
import { describe, expect, it } from 'vitest';
import { analyzeBlock, type BlockKind, type CommandLanguage } from '../../src/lib/core/block.ts';
import { contextName, type PlaceholderContext } from '../../src/lib/core/context.ts';
import { fillSites, quoteFor, QuoteError } from '../../src/lib/core/quote.ts';
import { valueProblem } from '../../src/lib/core/variables.ts';

const analyse = (code: string, language: CommandLanguage = 'shell', kind: BlockKind = 'command') => analyzeBlock({ code, kind, language });
const contextOf = (code: string, language: CommandLanguage = 'shell', kind: BlockKind = 'command'): PlaceholderContext =>
  analyse(code, language, kind).placeholders[0].context;

describe('contexts the core finds', () => {
  const cases: [string, string, CommandLanguage, string][] = [
    ['bare shell word', 'kubectl logs <v> --previous', 'shell', 'shell-word'],
    ['inside a shell word', 'helm upgrade --set image.tag=sha-<v>', 'shell', 'shell-word'],
    ['shell single quotes', "grep 'error <v>' log", 'shell', 'shell-single'],
    ['shell double quotes', 'echo "pod <v> is down"', 'shell', 'shell-double'],
    ['URL host', 'curl -fsS "http://<v>/api"', 'shell', 'shell-double>token'],
    ['$(...) inside double quotes', 'echo "$(kubectl get pod <v>)"', 'shell', 'shell-word'],
    ["$'...'", "echo $'<v>'", 'shell', 'shell-ansi'],
    ['comment', 'kubectl get pods # then look at <v>', 'shell', 'comment'],
    ['heredoc body, expanding', 'cat <<EOF > /tmp/x\nname: <v>\nEOF', 'shell', 'heredoc'],
    ['after a heredoc', "cat <<'EOF'\nx\nEOF\necho <v>", 'shell', 'shell-word'],
    ['here-string', 'grep x <<< <v>', 'shell', 'shell-word'],
    ['backticks', 'echo `hostname <v>`', 'shell', 'token'],
    ['parameter expansion default', 'echo ${NAME:-<v>}', 'shell', 'token'],
    ['arithmetic expansion', 'echo $((<v> + 1))', 'shell', 'token'],
    ['arithmetic command', '(( <v> > 1 ))', 'shell', 'token'],
    ['let', 'let "n = <v> + 1"', 'shell', 'token'],
    ['declare -i', 'declare -i n=<v>', 'shell', 'token'],
    ['array subscript', 'echo "${a[<v>]}"', 'shell', 'token'],
    ['[[ ]] numeric test', '[[ <v> -gt 1 ]]', 'shell', 'token'],
    ['[[ ]] string test', '[[ "<v>" == prod ]]', 'shell', 'shell-double'],
    ['[ ] numeric test (no arithmetic)', '[ "<v>" -gt 1 ]', 'shell', 'shell-double'],
    ['after arithmetic', 'echo $((1 + 1)) <v>', 'shell', 'shell-word'],
    ['psql -c SQL string', `psql -c "SELECT 1 WHERE x = '<v>'"`, 'shell', 'shell-double>sql-string'],
    ['psql -c SQL value', 'psql "$DATABASE_URL" -c "SELECT pg_cancel_backend(<v>)"', 'shell', 'shell-double>sql-value'],
    ['psql -c SQL identifier', 'psql -c "SELECT count(*) FROM <v>"', 'shell', 'shell-double>sql-identifier'],
    ['psql -c behind kubectl exec --', `kubectl exec -i db-0 -- psql -c "SELECT 1 WHERE x = '<v>'"`, 'shell', 'shell-double>sql-string'],
    ['psql -c behind sudo', `sudo -u postgres psql -Atc 'SELECT * FROM t WHERE x = <v>'`, 'shell', 'shell-single>sql-value'],
    ['mysql -e string', `mysql -e "SELECT * FROM t WHERE x = '<v>'"`, 'shell', 'shell-double>sql-string'],
    ['PromQL in a curl query', `curl -G "$PROMETHEUS_URL/api/v1/query" --data-urlencode 'query=up{pod="<v>"}'`, 'shell', 'shell-single>promql-string'],
    ['PromQL in a URL query', `curl "$PROMETHEUS_URL/api/v1/query?query=up{pod=\\"<v>\\"}"`, 'shell', 'shell-double>url-query>promql-string'],
    ['URL query value', 'curl -fsS "https://api.example.com/v1/items?owner=<v>"', 'shell', 'shell-double>url-query'],
    ['URL path', 'curl -fsS https://api.example.com/v1/items/<v>', 'shell', 'shell-word>url-path'],
    ['JSON string of kubectl patch', `kubectl patch deploy api -p '{"metadata":{"labels":{"owner":"<v>"}}}'`, 'shell', 'shell-single>json-string'],
    ['JSON value of kubectl patch', `kubectl patch deploy api -p '{"spec":{"replicas": <v>}}'`, 'shell', 'shell-single>json-value'],
    ['JSON string of curl -d', `curl -X POST https://x.example.com/api -d '{"note": "<v>"}'`, 'shell', 'shell-single>json-string'],
    ['sh -c string', 'sh -c "grep <v> /var/log/app.log"', 'shell', 'refused'],
    ['setsid sh -c string', 'setsid sh -c "grep <v> /var/log/app.log"', 'shell', 'refused'],
    ['bash -lc behind kubectl exec', 'kubectl exec pod -- bash -lc "tail <v>"', 'shell', 'refused'],
    ['su -c string', 'su - postgres -c "psql -c \'SELECT <v>\'"', 'shell', 'refused'],
    ['ssh remote command', 'ssh host kubectl logs <v>', 'shell', 'refused'],
    ['watch', 'watch kubectl get pod <v>', 'shell', 'refused'],
    ['watch -x runs its words directly', 'watch -x kubectl get pod <v>', 'shell', 'shell-word'],
    ['eval', 'eval "kubectl get pod <v>"', 'shell', 'refused'],
    ['find -exec sh -c', 'find /var/log -exec sh -c \'grep <v> "$1"\' _ {} \\;', 'shell', 'refused'],
    ['find -exec argument', 'find /var/log -name x -exec grep -l <v> {} +', 'shell', 'shell-word'],
    ['positional argument after sh -c', 'sh -c \'grep -- "$1" /var/log/app.log\' _ <v>', 'shell', 'shell-word'],
    ['awk program', `awk '{ if ($1 == "<v>") print }' file`, 'shell', 'refused'],
    ['awk -v variable', `awk -v pod=<v> '$1 == pod' file`, 'shell', 'shell-word>awk-string'],
    ['sed script', `sed "s/old/<v>/" file`, 'shell', 'refused'],
    ['jq filter', `jq '.items[] | select(.name == "<v>")'`, 'shell', 'refused'],
    ['python -c code', `python3 -c "print('<v>')"`, 'shell', 'refused'],
    ['echo piped into psql', `echo "SELECT * FROM t WHERE x = '<v>'" | psql`, 'shell', 'refused'],
    ['heredoc into psql', "psql <<EOF\nSELECT '<v>';\nEOF", 'shell', 'refused'],
    ['echo piped into sh', 'echo "kubectl get pod <v>" | sh', 'shell', 'refused'],
    ['xargs input', 'echo <v> | xargs kubectl delete pod', 'shell', 'refused'],
    ['program name', '<v> --version', 'shell', 'refused'],
    ['variable name', 'echo $<v>', 'shell', 'refused'],
    ['source', 'source <v>', 'shell', 'refused'],
    ['SQL string literal', "SELECT * FROM t WHERE name = '<v>'", 'sql', 'sql-string'],
    ['SQL escape string', "SELECT E'a\\n<v>'", 'sql', 'sql-string'],
    ['SQL bare value', 'SELECT * FROM pg_stat_activity WHERE pid = <v>', 'sql', 'sql-value'],
    ['SQL table after FROM', 'SELECT * FROM <v>', 'sql', 'sql-identifier'],
    ['SQL qualified name', 'SELECT * FROM <v>.events', 'sql', 'sql-identifier'],
    ['SQL quoted identifier', 'SELECT "<v>" FROM t', 'sql', 'sql-identifier'],
    ['SQL line comment', 'SELECT 1 -- for <v>', 'sql', 'comment'],
    ['SQL block comment', 'SELECT /* <v> */ 1', 'sql', 'comment'],
    ['SQL dollar quotes', 'SELECT $$<v>$$', 'sql', 'token'],
    ['SQL name part', 'SELECT * FROM events_<v>', 'sql', 'token'],
    ['SQL index name', 'CREATE INDEX CONCURRENTLY <v> ON users (email)', 'sql', 'sql-identifier'],
    ['SQL column in an index expression', 'CREATE INDEX idx ON public.users (lower(<v>))', 'sql', 'sql-identifier'],
    ['SQL value in the WHERE of a partial index', 'CREATE INDEX idx ON users (email) WHERE state = <v>', 'sql', 'sql-value'],
    ['SQL column after DROP COLUMN', 'ALTER TABLE users DROP COLUMN <v>', 'sql', 'sql-identifier'],
    ['SQL role after OWNER TO', 'ALTER DATABASE shop OWNER TO <v>', 'sql', 'sql-identifier'],
    ['SQL value after SET ... TO', 'SET statement_timeout TO <v>', 'sql', 'sql-value'],
    ['SQL column list of INSERT INTO', 'INSERT INTO audit (<v>) VALUES (1)', 'sql', 'sql-identifier'],
    ['SQL value in VALUES', 'INSERT INTO audit (note) VALUES (<v>)', 'sql', 'sql-value'],
    ['SQL ORDER BY column', 'SELECT * FROM t ORDER BY <v>', 'sql', 'sql-identifier'],
    ['psql meta-command', '\\c <v>', 'sql', 'token'],
    ['PromQL label value string', 'up{pod="<v>"}', 'promql', 'promql-string'],
    ['PromQL single-quoted string', "up{pod=~'<v>'}", 'promql', 'promql-string'],
    ['PromQL raw string', 'up{pod=`<v>`}', 'promql', 'promql-string'],
    ['PromQL bare label value', 'up{pod=<v>}', 'promql', 'promql-label-value'],
    ['PromQL range', 'rate(x[<v>])', 'promql', 'token'],
    ['PromQL threshold', 'up > <v>', 'promql', 'token'],
  ];
  it.each(cases)('%s', (_name, code, language, expected) => expect(contextName(contextOf(code, language))).toBe(expected));

  it('marks a value that begins its word (a leading "-" would be an option)', () => {
    expect(contextOf('kubectl logs <v>').layers[0]).toEqual({ kind: 'shell-word', start: true });
    expect(contextOf("grep '<v>' log").layers[0]).toEqual({ kind: 'shell-single', start: true });
    expect(contextOf('helm upgrade --set tag=<v>').layers[0]).toEqual({ kind: 'shell-word' });
  });

  it('says why a context is refused and how to write the command instead', () => {
    expect(contextOf('sh -c "grep <v> x"').refused).toEqual({
      reason: expect.stringMatching(/`sh -c` hands this text to a shell that parses it again/),
      fix: expect.stringMatching(/positional argument: sh -c '... "\$1" ...' _ <value>/),
    });
    expect(contextOf('awk \'{print "<v>"}\'').refused?.fix).toMatch(/awk -v name=<value>/);
    expect(contextOf("echo '<v>' | psql").refused?.fix).toMatch(/psql -v name=<value>/);
  });

  it('reads only the prompt lines of a console block, with their continuations', () => {
    const analysis = analyse('$ kubectl logs <v> \\\n    --tail=10\nerror: pod <w> not found\n$ psql -c "SELECT \'<x>\'"', 'shell', 'console');
    expect(analysis.placeholders.map((site) => `${site.name}:${contextName(site.context)}`)).toEqual(['v:shell-word', 'x:shell-double>sql-string']);
    expect(analysis.command).toBe('kubectl logs <v> \\\n    --tail=10\npsql -c "SELECT \'<x>\'"');
  });

  it('reads a shell block written with $ prompts as a session', () => {
    const analysis = analyse('$ kubectl get pods\nNAME READY\n$ kubectl delete pod x', 'shell', 'command');
    expect(analysis.command).toBe('kubectl get pods\nkubectl delete pod x');
    expect(analysis.risk.risk).toBe('destructive');
  });

  it('refuses every placeholder of a block that does not parse', () => {
    expect(contextOf('echo "<v>').refused?.reason).toMatch(/does not parse as shell/);
  });
});

describe('quoting', () => {
  const fill = (code: string, value: string, language: CommandLanguage = 'shell', type?: 'integer' | 'number') => {
    const analysis = analyse(code, language);
    const sites = analysis.placeholders.map((site) => ({ name: site.name, start: site.commandStart, end: site.commandEnd, context: site.context }));
    return fillSites(analysis.command, sites, { v: value }, { v: type });
  };

  it.each([
    ['kubectl logs <v>', 'api-7d9f', 'kubectl logs api-7d9f'],
    ['kubectl logs <v>', "x'; id; '", "kubectl logs 'x'\\''; id; '\\'''"],
    ['kubectl logs <v>', '$(id)', "kubectl logs '$(id)'"],
    ['echo "pod <v>"', '$(id)`id`"', `echo "pod "'$(id)\`id\`"'""`],
    ["grep 'x <v>' f", "it's", "grep 'x it'\\''s' f"],
    ["echo $'<v>'", "a'\\b", "echo $'a\\'\\\\b'"],
    [`psql -c "SELECT 1 WHERE x = '<v>'"`, "O'Brien", `psql -c "SELECT 1 WHERE x = 'O''Brien'"`],
    [`psql -c "SELECT 1 WHERE x = '<v>'"`, '$(id)', `psql -c "SELECT 1 WHERE x = '"'$(id)'"'"`],
    ['psql -c "SELECT * FROM <v>"', 'my"table', `psql -c "SELECT * FROM "'"my""table"'""`],
    ['kubectl patch d -p \'{"a":"<v>"}\'', 'x"}, "b": "y', 'kubectl patch d -p \'{"a":"x\\"}, \\"b\\": \\"y"}\''],
    ['curl "https://x.example.com/items?owner=<v>"', 'a&b=c d', 'curl "https://x.example.com/items?owner=a%26b%3Dc%20d"'],
    ['cat <<EOF > /tmp/x\nname: <v>\nEOF', '$(id) `id` \\', 'cat <<EOF > /tmp/x\nname: \\$(id) \\`id\\` \\\\\nEOF'],
  ])('%s with %s', (code, value, expected) => expect(fill(code, value).text).toBe(expected));

  it('refuses a value that begins a word with "-", except a number for a numeric variable', () => {
    expect(fill('kubectl logs <v>', '--all-namespaces').errors[0].message).toMatch(/starts with "-"/);
    expect(fill('kubectl logs --tail <v>', '-1', 'shell', 'integer').errors).toEqual([]);
  });

  it('fills arithmetic with integers only', () => {
    expect(fill('(( <v> > 1 ))', '5', 'shell', 'integer').text).toBe('(( 5 > 1 ))');
    expect(fill('(( <v> > 1 ))', 'a[$(touch /tmp/x)]').errors[0].message).toMatch(/only an integer can be filled in safely/);
  });

  it('refuses every value in a refused context', () => {
    expect(fill('sh -c "echo <v>"', 'plain').errors[0].message).toMatch(/cannot be filled in here/);
  });

  it('quotes SQL values as literals, numbers bare for numeric variables, negative in parentheses', () => {
    expect(fill('SELECT * FROM t WHERE id = <v>', '1 OR 1=1', 'sql').text).toBe("SELECT * FROM t WHERE id = '1 OR 1=1'");
    expect(fill('SELECT * FROM t WHERE id = <v>', '-5', 'sql', 'integer').text).toBe('SELECT * FROM t WHERE id = (-5)');
    expect(() => quoteFor({ layers: [{ kind: 'sql-identifier', quoted: false }] }, 'x'.repeat(64))).toThrow(QuoteError);
  });
});

describe('values', () => {
  it.each([
    ['a\nb', /line break/],
    ['a\x1b[2J', /control character \\x1b/],
    ['a\u202eb', /control character \\u202e/],
    ['a\tb', /control character \\t/],
    ['a\0b', /control character NUL/],
  ])('refuses %j everywhere', (value, message) => expect(valueProblem({}, value)).toMatch(message));

  it('checks numbers as the runner and the page do (no Infinity, no hex)', () => {
    expect(valueProblem({ type: 'number' }, 'Infinity')).toMatch(/not a number/);
    expect(valueProblem({ type: 'number' }, '0x10')).toMatch(/not a number/);
    expect(valueProblem({ type: 'number' }, '-1.5e3')).toBeUndefined();
    expect(valueProblem({ type: 'integer' }, '12a')).toMatch(/not an integer/);
    expect(valueProblem({ pattern: '[a-z]+' }, 'abc1')).toMatch(/does not match the pattern/);
  });
});

// Each row is a command where a value executed (or was handed to a program as code, a command or a variable name)
// before the core knew it: found by the adversarial pass of the cross-view table (issue 13). Each must be refused.
describe('holes found by the adversarial pass: refused', () => {
  const refusedCases: [string, string, RegExp][] = [
    // wrappers the core did not unwrap
    ['the second -exec of find', "find . -name x -exec echo {} \\; -exec sh -c 'echo <v>' \\;", /sh -c/],
    ['nsenter ... sh -c', 'nsenter -t 1 -m sh -c "echo <v>"', /sh/],
    ['chroot ... bash -c', 'chroot /host bash -c "echo <v>"', /bash/],
    ['busybox sh -c', 'busybox sh -c "echo <v>"', /sh/],
    ['systemd-run ... python3 -c', `systemd-run --scope python3 -c "print('<v>')"`, /python3/],
    ['env -S splits a string again', 'env -S "echo <v>"', /env -S/],
    ['sudo -s hands its words to a shell', 'sudo -s echo <v>', /sudo -s/],
    ['sudo -i hands its words to a login shell', 'sudo -i -u app echo <v>', /sudo -i/],
    ['su -lc (a cluster ending in c)', 'su -lc "echo <v>" app', /su -c/],
    ['su USER -c after the user', 'su app -c "echo <v>"', /su -c/],
    ['script -qc', 'script -qc "echo <v>" /dev/null', /script -c/],
    ['sg GROUP -c', 'sg docker -c "echo <v>"', /sg/],
    ['parallel command line', 'parallel echo <v> ::: a b', /parallel/],
    ['tmux send-keys types into a shell', 'tmux send-keys -t x "echo <v>" Enter', /tmux send-keys/],
    ['tmux new-session command', "tmux new-session -d 'echo <v>'", /tmux new-session/],
    ['screen -X stuff', 'screen -S s -X stuff "echo <v>\\n"', /screen -X stuff/],
    // interpreters given code, by options and names the core did not know
    ['perl -E', `perl -E 'say "<v>"'`, /perl code/],
    ['perl -e glued', `perl -e'print "<v>"'`, /perl code/],
    ['perl -ne cluster', `perl -ne 'print if /<v>/' f`, /perl code/],
    ['node -p', `node -p '"<v>"'`, /node code/],
    ['python3.11 -c', `python3.11 -c 'print("<v>")'`, /python3.11 code/],
    ['python script chosen by the value', 'python3 <v> --help', /script that python3 runs/],
    ['lua -e', `lua -e 'print("<v>")'`, /lua code/],
    // text fed to something that runs it
    ['versioned python reading stdin', 'echo \'print("<v>")\' | python3.11', /python3.11 code/],
    ['ssh without a remote command reads commands', 'echo "uptime <v>" | ssh host', /remote shell/],
    ['su reads commands from its input', 'echo "id <v>" | su app', /shell commands/],
    ['at runs its input later', 'echo "echo <v>" | at now', /run later/],
    ['crontab -', "echo '* * * * * echo <v>' | crontab -", /crontab/],
    ['awk -f - reads the program from its input', 'echo \'{print "<v>"}\' | awk -f - f', /awk program/],
    ['source /dev/fd/0', 'echo "echo <v>" | source /dev/fd/0', /shell commands/],
    ['parallel without a command reads command lines', 'echo "echo <v>" | parallel', /shell commands/],
    // programs given code or files of code by name
    ['gawk -e next to -f', `gawk -f lib.awk -e 'BEGIN{print "<v>"}'`, /awk program/],
    ['awk -f FILE', 'awk -f <v> data', /file of the awk program/],
    ['sed -ne SCRIPT (a cluster ending in e)', 'sed -ne "s/a/<v>/p" f', /sed script/],
    ['sed -f FILE', 'sed -f <v> data', /file of the sed script/],
    ['jq filter after --arg NAME VALUE', `jq --arg a b '.x == "<v>"' f.json`, /jq filter/],
    ['yq e FILTER', `yq e '.a = "<v>"' f.yaml`, /yq filter/],
    ['bash FILE', 'bash <v>', /script that bash runs/],
    ['psql -f FILE', 'psql -f <v>', /SQL file/],
    ['trap CODE', "trap 'echo <v>' EXIT", /trap/],
    ['alias', "alias k='kubectl <v>'", /alias/],
    // options whose value is a command
    ['ssh -o ProxyCommand', 'ssh -o "ProxyCommand=nc <v> 22" host', /ssh option/],
    ['rsync -e', 'rsync -e "ssh -p <v>" a b:', /rsync/],
    ['git -c core.pager', 'git -c core.pager=<v> log', /git configuration/],
    ['tar --to-command', 'tar -xf a.tar --to-command=<v>', /tar option/],
    ['tar -I', 'tar -I <v> -xf a.tar', /tar option/],
    ['tcpdump -z', 'tcpdump -w x.pcap -z <v>', /tcpdump/],
    ['helm --post-renderer', 'helm template x . --post-renderer <v>', /post-renderer/],
    ['mapfile -C callback', 'mapfile -C <v> -c 1 arr < f', /callback/],
    ['compgen -W word list', 'compgen -W "<v>"', /compgen/],
    // names of shell variables: bash evaluates a[$(...)] in a name
    ['read NAME', 'read -r <v> < f', /name of a shell variable/],
    ['printf -v NAME', 'printf -v <v> %s x', /name of a shell variable/],
    ['unset NAME', 'unset <v>', /name of a shell variable/],
    ['test -v NAME', '[ -v <v> ]', /name of a shell variable/],
    ['[[ -v NAME ]]', '[[ -v <v> ]] && echo set', /name of a shell variable tested by -v/],
    ['declare -n target', 'declare -n r=<v>; echo "$r"', /name reference/],
    ['local -n target in a function', 'f() { local -n r=<v>; echo "$r"; }; f', /name reference/],
    // a value assigned to a variable goes where the variable is read
    ['variable run as the program', 'X=<v>; $X', /assigned to \$X, which is read again where it names the program/],
    ['variable given to eval', 'X=<v>; eval "$X"', /assigned to \$X.*eval/],
    ['variable given to sh -c', 'X="<v>"; sh -c "$X"', /assigned to \$X.*sh -c/],
    ['indirect expansion ${!X}', 'x=<v>; echo "${!x}"', /name of another variable/],
    ['exported variable that a child script evals', `V=<v> bash -c 'eval "$V"'`, /eval/],
    ['argument that sh -c evals as $1', `sh -c 'eval "$1"' _ <v>`, /eval/],
    ['variable that programs run as a command', 'GIT_SSH_COMMAND=<v> git fetch', /GIT_SSH_COMMAND, which programs run/],
    ['BASH_ENV', 'BASH_ENV=<v> bash -c true', /BASH_ENV/],
    ['exported PAGER', 'export PAGER=<v>; man ls', /PAGER/],
    // options whose value is a command, with the option's key chosen by the value
    ['ssh -o with the whole option from the value', 'ssh -o <v> host uptime', /ssh option/],
    ['gdb -ex', 'gdb -batch -ex "shell echo <v>"', /gdb command/],
    ['vim -c', 'vim -es -c "!echo <v>" -c q', /vim command/],
    // standard input a program reads as code: here-strings, and `-` for standard input
    ['here-string into sh', 'sh <<< "echo <v>"', /here-string is read by sh as shell commands/],
    ['bare here-string into bash', 'bash <<< <v>', /here-string is read by bash/],
    ['here-string into psql', `psql <<< "SELECT '<v>'"`, /here-string is read by psql as SQL/],
    ['bash - reads its script from a pipe', 'echo "echo <v>" | bash -', /piped into bash/],
    ['python3 - reads its code from a heredoc', 'python3 - <<\'EOF\'\nprint("<v>")\nEOF', /heredoc is read by python3/],
    // SQL and JavaScript of clients whose language the core does not quote
    ['sqlite3 DB SQL', `sqlite3 db.sqlite "SELECT '<v>'"`, /SQL that sqlite3 runs/],
    ['clickhouse-client -q', `clickhouse-client -q "SELECT '<v>'"`, /SQL that clickhouse-client runs/],
    ['cqlsh -e', `cqlsh -e "SELECT * FROM t WHERE k = '<v>'"`, /SQL that cqlsh runs/],
    ['mongosh URI --eval', `mongosh "mongodb://db:27017/app" --eval 'db.users.find({name: "<v>"})'`, /mongosh JavaScript/],
    // a SQL string the database server runs with /bin/sh
    ['COPY ... TO PROGRAM in psql -c', `psql -c "COPY t TO PROGRAM 'gzip > /tmp/<v>.gz'"`, /COPY \.\.\. PROGRAM/],
  ];
  it.each(refusedCases)('%s', (_name, code, reason) => {
    const context = contextOf(code);
    expect(contextName(context), code).toBe('refused');
    expect(context.refused?.reason).toMatch(reason);
  });

  it('still fills the data words next to them', () => {
    expect(contextName(contextOf('grep -c <v> f'))).toBe('shell-word');
    expect(contextName(contextOf('git grep -c <v>'))).toBe('shell-word');
    expect(contextName(contextOf('echo sh -c <v>'))).toBe('shell-word');
    expect(contextName(contextOf('sudo -u app kubectl logs <v>'))).toBe('shell-word');
    expect(contextName(contextOf('export NAME=<v>'))).toBe('shell-word');
    // a declaration's name: only a plain name can be filled in (a token, so a[$(...)] is refused by its value)
    expect(contextName(contextOf('export <v>'))).toBe('token');
    expect(contextName(contextOf('parallel echo {} ::: <v>'))).toBe('shell-word');
    expect(contextName(contextOf('ssh -o ConnectTimeout=<v> host uptime'))).toBe('shell-word');
    expect(contextName(contextOf(`jq --arg name <v> '.x == $name' f.json`))).toBe('shell-word');
    expect(contextName(contextOf(`V=<v> sh -c 'printf "%s\\n" "$V"'`))).toBe('shell-word');
    expect(contextName(contextOf(`sh -c 'grep -- "$1" f' _ <v>`))).toBe('shell-word');
    expect(contextName(contextOf('X=<v>; printf "%s\\n" "$X"'))).toBe('shell-word');
  });

  it('refuses a value in the shell command of COPY ... PROGRAM in a SQL block, not in other strings', () => {
    expect(contextOf("COPY t FROM PROGRAM 'curl -fsS <v>'", 'sql').refused?.reason).toMatch(/COPY \.\.\. PROGRAM, which the database server runs/);
    expect(contextName(contextOf("COPY t TO '/tmp/<v>.csv'", 'sql'))).toBe('sql-string');
  });

  it('allows only integers in a variable that bash evaluates as arithmetic', () => {
    for (const code of ['x=<v>; (( x > 1 ))', 'x=<v>; echo $((x))', 'x=<v>; [[ $x -eq 1 ]]', 'x=<v>; let y=x+1', `N=<v> bash -c 'echo $(( N + 1 ))'`]) {
      expect(contextOf(code).layers, code).toEqual([{ kind: 'token', accepts: 'integer', where: expect.stringMatching(/arithmetic/) }]);
    }
  });
});

// The second adversarial pass (issue 13, fifth round): values that still reached code, each refused now; the
// data words next to them are still filled in.
describe('holes of the second adversarial pass: refused', () => {
  const shellCases: [string, string, RegExp][] = [
    // 1. written to a file that then runs
    ['echo into a script, then sh', 'echo <v> > x.sh; sh x.sh', /written to x\.sh, and `sh` reads it as the script that sh runs/],
    ['printf into a script, then bash', 'printf "%s\\n" "<v>" > /tmp/x.sh\nbash /tmp/x.sh', /written to \/tmp\/x\.sh, and `bash`/],
    ['heredoc into a file, then bash', 'cat > /tmp/f <<EOF\necho <v>\nEOF\nbash /tmp/f', /written to \/tmp\/f, and `bash`/],
    ['tee, then source', 'echo <v> | tee /tmp/f.sh\nsource /tmp/f.sh', /written to \/tmp\/f\.sh, and `source`/],
    ['here-string into a file, then .', 'cat > f.sh <<< <v>; . f.sh', /written to f\.sh, and `\.`/],
    ['chmod +x, then ./run.sh', 'echo <v> > run.sh; chmod +x run.sh; ./run.sh', /written to run\.sh, and `\.\/run\.sh` runs it/],
    ['dd of=, then sh', 'echo <v> | dd of=/tmp/x.sh; sh /tmp/x.sh', /written to \/tmp\/x\.sh/],
    ['SQL file, then psql -f', "cat > job.sql <<'EOF'\nSELECT '<v>';\nEOF\npsql -f job.sql", /written to job\.sql, and `psql` reads it as the SQL file/],
    [
      'a kubeconfig written, then used',
      'echo "<v>" > /tmp/kc; kubectl --kubeconfig /tmp/kc get pods',
      /written to \/tmp\/kc, and `kubectl` reads it as a kubeconfig file/,
    ],
    ['a variable path written, then run', 'echo <v> > "$F"; bash "$F"', /written to \$F/],
    ['~/.bashrc', "printf '%s\\n' <v> >> ~/.bashrc", /written to ~\/\.bashrc, and a shell runs it at startup/],
    ['sudo tee -a $HOME/.profile', 'echo "export X=<v>" | sudo tee -a "$HOME/.profile" > /dev/null', /\$HOME\/\.profile, and a shell runs it at startup/],
    [
      'a cron file through a pipe',
      'cat <<EOF | sudo tee /etc/cron.d/cleanup\n0 3 * * * root rm -rf /tmp/<v>\nEOF',
      /\/etc\/cron\.d\/cleanup, and cron runs its lines/,
    ],
    ['a heredoc into sudo tee', 'sudo tee /etc/cron.d/x <<EOF\n* * * * * root echo <v>\nEOF', /cron runs its lines/],
    ['sudoers', 'printf "%s\\n" "<v>" | sudo tee /etc/sudoers.d/app > /dev/null', /sudo reads it as its rules/],
    ['~/.ssh/config', "echo '<v>' > ~/.ssh/config", /ssh reads it/],
    // 2. awk variables
    ['awk -v read by system()', "awk -v x=<v> '{system(x)}' file", /an awk variable of a program that runs commands/],
    ['awk operand with a pipe to a command', `awk '{print x | "sort"}' x=<v> file`, /an awk variable of a program that runs commands/],
    ['awk -v with getline', `awk -v "pod=<v>" '{ "date" | getline d; print pod, d }' f`, /runs commands/],
    ['awk -v of a program in a file', 'awk -f prog.awk -v x=<v> file', /a program in a file the core cannot read/],
    ['ENVIRON into system()', `X=<v> awk 'BEGIN { system(ENVIRON["X"]) }'`, /awk program that runs commands reads from ENVIRON/],
    // 3. variable chains
    ['Y=$X; eval', 'X=<v>; Y=$X; eval "$Y"', /assigned to \$X, then \$Y, which is read again where `eval`/],
    ['three names, bash -c', 'X=<v>; Y="pre $X"; Z=$Y; bash -c "$Z"', /\$X, then \$Y, then \$Z/],
    ['read <<<, eval', 'read -r Y <<< <v>; eval "$Y"', /assigned to \$Y, which is read again where `eval`/],
    ['a pipe into while read, eval', 'echo <v> | while read -r Y; do eval "$Y"; done', /assigned to \$Y/],
    ['for Y in, eval', 'for Y in <v>; do eval "$Y"; done', /assigned to \$Y/],
    ['printf -v, eval', 'printf -v Y \'%s\' <v>; eval "$Y"', /assigned to \$Y/],
    ['mapfile < <(...), eval', 'mapfile -t A < <(echo <v>); eval "${A[0]}"', /assigned to \$A/],
    ['an array, eval', 'pods=(<v>); eval "kubectl logs ${pods[0]}"', /assigned to \$pods/],
    ['export, bash -c "$Y"', 'export Y=<v>; bash -c "$Y"', /assigned to \$Y, which is read again where `bash -c`/],
    ['a name reference, then eval', 'X=<v>; declare -n r=X; eval "$r"', /assigned to \$X, then \$r/],
    ['a chain into ${!name}', 'n=<v>; m=$n; echo "${!m}"', /`\$\{!m\}` reads it as the name of another variable/],
    ['a chain into PROMPT_COMMAND', 'X=<v>; PROMPT_COMMAND=$X', /assigned to PROMPT_COMMAND/],
    ['a chain into KUBECONFIG', 'X=<v>; export KUBECONFIG=$X', /assigned to KUBECONFIG/],
    // 4. SQL parsed again, in psql -c
    ['dblink_exec', `psql -c "SELECT dblink_exec('dbname=x', '<v>')"`, /a string that dblink_exec\(\) runs as SQL/],
    ['dblink', `psql -c "SELECT * FROM dblink('dbname=x', 'select <v>') AS t(a int)"`, /dblink\(\) runs as SQL/],
    ['query_to_xml', `psql -c "SELECT query_to_xml('select <v>', true, true, '')"`, /query_to_xml\(\) runs as SQL/],
    ['EXECUTE format in DO', `psql -c "DO \\$\\$ BEGIN EXECUTE format('drop table %s', '<v>'); END \\$\\$"`, /dynamic SQL \(EXECUTE\)/],
    ['\\gexec in psql -c', `psql -c "SELECT format('select %L', '<v>') \\gexec"`, /sent with \\gexec/],
    // 5. configuration that runs commands
    ['kubectl --kubeconfig', 'kubectl --kubeconfig <v> get pods', /`kubectl --kubeconfig` reads it as a kubeconfig file/],
    ['kubectl --kubeconfig=', 'kubectl get pods --kubeconfig=<v>', /kubeconfig file/],
    ['helm --kubeconfig', 'helm list --kubeconfig <v>', /kubeconfig file/],
    ['KUBECONFIG=', 'KUBECONFIG=<v> kubectl get pods', /assigned to KUBECONFIG, which names configuration/],
    ['git -C', 'git -C <v> status', /`git -C` reads it as a git repository or folder/],
    ['git --git-dir=', 'git --git-dir=<v> log', /git repository/],
    ['GIT_DIR=', 'GIT_DIR=<v> git log', /assigned to GIT_DIR/],
    ['GIT_CONFIG_VALUE_0=', 'GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.sshCommand GIT_CONFIG_VALUE_0=<v> git fetch', /assigned to GIT_CONFIG_VALUE_0/],
    ['ssh -F', 'ssh -F <v> host uptime', /`ssh -F` reads it as an ssh configuration file/],
    ['ssh -o ProxyCommand=', 'ssh -o ProxyCommand=<v> host', /an ssh option that runs a command/],
    ['git -c core.sshCommand=', 'git -c core.sshCommand=<v> fetch', /git configuration/],
    ['curl -K', 'curl -K <v> https://x.example.com', /`curl -K` reads it as a curl configuration file/],
    ['curl --config', 'curl --config <v> https://x.example.com', /curl configuration file/],
    ['make -C', 'make -C <v> deploy', /a Makefile or its folder/],
    ['terraform -chdir=', 'terraform -chdir=<v> plan', /a terraform folder/],
    ['PSQLRC=', 'PSQLRC=<v> psql -c "SELECT 1"', /assigned to PSQLRC/],
    // 6. shell hooks
    ['fc -e', 'fc -e <v>', /the editor fc runs/],
    ['trap', 'trap <v> EXIT', /code that trap runs/],
    ['PROMPT_COMMAND=', 'PROMPT_COMMAND=<v>', /assigned to PROMPT_COMMAND/],
    ['PS4=', 'PS4=<v> bash -x script.sh', /assigned to PS4/],
    ['PS0=', 'export PS0=<v>', /assigned to PS0/],
    ['BASH_ENV=', 'BASH_ENV=<v> bash script.sh', /assigned to BASH_ENV/],
    ['ENV=', 'export ENV=<v>', /assigned to ENV/],
    ['FCEDIT=', 'FCEDIT=<v> fc -1', /assigned to FCEDIT/],
    ['TAR_OPTIONS=', 'TAR_OPTIONS=<v> tar xf a.tar', /assigned to TAR_OPTIONS/],
  ];
  it.each(shellCases)('%s', (_name, code, reason) => {
    const context = contextOf(code);
    expect(contextName(context), code).toBe('refused');
    expect(context.refused?.reason).toMatch(reason);
    expect(context.refused?.fix).toBeTruthy();
  });

  const sqlCases: [string, string, RegExp][] = [
    ['dblink_exec', "SELECT dblink_exec('dbname=x', 'DROP TABLE <v>');", /dblink_exec\(\) runs as SQL/],
    ['a schema-qualified dblink_exec', "SELECT public.dblink_exec('dbname=x', 'DROP TABLE <v>');", /dblink_exec\(\) runs as SQL/],
    ['cron.schedule', "SELECT cron.schedule('nightly', '0 3 * * *', 'VACUUM <v>');", /schedule\(\) runs as SQL/],
    ['\\gexec', "SELECT 'select ' || '<v>' \\gexec", /sent with \\gexec/],
    ['\\gset, then a bare :name', "SELECT '<v>' AS cmd \\gset\nSELECT :cmd;", /sent with \\gset, whose results are interpolated bare/],
    ['DO in another language', "DO LANGUAGE plpython3u $$ import os; os.system('<v>') $$;", /code in plpython3u/],
    [
      'a function body calling dblink_exec',
      "CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN PERFORM dblink_exec('c', '<v>'); END $$;",
      /calls a function running SQL from a string/,
    ],
    ['psql \\!', '\\! echo <v>', /the psql meta-command \\!/],
    ['psql \\o |', '\\o |cat <v>', /the psql meta-command \\o/],
    ['psql \\g |', 'SELECT 1 \\g |cat <v>', /the psql meta-command \\g/],
    ['psql \\copy ... program', "\\copy t from program 'cat <v>'", /the psql meta-command \\copy/],
    ['psql \\i', '\\i <v>', /the psql meta-command \\i/],
    ['psql \\setenv', '\\setenv PAGER <v>', /the psql meta-command \\setenv/],
  ];
  it.each(sqlCases)('SQL block: %s', (_name, code, reason) => {
    const context = contextOf(code, 'sql');
    expect(contextName(context), code).toBe('refused');
    expect(context.refused?.reason).toMatch(reason);
  });

  it('still fills the data next to them', () => {
    const shell: [string, string][] = [
      ['echo <v> > notes.txt; cat notes.txt', 'shell-word'],
      ['echo <v> > /tmp/out.txt; bash /tmp/other.sh', 'shell-word'],
      ["kubectl -n shop exec -i api-0 -- tee /tmp/note <<'EOF'\nnote: <v>\nEOF", 'heredoc'],
      ['sudo tee -a /etc/app.conf <<EOF\nname = <v>\nEOF', 'heredoc'],
      ["awk -v x=<v> '{print x}' file", 'shell-word>awk-string'],
      ["awk '{print x}' x=<v> file", 'shell-word>awk-string'],
      ["awk -vpod=<v> '{print pod}' f", 'shell-word>awk-string'],
      ["awk -v pod=<v> '$1 ~ /a|b/ && $2 == pod || NR == 1 { print $3 }' file", 'shell-word>awk-string'],
      ["awk -F: -v u=<v> '$1 == u {print $3}' /etc/passwd", 'shell-word>awk-string'],
      ["awk -v <v>=1 '{print}' file", 'shell-word>token'],
      [`export X=<v>; awk 'BEGIN { print ENVIRON["X"] }'`, 'shell-word'],
      ['read -r Y <<< "<v>"; echo "$Y"', 'shell-double'],
      ['read -r Y < /etc/<v>; eval "$Y"', 'shell-word'],
      ['X=<v>; Y=$X; kubectl logs "$Y"', 'shell-word'],
      ['X=<v>; Y=${#X}; eval "echo $Y"', 'shell-word'],
      ['kubectl get pods -n <v> --kubeconfig /etc/kube/admin.conf', 'shell-word'],
      ['git -C /srv/app log --author=<v>', 'shell-word'],
      ['git log -C <v>', 'shell-word'],
      ['ssh -i ~/.ssh/<v>.pem host uptime', 'shell-word'],
      ['curl -fsS -o /tmp/<v>.json https://x.example.com/a', 'shell-word'],
      ['KUBE_NAMESPACE=<v> kubectl get pods', 'shell-word'],
      [`psql -c "SELECT pid FROM pg_stat_activity WHERE usename = '<v>'"`, 'shell-double>sql-string'],
    ];
    for (const [code, expected] of shell) expect(contextName(contextOf(code)), code).toBe(expected);
    const sql: [string, string][] = [
      ["SELECT format('ANALYZE %I', tablename) FROM pg_tables WHERE schemaname = '<v>' \\gexec", 'sql-string'],
      ["SELECT '<v>' AS cmd \\gset\nSELECT :'cmd';", 'sql-string'],
      ["SELECT '<v>';\nSELECT 1 \\gexec", 'sql-string'],
      ["DO $$ BEGIN PERFORM '<v>'; END $$;", 'token'],
      ["\\copy t to '/tmp/<v>.csv' csv", 'token'],
      ['\\c <v>', 'token'],
      ["SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '<v>'", 'sql-string'],
    ];
    for (const [code, expected] of sql) expect(contextName(contextOf(code, 'sql')), code).toBe(expected);
  });

  it('quotes an awk variable so that awk reads back exactly the value', () => {
    const context = contextOf("awk -v x=<v> '{print x}' file");
    expect(quoteFor(context, 'a\\tb')).toBe("'a\\\\tb'");
    expect(quoteFor(context, '"); system("id")')).toBe(`'"); system("id")'`);
  });
});
