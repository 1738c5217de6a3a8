// What the core knows of programs' command lines: which options take a value (so the word after them is not
// a positional argument), the names a program goes by, and how to find an option among a command's words.
import type { CommandWord } from './words.ts';

/** Options that take a value, per program (the value is the next word unless written `--opt=value`). */
// One program per line reads as a table (Prettier would put each option on a line of its own).
// prettier-ignore
const VALUE_OPTIONS: Record<string, readonly string[]> = {
  kubectl: ['-n', '--namespace', '--context', '--cluster', '--user', '--kubeconfig', '-s', '--server', '--token', '--as', '--as-group', '--request-timeout', '-l', '--selector', '-o', '--output', '-c', '--container', '-f', '--filename', '--field-selector', '-p', '--patch', '--type', '--replicas', '--timeout', '--grace-period', '--since', '--since-time', '--tail', '--sort-by', '--image', '-L', '--label-columns', '--template', '-k', '--kustomize', '--for', '--to-revision', '--revision', '--pod-running-timeout', '--local-port', '--target', '--profile', '--image-pull-policy', '--env', '--port', '--overrides', '--cascade', '--subresource', '--chunk-size', '--address', '--limits', '--requests', '--min', '--max', '--cpu-percent', '--name', '--protocol', '--target-port', '--template', '--show-kind', '--raw'],
  helm: ['-n', '--namespace', '--kube-context', '--kubeconfig', '-f', '--values', '--set', '--set-string', '--set-file', '--set-json', '--version', '--timeout', '-o', '--output', '--repo', '--description', '--max', '--revision', '--post-renderer'],
  aws: ['--region', '--profile', '--output', '--endpoint-url', '--query', '--color', '--ca-bundle', '--cli-read-timeout', '--cli-connect-timeout', '--cli-binary-format'],
  gcloud: ['--project', '--account', '--configuration', '--format', '--zone', '--region', '--verbosity', '--filter', '--impersonate-service-account'],
  az: ['-g', '--resource-group', '-n', '--name', '--subscription', '-o', '--output', '--query'],
  docker: ['-H', '--host', '--context', '--config', '-l', '--log-level', '-e', '--env', '-u', '--user', '-w', '--workdir', '--env-file', '-f', '--file', '-p', '--project-name', '--format', '--filter', '--detach-keys', '--tail', '--since', '--until', '--time', '--signal', '--name', '--network', '--entrypoint', '-v', '--volume', '--mount', '-m', '--memory', '--cpus', '--platform', '--pull', '--label', '--index', '--profile', '--project-directory', '--cap-add', '--cap-drop', '--pid', '--net', '--ipc', '--uts', '--userns', '--security-opt', '--device', '--hostname', '--restart', '--log-driver', '--log-opt', '--add-host', '--dns', '-a', '--attach', '--cidfile', '--gpus', '--shm-size', '--tmpfs', '--ulimit', '--volumes-from', '--stop-signal', '--expose', '--link', '--runtime', '--cgroupns', '--group-add', '--publish', '--cpuset-cpus', '--memory-swap', '--health-cmd'],
  'redis-cli': ['-h', '-p', '-s', '-a', '-u', '-r', '-i', '-n', '-d', '-D', '--user', '--pass', '--sni', '--cacert', '--cacertdir', '--cert', '--key', '--tls-ciphers', '--tls-ciphersuites', '--pattern', '--count', '--memkeys-samples', '--pipe-timeout', '--rdb', '--functions-rdb', '--eval', '--intrinsic-latency', '--lru-test', '--show-pushes'],
  psql: ['-h', '--host', '-p', '--port', '-U', '--username', '-d', '--dbname', '-c', '--command', '-f', '--file', '-v', '--set', '--variable', '-o', '--output', '-P', '--pset', '-F', '--field-separator', '-R', '--record-separator', '-T', '--table-attr', '-L', '--log-file'],
  mysql: ['-h', '--host', '-P', '--port', '-u', '--user', '-D', '--database', '-e', '--execute', '-S', '--socket', '--default-character-set'],
  mysqladmin: ['-h', '--host', '-P', '--port', '-u', '--user', '-S', '--socket', '-c', '--count', '-i', '--sleep'],
  pg_restore: ['-h', '--host', '-p', '--port', '-U', '--username', '-j', '--jobs', '-n', '--schema', '-t', '--table', '-f', '--file', '-F', '--format', '-L', '--use-list', '-I', '--index', '-P', '--function', '-T', '--trigger', '-d', '--dbname'],
  pg_dump: ['-h', '--host', '-p', '--port', '-U', '--username', '-j', '--jobs', '-n', '--schema', '-t', '--table', '-f', '--file', '-F', '--format', '-d', '--dbname', '-T', '--exclude-table', '-N', '--exclude-schema', '-Z', '--compress'],
  git: ['-C', '-c'],
  terraform: ['-var', '-var-file', '-target', '-replace', '-parallelism', '-lock-timeout', '-state', '-state-out', '-backup', '-out', '-chdir'],
  systemctl: ['-H', '--host', '-M', '--machine', '-t', '--type', '-p', '--property', '-s', '--signal', '-n', '--lines', '-o', '--output', '--state', '--kill-whom'],
  journalctl: ['-u', '--unit', '-n', '--lines', '-p', '--priority', '--since', '--until', '-o', '--output', '-t', '--identifier', '-D', '--directory', '-M', '--machine', '-g', '--grep', '-b', '--boot'],
  tail: ['-n', '--lines', '-c', '--bytes', '-s', '--sleep-interval', '--pid'],
  head: ['-n', '--lines', '-c', '--bytes'],
  top: ['-d', '-n', '-p', '-u', '-U', '-o'],
  watch: ['-n', '--interval', '-q', '--equexit'],
  ssh: ['-b', '-c', '-D', '-E', '-e', '-F', '-I', '-i', '-J', '-L', '-l', '-m', '-O', '-o', '-p', '-Q', '-R', '-S', '-W', '-w', '-B'],
  sudo: ['-u', '--user', '-g', '--group', '-h', '--host', '-p', '--prompt', '-C', '--close-from', '-D', '--chdir', '-r', '--role', '-t', '--type', '-U', '--other-user', '-T', '--command-timeout'],
  doas: ['-u', '-C'],
  timeout: ['-s', '--signal', '-k', '--kill-after'],
  xargs: ['-I', '-i', '-n', '-P', '-L', '-l', '-d', '-E', '-e', '-s', '-a', '--max-args', '--max-procs', '--delimiter', '--arg-file', '--replace', '--max-lines', '--max-chars', '--eof', '--process-slot-var'],
  nice: ['-n', '--adjustment'],
  ionice: ['-c', '--class', '-n', '--classdata', '-p', '--pid', '-P', '--pgid', '-u', '--uid'],
  stdbuf: ['-i', '-o', '-e', '--input', '--output', '--error'],
  env: ['-u', '--unset', '-C', '--chdir', '-S', '--split-string'],
  time: ['-f', '--format', '-o', '--output'],
  exec: ['-a'],
  caffeinate: ['-w', '-t'],
  flock: ['-w', '--timeout', '-E', '--conflict-exit-code'],
  ping: ['-c', '-i', '-w', '-W', '-s', '-t', '-I', '-l', '-p', '-Q', '-S'],
  // strace and ltrace run the command after their options, or attach to -p PID and run none.
  strace: ['-a', '-b', '-e', '-E', '-I', '-o', '-O', '-p', '-P', '-s', '-S', '-u', '-U', '-X', '--attach', '--output', '--trace', '--signal', '--status', '--string-limit', '--user', '--env', '--summary-sort-by', '--summary-columns', '--trace-path', '--const-print-style', '--detach-on'],
  ltrace: ['-a', '-A', '-D', '-e', '-F', '-l', '-n', '-o', '-p', '-s', '-u', '-w', '-x', '--align', '--output', '--library', '--indent'],
  tcpdump: ['-i', '-c', '-w', '-r', '-s', '-C', '-G', '-W', '-F', '-E', '-y', '-Z', '-B', '-j', '-z'],
  wget: ['-O', '--output-document', '-o', '--output-file', '-a', '--append-output', '-e', '--execute', '-P', '--directory-prefix', '-T', '--timeout', '-t', '--tries', '-U', '--user-agent', '--header', '--method', '--post-data', '--post-file', '--body-data', '--body-file', '--user', '--password'],
  curl: ['-X', '--request', '--url', '--json', '--data-ascii', '--form-string', '-H', '--header', '-d', '--data', '--data-raw', '--data-binary', '--data-urlencode', '-o', '--output', '-u', '--user', '-F', '--form', '-T', '--upload-file', '-A', '--user-agent', '-e', '--referer', '-b', '--cookie', '-c', '--cookie-jar', '-m', '--max-time', '-w', '--write-out', '-x', '--proxy', '--connect-timeout', '--retry', '--cert', '--key', '--cacert', '-K', '--config', '--resolve', '--connect-to', '--retry-delay', '--retry-max-time'],
  stern: ['-n', '--namespace', '-c', '--container', '-l', '--selector', '--context', '--since', '--tail', '-o', '--output', '--template'],
  iptables: ['-t', '--table'],
  find: ['-name', '-iname', '-path', '-ipath', '-type', '-mtime', '-mmin', '-atime', '-amin', '-ctime', '-cmin', '-size', '-maxdepth', '-mindepth', '-newer', '-user', '-group', '-perm', '-regex', '-iregex', '-wholename', '-samefile', '-links', '-inum', '-printf', '-fprintf', '-fprint', '-fls', '-uid', '-gid'],
  su: ['-c', '--command', '-s', '--shell', '-g', '--group', '-G', '--supp-group', '-w', '--whitelist-environment'],
  runuser: ['-c', '--command', '-s', '--shell', '-g', '--group', '-G', '--supp-group', '-u', '--user', '-w', '--whitelist-environment'],
  shell: ['-o', '-O', '--rcfile', '--init-file'],
  mongosh: ['--eval', '-u', '--username', '-p', '--password', '--host', '--port', '-f', '--file', '--authenticationDatabase'],
  etcdctl: ['--endpoints', '--cacert', '--cert', '--key', '--user', '--password', '-w', '--write-out', '--dial-timeout', '--command-timeout', '--prefix-range'],
  // crictl's global `-i` (image endpoint) and `-t` (timeout) are left out: runbooks write them long, and after a
  // subcommand `-i`/`-t` are flags (`crictl exec -it`, `crictl logs -t`).
  crictl: ['-r', '--runtime-endpoint', '--image-endpoint', '--timeout', '-c', '--config', '-o', '--output', '--name', '--label', '--state', '-n', '--last', '--tail', '--since'],
  awk: ['-F', '--field-separator', '-v', '--assign', '-f', '--file'],
  gawk: ['-F', '--field-separator', '-v', '--assign', '-f', '--file'],
  sed: ['-e', '--expression', '-f', '--file', '-l', '--line-length'],
  jq: ['--indent', '-L', '-f', '--from-file'],
  yq: ['-o', '--output-format', '-p', '--input-format', '-I', '--indent', '--from-file', '--split-exp', '--expression'],
  tmux: ['-L', '-S', '-f', '-T'],
  script: ['-c', '--command', '-E', '--echo', '-I', '--log-in', '-O', '--log-out', '-B', '--log-io', '-T', '--log-timing', '-m', '--logging-format'],
  parallel: ['-j', '--jobs', '-S', '--sshlogin', '-a', '--arg-file', '-d', '--delimiter', '--colsep', '-C', '-E', '-I', '--replace', '-n', '--max-args', '-N', '-L', '--max-lines', '--timeout', '--joblog', '--results', '--tagstring', '--env', '--workdir', '--memfree', '--load', '--delay', '--retries', '--halt'],
  sg: [],
  tar: ['-f', '--file', '-C', '--directory', '-I', '--use-compress-program', '-T', '--files-from', '-X', '--exclude-from', '-F', '--info-script', '--new-volume-script', '--to-command', '-b', '--blocking-factor', '-H', '--format', '-V', '--label', '-g', '--listed-incremental', '-N', '--newer'],
  rsync: ['-e', '--rsh', '--rsync-path', '-f', '--filter', '--exclude', '--include', '--exclude-from', '--include-from', '--files-from', '--password-file', '--log-file', '--bwlimit', '--timeout', '-T', '--temp-dir', '--backup-dir', '--suffix', '--chmod', '--chown', '--port', '-B', '--block-size', '--max-size', '--min-size', '--compare-dest', '--copy-dest', '--link-dest'],
  scp: ['-c', '-F', '-i', '-J', '-l', '-o', '-P', '-S'],
  sftp: ['-b', '-c', '-D', '-F', '-i', '-J', '-l', '-o', '-P', '-R', '-S', '-s'],
  zip: ['-TT', '--unzip-command', '-b', '-n', '-t', '-tt', '-x', '-i'],
  grep: ['-e', '--regexp', '-f', '--file', '-m', '--max-count', '-A', '-B', '-C', '--after-context', '--before-context', '--context', '--include', '--exclude', '--label'],
  praefect: ['-config', '-virtual-storage', '-repository', '-relative-path', '-authoritative-storage'],
  gitlab: [],
  vault: ['-address', '-namespace', '-format', '-field', '-path', '-mount'],
  consul: ['-http-addr', '-token', '-datacenter'],
  nomad: ['-address', '-namespace', '-region', '-token'],
  knife: ['-a', '--attribute', '-x', '--ssh-user', '-P', '--ssh-password', '-p', '--ssh-port', '-i', '--ssh-identity-file', '-C', '--concurrency', '-G', '--ssh-gateway', '-c', '--config', '-s', '--server-url', '-u', '--user', '-k', '--key', '-E', '--environment', '--prefix-attribute'],
};

/** Other names of a program (`oc` behaves as `kubectl` for everything the two share). */
const ALIASES: Record<string, string> = {
  oc: 'kubectl',
  podman: 'docker',
  nerdctl: 'docker',
  tofu: 'terraform',
  tf: 'terraform',
  mariadb: 'mysql',
  mongo: 'mongosh',
  ip6tables: 'iptables',
  sh: 'shell',
  bash: 'shell',
  zsh: 'shell',
  dash: 'shell',
  ash: 'shell',
  ksh: 'shell',
  gawk: 'awk',
  mawk: 'awk',
  nawk: 'awk',
  python3: 'python',
  nodejs: 'node',
  'redis-cli': 'redis-cli',
  'valkey-cli': 'redis-cli',
  'docker-compose': 'docker-compose',
  // GitLab's omnibus wrappers: psql and redis-cli with the instance's connection settings.
  'gitlab-psql': 'psql',
  'gitlab-redis-cli': 'redis-cli',
};

/** The program a command name stands for: `/usr/bin/oc` → `kubectl`, `bash` → `shell`. */
export function programFamily(name: string): string {
  // Versioned interpreters (`python3.11`, `perl5.36`, `ruby3.2`, `php8.2`, `lua5.4`) are their family.
  return ALIASES[name] ?? /^(python|perl|ruby|php|lua)[0-9.]+$/.exec(name)?.[1] ?? name;
}

const valueSets = new Map<string, Set<string>>();

/** The options of a program that take a value. */
export function valueOptions(program: string): Set<string> {
  let set = valueSets.get(program);
  if (!set) valueSets.set(program, (set = new Set(VALUE_OPTIONS[programFamily(program)] ?? [])));
  return set;
}

/** Whether a word is an option (`-n`, `--all`), not a positional argument or a negative number. */
export function isOption(value: string): boolean {
  return value.length > 1 && value.startsWith('-') && value !== '--' && !/^-\d+(\.\d+)?$/.test(value);
}

/**
 * Whether the option word `value` takes the next word as its value: `-n` (a value option), or a cluster of short
 * options whose last letter is one (`-iu` takes the user next; `-owide` has its value glued).
 */
export function takesNextWord(values: Set<string>, value: string): boolean {
  if (values.has(value)) return true;
  if (!/^-[A-Za-z0-9]{2,}$/.test(value)) return false;
  for (let i = 1; i < value.length; i++) if (values.has(`-${value[i]}`)) return i === value.length - 1;
  return false;
}

/** The positional words of `args` (options and their values skipped), up to `--`. */
export function positionals(program: string, args: readonly CommandWord[]): CommandWord[] {
  const values = valueOptions(program);
  const result: CommandWord[] = [];
  for (let i = 0; i < args.length; i++) {
    const value = args[i].value;
    if (value === '--') break;
    if (isOption(value)) {
      if (takesNextWord(values, value)) i++;
      continue;
    }
    result.push(args[i]);
  }
  return result;
}

/** The index of the first positional word at or after `from` (options and their values skipped); `--` ends the options. */
export function firstPositional(program: string, args: readonly CommandWord[], from = 0, options: { assignments?: boolean } = {}): number {
  const values = valueOptions(program);
  for (let i = from; i < args.length; i++) {
    const value = args[i].value;
    if (value === '--') return i + 1;
    if (isOption(value)) {
      if (takesNextWord(values, value)) i++;
      continue;
    }
    if (options.assignments && /^[A-Za-z_][A-Za-z0-9_]*=/.test(value)) continue;
    return i;
  }
  return args.length;
}

/**
 * The word that gives one of `flags`: `--force`, `--force=true`, `-f`, or `-f` inside `-rf`. A flag with a value
 * (`-X DELETE`) also matches `-XDELETE` and `--request=DELETE`.
 */
export function findFlag(program: string, args: readonly CommandWord[], flags: readonly string[]): CommandWord | undefined {
  const values = valueOptions(program);
  for (let i = 0; i < args.length; i++) {
    const value = args[i].value;
    if (value === '--') return undefined;
    if (!value.startsWith('-')) continue;
    for (const flag of flags) {
      const [option, expected] = flag.split(' ');
      if (expected !== undefined) {
        const given =
          value === option
            ? args[i + 1]?.value
            : value.startsWith(`${option}=`)
              ? value.slice(option.length + 1)
              : option.length === 2 && value.startsWith(option) && value.length > 2
                ? value.slice(2)
                : undefined;
        if (given?.toUpperCase() === expected.toUpperCase()) return args[i];
        continue;
      }
      if (value === option) return args[i];
      if (option.startsWith('--') && value.startsWith(`${option}=`) && !/=(false|0|none|no)$/i.test(value)) return args[i];
      if (option.length === 2 && option[1] !== '-' && /^-[A-Za-z0-9]{2,}$/.test(value)) {
        // A cluster of short options (`-rf`); stop at a letter that takes the rest of the word as its value (`-owide`).
        for (const letter of value.slice(1)) {
          if (letter === option[1]) return args[i];
          if (values.has(`-${letter}`)) break;
        }
      }
    }
    if (values.has(value)) i++;
  }
  return undefined;
}

/** The value of an option: `--name value`, `--name=value`, `-n value` or `-nvalue` (first of `names` found). */
export function optionValue(args: readonly CommandWord[], names: readonly string[]): CommandWord | undefined {
  for (let i = 0; i < args.length; i++) {
    const value = args[i].value;
    if (value === '--') return undefined;
    for (const name of names) {
      if (value === name) return args[i + 1];
      if (name.startsWith('--') && value.startsWith(`${name}=`)) return sliceWord(args[i], name.length + 1);
      if (name.length === 2 && value.startsWith(name) && value.length > 2 && !name.startsWith('--')) return sliceWord(args[i], 2);
    }
  }
  return undefined;
}

/**
 * Every value given to one of `names` (`-H a -H b`), in order, in the forms `optionValue` reads. `goFlags`: the
 * program parses its flags with Go's pflag (kubectl, oc, helm), which also reads `-p=value` as `value`.
 */
export function optionValues(args: readonly CommandWord[], names: readonly string[], goFlags = false): CommandWord[] {
  const found: CommandWord[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i].value === '--') break;
    const word = args[i].value;
    if (names.includes(word)) {
      if (args[i + 1]) found.push(args[i + 1]);
      i++;
      continue;
    }
    // Only this word: `--name=value`, `-nvalue`.
    const glued = names.some((name) => (name.startsWith('--') ? word.startsWith(`${name}=`) : name.length === 2 && word.startsWith(name) && word.length > 2));
    if (glued) {
      const value = optionValue([args[i]], names)!;
      found.push(goFlags && word[1] !== '-' && word[2] === '=' ? sliceWord(args[i], 3) : value);
    }
  }
  return found;
}

/**
 * The value of a short option `-x` that may stand in a cluster (`su -lc CMD`, `script -qc CMD`, `-cCMD`), or of
 * one of its long names (`--command CMD`, `--command=CMD`), anywhere before `--` (GNU programs take options after
 * their positional words: `su - postgres -c CMD`).
 */
export function shortOptionValue(program: string, args: readonly CommandWord[], letter: string, longs: readonly string[] = []): CommandWord | undefined {
  const values = valueOptions(program);
  for (let i = 0; i < args.length; i++) {
    const value = args[i].value;
    if (value === '--') return undefined;
    if (!isOption(value)) continue;
    for (const long of longs) {
      if (value === long) return args[i + 1];
      if (value.startsWith(`${long}=`)) return sliceWord(args[i], long.length + 1);
    }
    if (value.startsWith('--')) {
      if (values.has(value)) i++;
      continue;
    }
    for (let at = 1; at < value.length; at++) {
      if (value[at] === letter) return at === value.length - 1 ? args[i + 1] : sliceWord(args[i], at + 1);
      if (values.has(`-${value[at]}`)) {
        if (at === value.length - 1) i++;
        break;
      }
    }
  }
  return undefined;
}

/** A word from its `skip`-th character on (the value of `--name=value`). */
export function sliceWord(word: CommandWord, skip: number): CommandWord {
  const dynamic = word.dynamic?.filter(([, end]) => end > skip).map(([start, end]): [number, number] => [Math.max(0, start - skip), end - skip]);
  return {
    ...word,
    value: word.value.slice(skip),
    offsets: word.offsets.slice(skip),
    start: word.offsets[skip] ?? word.end,
    skip: (word.skip ?? 0) + skip,
    ...(dynamic?.length ? { dynamic } : {}),
  };
}

/** Whether an option word of `program` sets a short flag matching `letters` (`-s`, or in a cluster `-Es`; not the value of `-u`). */
export function shortFlag(program: string, value: string, letters: RegExp): boolean {
  if (!/^-[A-Za-z]+$/.test(value)) return false;
  const values = valueOptions(program);
  for (const letter of value.slice(1)) {
    if (letters.test(letter)) return true;
    if (values.has(`-${letter}`)) return false;
  }
  return false;
}
