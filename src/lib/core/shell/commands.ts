// The commands a shell text runs, read from mvdan/sh's syntax tree: each simple command with its argv words
// (values after quote removal, offsets into the block's code), its redirections and where its input comes
// from; wrapped commands (`sudo X`, `kubectl exec pod -- X`, `find -exec X ;`, `sh -c "X"`, `ssh host X`)
// follow their wrapper, strings that another shell parses again are parsed again here.
import { parseShellText, type ShellNode, type ShellTree } from './parser.ts';
import { firstPositional, isOption, optionValue, positionals, programFamily, shortFlag, shortOptionValue, valueOptions } from './programs.ts';
import { childrenOf, wordValue, type CommandWord } from './words.ts';

export type { CommandWord };

/** Where a command's standard input comes from. */
export type CommandInput =
  | { kind: 'pipe'; from: number }
  | { kind: 'heredoc'; body: TextPiece; expands: boolean }
  | { kind: 'herestring'; word: CommandWord }
  | { kind: 'file'; word: CommandWord };

/** A piece of text of the code (a heredoc body), with the code offset of each character. */
export interface TextPiece {
  text: string;
  offsets: number[];
  /** Ranges of `text` that are expansions of an expanding heredoc (`$X`, `${X}`, `$(...)`): only known when it runs. */
  dynamic?: [number, number][];
}

export interface CommandRedirect {
  /** `>`, `>>`, `<`, `<<`, `<<-`, `<<<`, `&>`, `>&`, ... */
  op: string;
  fd?: string;
  target?: CommandWord;
}

export interface Command {
  index: number;
  /** The program as written, without its directory (`/usr/bin/oc` → `oc`); '' when only known at run time. */
  name: string;
  /** What it is for the tables: `oc` → `kubectl`, `bash` → `shell`, `podman` → `docker`. */
  program: string;
  /** The program is an expansion (`$KUBECTL delete pod x`): what runs is unknown until it runs. */
  dynamic: boolean;
  argv: CommandWord[];
  /** `NAME=value` before the command (or a command of only assignments). */
  assigns: { name: string; value?: CommandWord }[];
  redirects: CommandRedirect[];
  stdin?: CommandInput;
  /** The command that reads this one's output through a pipe. */
  pipesTo?: number;
  /** The command that runs this one (`sudo`, `kubectl exec`, `sh -c`, `xargs`). */
  parent?: number;
  /** How the parent runs it: its own words (`sudo X`), or a string a shell parses again (`sh -c`, `ssh`, `eval`, `watch`). */
  via?: 'argv' | 'shell';
  /** Names of the programs that run it, outermost first (`sudo`, `kubectl exec`). */
  wrappers: string[];
  /** Runs inside `$(...)` or `<(...)`: its output becomes words of another command. */
  substitution: boolean;
  /** Runs in the background (`&`). */
  background: boolean;
  /**
   * What the exit status of its pipeline does under `set -e` (undefined: a failure stops the script). `tested`: it
   * decides a condition instead (`if`/`while`/`until`, `!`, left of `&&` or `||`); `ignored`: nothing sees it (in
   * the background, left of `|| true`, or in a `$(...)` whose value is a word of another command — `echo "$(x)"`,
   * `export X="$(x)"`, `for i in $(x)` — rather than a plain assignment, `X=$(x)`).
   */
  status?: 'tested' | 'ignored';
  /** A wrapper that hands a string to a shell that parses it again (`sh -c`, `ssh`, `eval`, `watch`), and that string. */
  reparses?: { by: string; script: CommandWord };
  /** Offsets of the command's words in the code. */
  start: number;
  end: number;
}

/** A `$name` the text reads, with code offsets of the name. */
export interface VariableRef {
  name: string;
  start: number;
  end: number;
  /** The expansion says what to do when it is unset (`${NAME:-default}`, `${NAME:+x}`): it need not be set. */
  guarded?: true;
}

/** Facts about a shell text besides its commands. */
export interface ShellFacts {
  commands: Command[];
  /** `$NAME` references (upper-case names) not assigned in the text, with code offsets of the name; not those a remote shell expands (`ssh host 'echo $HOME'`). */
  variables: VariableRef[];
  /**
   * `$name` references of other names (a lower-case letter: `$pod`, `${namespace}`) that nothing in the text sets
   * and no default guards; not the shell's own (`$HOME`, `$1`, `$?`, `$_`) nor what a remote shell expands.
   */
  unset: VariableRef[];
  /** Names the text assigns (`X=1`, `export X=`, `read X`, `for X in`, `declare X`, `let X=1`, `printf -v X`, `${X:=y}`). */
  assigned: Set<string>;
  /** The text reads variables from elsewhere (`source FILE`, `. FILE`, `eval "$(...)"`): what it sets is unknown. */
  importsVariables?: true;
  /** Loops that never end by themselves (`while true` without break, exit or return), code offsets. */
  endless: { start: number; end: number }[];
}

/** A parsed text and the way from its offsets to the block's code. */
export interface Frame {
  tree: ShellTree;
  toCode(offset: number): number;
  /** The command whose string this text is (`sh -c "..."`), for nested frames. */
  parent?: number;
  wrappers: string[];
}

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ash', 'ksh', 'mksh', 'busybox-sh']);

/** Wrappers that run the command in their remaining words (after their own options). */
const ARGV_WRAPPERS = new Set([
  'sudo',
  'doas',
  'nohup',
  'time',
  'command',
  'builtin',
  'exec',
  'nice',
  'ionice',
  'stdbuf',
  'chronic',
  'caffeinate',
  'setsid',
  'env',
  'timeout',
  'xargs',
  'unbuffer',
  'strace',
  'ltrace',
  'torsocks',
  'proxychains',
  'proxychains4',
]);

/** Reads the commands of a parsed shell text. `toCode` maps offsets of the parsed text to the block's code. */
export function readCommands(tree: ShellTree, toCode: (offset: number) => number): ShellFacts {
  const reader = new Reader();
  reader.frame({ tree, toCode, wrappers: [] });
  const unsetRefs = reader.variables.filter((ref) => !reader.assigned.has(ref.name));
  return {
    commands: reader.commands,
    variables: unsetRefs
      .filter((ref) => ENV_NAME.test(ref.name))
      .map(({ name, start, end, guarded }) => ({ name, start, end, ...(guarded ? { guarded } : {}) })),
    unset: unsetRefs.filter((ref) => !ENV_NAME.test(ref.name) && !ref.guarded),
    assigned: reader.assigned,
    ...(reader.importsVariables ? { importsVariables: true as const } : {}),
    endless: reader.endless,
  };
}

/** An environment variable's name: upper case. */
const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;

/** `${x:-y}`, `${x-y}`, `${x:+y}`, `${x+y}`: the expansion handles an unset name; `:=`/`=` also set it. */
const GUARDS = new Set([':-', '-', ':+', '+', ':=', '=']);

/** Arithmetic operators that assign their left side (`let n=1`, `(( n += 1 ))`, `for ((i=0; ...; i++))`). */
const ARITHMETIC_ASSIGNMENTS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '|=', '^=', '++', '--']);

/** Wrappers whose string runs on another machine or in a container: its `$name` is expanded there. */
const REMOTE = /^(ssh|\S+ (exec|debug|run|rsh)|\S+ compose (exec|run)|docker-compose (exec|run))$/;

/** Variables every shell sets; a runbook need not declare them. */
const SHELL_VARIABLES = new Set([
  'HOME',
  'PATH',
  'USER',
  'PWD',
  'OLDPWD',
  'SHELL',
  'HOSTNAME',
  'RANDOM',
  'LINENO',
  'SECONDS',
  'IFS',
  'TERM',
  'EDITOR',
  'TMPDIR',
  'UID',
  'EUID',
  'PPID',
  'LANG',
  'BASHPID',
  'BASH_SOURCE',
  'BASH_VERSION',
  'PIPESTATUS',
  'REPLY',
  'OPTARG',
  'OPTIND',
  'HOSTTYPE',
  'OSTYPE',
  'MACHTYPE',
  'COLUMNS',
  'LINES',
  'BASH',
  'GROUPS',
  'FUNCNAME',
  'SHLVL',
  'LOGNAME',
]);

/** Commands that do nothing: `a || true` ignores a's failure. */
const NO_OP = new Set(['true', ':', 'exit 0', 'return 0']);

/** What a statement passes to the commands inside it. */
type Inherited = Partial<Pick<Command, 'stdin' | 'substitution' | 'status'>>;

class Reader {
  commands: Command[] = [];
  variables: VariableRef[] = [];
  assigned = new Set<string>();
  importsVariables = false;
  endless: { start: number; end: number }[] = [];
  /** Set while the words of an assignment-only command are read: their `$(...)` give the command's status. */
  private statusKept = false;

  frame(frame: Frame, inherited: Inherited = {}): void {
    const root = frame.tree.nodes[0];
    this.arithmeticAssignments(frame.tree);
    for (const node of frame.tree.nodes) {
      // A quoted `let` expression (`let "n = x * 2"`) is one word to the parser; bash reads its text as arithmetic.
      if (node.kind === 'Word' && node.role === 'expr' && frame.tree.nodes[node.parent]?.kind === 'LetClause') {
        const value = wordValue(frame.tree, node);
        if (value.literal && /[=+-]/.test(value.value)) {
          const parsed = parseShellText(`(( ${value.value} ))`);
          if (parsed.tree) this.arithmeticAssignments(parsed.tree);
        }
      }
    }
    for (const stmt of childrenOf(frame.tree, root)) if (stmt.kind === 'Stmt') this.stmt(frame, stmt, inherited);
  }

  word(frame: Frame, node: ShellNode): CommandWord {
    const value = wordValue(frame.tree, node);
    const before = this.commands.length;
    this.expansions(frame, node);
    const substitutions = Array.from({ length: this.commands.length - before }, (_, i) => before + i);
    return {
      value: value.value,
      start: frame.toCode(node.start),
      end: frame.toCode(node.end),
      offsets: value.offsets.map((offset) => frame.toCode(offset)),
      literal: value.literal,
      ...(substitutions.length ? { substitutions } : {}),
      ...(value.dynamic.length ? { dynamic: value.dynamic } : {}),
    };
  }

  /** Commands inside `$(...)`, `<(...)` of a node, and `$NAME` references. */
  expansions(frame: Frame, node: ShellNode): void {
    const tree = frame.tree;
    const visit = (current: ShellNode) => {
      for (const child of childrenOf(tree, current)) {
        if (child.kind === 'CmdSubst' || child.kind === 'ProcSubst') {
          const kept = child.kind === 'CmdSubst' && this.statusKept;
          for (const stmt of childrenOf(tree, child))
            if (stmt.kind === 'Stmt') this.stmt(frame, stmt, { substitution: true, ...(kept ? {} : { status: 'ignored' as const }) });
          continue;
        }
        if (child.kind === 'ParamExp' && !frame.wrappers.some((wrapper) => REMOTE.test(wrapper))) {
          const param = childrenOf(tree, child).find((grandchild) => grandchild.role === 'param');
          if (param) {
            const name = tree.text.slice(param.start, param.end);
            const guarded = GUARDS.has(child.extra.split(';')[1] ?? '');
            if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && name !== '_' && !SHELL_VARIABLES.has(name))
              this.variables.push({ name, start: frame.toCode(param.start), end: frame.toCode(param.end), ...(guarded ? { guarded: true as const } : {}) });
          }
        }
        visit(child);
      }
    };
    visit(node);
  }

  /** Arithmetic assignments (`let n=1`, `(( i++ ))`) and `${x:=default}` set names wherever they stand. */
  private arithmeticAssignments(tree: ShellTree): void {
    for (const node of tree.nodes) {
      if ((node.kind === 'BinaryArithm' || node.kind === 'UnaryArithm') && ARITHMETIC_ASSIGNMENTS.has(node.extra)) {
        const target = childrenOf(tree, node).find((child) => child.role === 'x');
        const name = target ? tree.text.slice(target.start, target.end).trim() : '';
        if (/^[A-Za-z_]\w*$/.test(name)) this.assigned.add(name);
      } else if (node.kind === 'ParamExp' && /;:?=$/.test(node.extra)) {
        const param = childrenOf(tree, node).find((child) => child.role === 'param');
        if (param) this.assigned.add(tree.text.slice(param.start, param.end));
      }
    }
  }

  stmt(frame: Frame, stmt: ShellNode, inherited: Inherited): number[] {
    const tree = frame.tree;
    const children = childrenOf(tree, stmt);
    const cmd = children.find((child) => child.role === 'cmd');
    const redirects = children.filter((child) => child.kind === 'Redirect');
    const background = stmt.extra.includes('background');
    if (background) inherited = { ...inherited, status: 'ignored' };
    else if (stmt.extra.includes('negated') && !inherited.status) inherited = { ...inherited, status: 'tested' };
    if (!cmd) {
      // A statement of only redirections (`> file`) truncates or creates the file: a command without a name.
      if (!redirects.length) return [];
      const index = this.add({
        name: '',
        program: '',
        dynamic: false,
        argv: [],
        assigns: [],
        redirects: [],
        wrappers: frame.wrappers,
        substitution: Boolean(inherited.substitution),
        background,
        start: frame.toCode(stmt.start),
        end: frame.toCode(stmt.end),
        ...(frame.parent !== undefined ? { parent: frame.parent, via: 'shell' as const } : {}),
      });
      this.redirect(frame, this.commands[index], redirects);
      return [index];
    }
    switch (cmd.kind) {
      case 'BinaryCmd': {
        const [left, right] = childrenOf(tree, cmd);
        // `a && b`, `a || b`: a's failure decides whether b runs and stops nothing; `a || true` ignores it.
        const leftStatus =
          cmd.extra === '||' && NO_OP.has(tree.text.slice(right.start, right.end).trim())
            ? 'ignored'
            : cmd.extra === '&&' || cmd.extra === '||'
              ? 'tested'
              : undefined;
        const leftCommands = this.stmt(frame, left, leftStatus && inherited.status !== 'ignored' ? { ...inherited, status: leftStatus } : inherited);
        if (cmd.extra === '|' || cmd.extra === '|&') {
          const last = leftCommands.filter((index) => this.commands[index].parent === undefined || !leftCommands.includes(this.commands[index].parent!)).at(-1);
          const rightCommands = this.stmt(frame, right, { ...inherited, ...(last !== undefined ? { stdin: { kind: 'pipe', from: last } } : {}) });
          const first = rightCommands[0];
          if (last !== undefined && first !== undefined) this.commands[last].pipesTo ??= first;
          return [...leftCommands, ...rightCommands];
        }
        return [...leftCommands, ...this.stmt(frame, right, inherited)];
      }
      case 'CallExpr':
        return this.call(frame, cmd, redirects, inherited, background);
      default: {
        // Compound commands: their statements, words and expressions.
        const found: number[] = [];
        const visit = (node: ShellNode) => {
          for (const child of childrenOf(tree, node)) {
            // Every statement of a compound command reads its input (`... | while read x; do ...; done`).
            if (child.kind === 'Stmt')
              found.push(...this.stmt(frame, child, child.role === 'cond' && !inherited.status ? { ...inherited, status: 'tested' } : inherited));
            else if (child.kind === 'Word') this.expansions(frame, child);
            else if (child.kind === 'Lit' && child.role === 'name' && node.kind === 'WordIter') this.assigned.add(tree.text.slice(child.start, child.end));
            else if (child.kind === 'Assign') this.assign(frame, child);
            else visit(child);
          }
        };
        visit(cmd);
        for (const redirect of redirects) this.expansions(frame, redirect);
        if (cmd.kind === 'WhileClause' && this.endlessLoop(frame, cmd, found))
          this.endless.push({ start: frame.toCode(cmd.start), end: frame.toCode(cmd.end) });
        return found;
      }
    }
  }

  /** `while true` / `while :` / `until false` whose body has no break, exit or return. */
  endlessLoop(frame: Frame, loop: ShellNode, inside: number[]): boolean {
    const tree = frame.tree;
    const conditions = childrenOf(tree, loop).filter((child) => child.role === 'cond');
    if (conditions.length !== 1) return false;
    const condition = tree.text.slice(conditions[0].start, conditions[0].end).replace(/;$/, '').trim();
    const forever = loop.extra.includes('until') ? condition === 'false' : condition === 'true' || condition === ':';
    return forever && !inside.some((index) => ['break', 'exit', 'return'].includes(this.commands[index].name));
  }

  assign(frame: Frame, node: ShellNode): { name: string; value?: CommandWord } {
    const tree = frame.tree;
    const children = childrenOf(tree, node);
    const name = children.find((child) => child.role === 'name');
    const value = children.find((child) => child.role === 'value');
    const text = name ? tree.text.slice(name.start, name.end) : '';
    if (text) this.assigned.add(text);
    for (const child of children) if (child.role !== 'value') this.expansions(frame, child);
    return { name: text, ...(value ? { value: this.word(frame, value) } : {}) };
  }

  call(frame: Frame, call: ShellNode, redirectNodes: ShellNode[], inherited: Inherited, background: boolean): number[] {
    const tree = frame.tree;
    const children = childrenOf(tree, call);
    // `X=$(a | b)` alone: the assignment's status is the substitution's, and `set -e` sees it.
    const outer = this.statusKept;
    this.statusKept = !children.some((child) => child.role === 'arg') && inherited.status === undefined;
    const assigns = children.filter((child) => child.kind === 'Assign').map((child) => this.assign(frame, child));
    this.statusKept = outer;
    const argv = children.filter((child) => child.role === 'arg').map((child) => this.word(frame, child));
    const first = argv[0];
    const name = first && first.literal ? first.value.slice(first.value.lastIndexOf('/') + 1) : '';
    const command = this.add({
      name,
      program: programFamily(name),
      dynamic: Boolean(first && !first.literal),
      argv,
      assigns,
      redirects: [],
      wrappers: frame.wrappers,
      substitution: Boolean(inherited.substitution),
      background,
      start: frame.toCode(call.start),
      end: frame.toCode(call.end),
      ...(inherited.stdin ? { stdin: inherited.stdin } : {}),
      ...(inherited.status ? { status: inherited.status } : {}),
      ...(frame.parent !== undefined ? { parent: frame.parent, via: 'shell' as const } : {}),
    });
    this.redirect(frame, this.commands[command], redirectNodes);
    if (name === 'read' || name === 'mapfile' || name === 'readarray')
      for (const word of argv.slice(1)) if (/^[A-Za-z_]\w*$/.test(word.value)) this.assigned.add(word.value);
    // `printf -v NAME`, `getopts OPTSTRING NAME`: the builtins that set a name given as a word.
    if (name === 'printf') {
      const target = argv.findIndex((word) => word.value === '-v');
      if (target !== -1 && argv[target + 1]) this.assigned.add(argv[target + 1].value);
    }
    if (name === 'getopts' && argv[2]) this.assigned.add(argv[2].value);
    if (name === 'source' || name === '.' || (name === 'eval' && argv.slice(1).some((word) => !word.literal))) this.importsVariables = true;
    if (name === 'export' || name === 'declare' || name === 'local' || name === 'typeset' || name === 'readonly') {
      for (const word of argv.slice(1)) {
        const assigned = /^([A-Za-z_]\w*)(?:=|$)/.exec(word.value);
        if (assigned) this.assigned.add(assigned[1]);
      }
    }
    return [command, ...this.unwrap(frame, command)];
  }

  redirect(frame: Frame, command: Command, nodes: ShellNode[]): void {
    const tree = frame.tree;
    for (const node of nodes) {
      const parts = childrenOf(tree, node);
      const fd = parts.find((part) => part.role === 'op-n');
      const target = parts.find((part) => part.role === 'word');
      const hdoc = parts.find((part) => part.role === 'hdoc');
      const word = target ? this.word(frame, target) : undefined;
      command.redirects.push({ op: node.extra, ...(fd ? { fd: tree.text.slice(fd.start, fd.end) } : {}), ...(word ? { target: word } : {}) });
      if (node.extra === '<<' || node.extra === '<<-') {
        // The delimiter quoted (`<<'EOF'`, `<<"EOF"`, `<<\EOF`) makes the body literal; otherwise it expands $ and `.
        const expands = Boolean(
          target && childrenOf(tree, target).every((part) => part.kind === 'Lit') && !tree.text.slice(target.start, target.end).includes('\\'),
        );
        command.stdin = {
          kind: 'heredoc',
          body: hdoc ? this.heredocBody(frame, hdoc, word?.value ?? '', expands) : { text: '', offsets: [frame.toCode(node.end)] },
          expands,
        };
        if (hdoc && expands) this.expansions(frame, hdoc);
      } else if (node.extra === '<<<' && word) command.stdin = { kind: 'herestring', word };
      else if ((node.extra === '<' || node.extra === '<>') && word && !fd) command.stdin = { kind: 'file', word };
    }
  }

  /** A heredoc body as the command reads it (the closing delimiter line left out). */
  heredocBody(frame: Frame, hdoc: ShellNode, delimiter: string, expands: boolean): TextPiece {
    let text = frame.tree.text.slice(hdoc.start, hdoc.end);
    const lastLine = text.lastIndexOf('\n', text.length - 1);
    if (text.slice(lastLine + 1).replace(/^\t+/, '') === delimiter) text = text.slice(0, lastLine + 1);
    const offsets = Array.from({ length: text.length + 1 }, (_, i) => frame.toCode(hdoc.start + i));
    // The parser's parts of an expanding body: everything but literal text expands when it runs.
    const dynamic = expands
      ? childrenOf(frame.tree, hdoc)
          .filter((part) => part.kind !== 'Lit' && part.start - hdoc.start < text.length)
          .map((part): [number, number] => [part.start - hdoc.start, Math.min(part.end - hdoc.start, text.length)])
      : [];
    return { text, offsets, ...(dynamic.length ? { dynamic } : {}) };
  }

  add(command: Omit<Command, 'index'>): number {
    const index = this.commands.length;
    this.commands.push({ index, ...command });
    return index;
  }

  /** The commands a wrapper runs: from its words (`sudo X`), or from a string parsed again (`sh -c "X"`). */
  unwrap(frame: Frame, index: number): number[] {
    const command = this.commands[index];
    if (command.dynamic || !command.name) return [];
    const found: number[] = [];
    for (const wrapped of wrappedCommands(command, command.argv.slice(1))) found.push(...this.unwrapOne(frame, index, wrapped));
    return found;
  }

  unwrapOne(frame: Frame, index: number, wrapped: Wrapped): number[] {
    const command = this.commands[index];
    const wrappers = [...command.wrappers, wrapped.label];
    if (wrapped.words) {
      const words = wrapped.words;
      if (!words.length) return [];
      const first = words[0];
      const name = first.literal ? first.value.slice(first.value.lastIndexOf('/') + 1) : '';
      const child = this.add({
        name,
        program: programFamily(name),
        dynamic: !first.literal,
        argv: words,
        assigns: [],
        redirects: [],
        wrappers,
        substitution: command.substitution,
        background: command.background,
        start: first.start,
        end: words[words.length - 1].end,
        parent: index,
        via: 'argv',
        ...(command.stdin && wrapped.label !== 'xargs' ? { stdin: command.stdin } : {}),
        ...(command.status ? { status: command.status } : {}),
        ...(wrapped.label === 'xargs' ? { stdin: { kind: 'pipe' as const, from: index } } : {}),
      });
      return [child, ...this.unwrap(frame, child)];
    }
    // A string a shell parses again: parse it here, when all of it is known (`sh -c "$(curl ...)"` runs code
    // that exists only when it runs).
    const script = wrapped.script!;
    command.reparses ??= { by: wrapped.label, script };
    if (!script.literal || wrapped.parse === false) return [];
    const parsed = parseShellText(script.value);
    if (!parsed.tree) return [];
    const before = this.commands.length;
    // The end of the text is right after its last character (not after the closing quote of the word that held it).
    const last = script.value.length;
    const toCode = (offset: number) => (offset >= last && last > 0 ? script.offsets[last - 1] + 1 : script.offsets[offset]);
    this.frame(
      { tree: parsed.tree, toCode, parent: index, wrappers },
      { ...(command.stdin ? { stdin: command.stdin } : {}), substitution: command.substitution },
    );
    return Array.from({ length: this.commands.length - before }, (_, i) => before + i);
  }
}

interface Wrapped {
  label: string;
  /** The command's own words (`sudo -u x psql ...` → `psql ...`). */
  words?: CommandWord[];
  /** One string a shell parses again (`sh -c "..."`, the joined words of `ssh host a b`). */
  script?: CommandWord;
  /** The string is parsed again, but not as a command line of its own (tmux's keys and command strings). */
  parse?: false;
}

/** Joins words with spaces, as `ssh`, `eval` and `watch` do before a shell parses them. */
function joinWords(words: CommandWord[]): CommandWord {
  const value = words.map((word) => word.value).join(' ');
  const substitutions = words.flatMap((word) => word.substitutions ?? []);
  const offsets: number[] = [];
  words.forEach((word, i) => {
    offsets.push(...word.offsets.slice(0, -1));
    if (i < words.length - 1) offsets.push(word.end);
  });
  offsets.push(words[words.length - 1].end);
  return {
    value,
    start: words[0].start,
    end: words[words.length - 1].end,
    offsets,
    literal: words.every((word) => word.literal),
    ...(substitutions.length ? { substitutions } : {}),
  };
}

/** tmux commands whose arguments a shell reads: a command to start, keys typed into a shell, a shell command. */
const TMUX_SHELL_COMMANDS = new Set([
  'new-session',
  'new',
  'new-window',
  'neww',
  'split-window',
  'splitw',
  'respawn-pane',
  'respawnp',
  'respawn-window',
  'respawnw',
  'run-shell',
  'run',
  'if-shell',
  'if',
  'pipe-pane',
  'pipep',
  'display-popup',
  'popup',
  'send-keys',
  'send',
]);

/** Programs that print or search their arguments: a `sh -c` among their words is text, not a command. */
const TEXT_ARGUMENTS = new Set([
  'echo',
  'printf',
  'print',
  'yes',
  'grep',
  'egrep',
  'fgrep',
  'rg',
  'pgrep',
  'pkill',
  'killall',
  'man',
  'which',
  'type',
  'whatis',
  'apropos',
  'info',
  'whereis',
  'git',
  'apt',
  'apt-get',
  'yum',
  'dnf',
  'apk',
  'brew',
]);

/** Interpreters and the options that give them code to run (`python3 -c CODE`, `perl -e CODE`). */
export const CODE_OPTIONS: Record<string, readonly string[]> = {
  python: ['-c'],
  perl: ['-e', '-E'],
  ruby: ['-e'],
  node: ['-e', '--eval', '-p', '--print'],
  php: ['-r'],
  lua: ['-e'],
  bun: ['-e', '--eval', '-p', '--print'],
  pwsh: ['-c', '-Command', '-command'],
  Rscript: ['-e'],
  mongosh: ['--eval'],
};

/**
 * Where, among the words of a command no table knows, a shell or an interpreter starts with code to run: `nsenter
 * -t 1 -m sh -c ...`, `chroot /host bash -c ...`, `busybox sh -c ...`, `kubectl exec pod sh -c ...` (no `--`),
 * `systemd-run ... python3 -c ...`. -1 when there is none.
 */
function codeRunnerAt(args: readonly CommandWord[]): number {
  for (let i = 0; i < args.length; i++) {
    const value = args[i].value;
    const family = programFamily(value.slice(value.lastIndexOf('/') + 1));
    const options = family === 'shell' || SHELLS.has(value.slice(value.lastIndexOf('/') + 1)) ? ['-c'] : CODE_OPTIONS[family];
    if (!options) continue;
    for (let j = i + 1; j < args.length && isOption(args[j].value); j++) {
      const option = args[j].value;
      if (
        options.some(
          (code) => option === code || option.startsWith(`${code}=`) || (code.length === 2 && /^-[A-Za-z]+$/.test(option) && option.endsWith(code[1])),
        )
      )
        return i;
    }
  }
  return -1;
}

/** The commands a wrapper runs, if `command` is one (`find` may run several). `args` are its words after the program. */
function wrappedCommands(command: Command, args: CommandWord[]): Wrapped[] {
  if (command.name === 'find') {
    // find ... -exec COMMAND {} ; (or +), also -execdir, -ok, -okdir: each of them.
    const found: Wrapped[] = [];
    for (let exec = 0; exec < args.length; exec++) {
      if (!/^-(exec|execdir|ok|okdir)$/.test(args[exec].value)) continue;
      let end = args.findIndex((word, i) => i > exec && (word.value === ';' || word.value === '+'));
      if (end === -1) end = args.length;
      found.push({ label: `find ${args[exec].value}`, words: args.slice(exec + 1, end) });
      exec = end;
    }
    return found;
  }
  const wrapped = wrappedCommand(command, args);
  if (wrapped) return [wrapped];
  // A shell or an interpreter given code, among the words of a command that is not otherwise a wrapper.
  if (TEXT_ARGUMENTS.has(command.name) || SHELLS.has(command.name) || command.program === 'shell' || CODE_OPTIONS[command.program]) return [];
  const at = codeRunnerAt(args);
  return at === -1 ? [] : [{ label: command.name, words: args.slice(at) }];
}

/** The command a wrapper runs, if `command` is one. `args` are its words after the program. */
function wrappedCommand(command: Command, args: CommandWord[]): Wrapped | undefined {
  const name = command.name;
  const program = command.program;
  if (ARGV_WRAPPERS.has(name)) {
    // `command -v x` and `exec` without a command run nothing.
    if ((name === 'command' || name === 'builtin') && args.some((word) => /^-[A-Za-z]*[vV]/.test(word.value))) return undefined;
    let start = firstPositional(name, args, 0, { assignments: name === 'env' });
    if (name === 'timeout') start = firstPositional(name, args, start + 1);
    const words = args.slice(start);
    const options = args.slice(0, start);
    // `env -S "cmd args"` splits one string into words again (with its own quotes and ${VAR} expansion).
    const split = name === 'env' ? optionValue(options, ['-S', '--split-string']) : undefined;
    if (split) return { label: 'env -S', script: split };
    // `sudo -s CMD`, `sudo -i CMD` hand the command line to a shell (sudo escapes most characters, but not `$`).
    if (name === 'sudo' && words.length && options.some((word) => /^--(shell|login)$/.test(word.value) || shortFlag('sudo', word.value, /[si]/))) {
      return {
        label: `sudo ${options.some((word) => word.value === '--login' || shortFlag('sudo', word.value, /i/)) ? '-i' : '-s'}`,
        script: joinWords(words),
      };
    }
    if (name === 'xargs' && !words.length) return undefined;
    return { label: name, words };
  }
  if (name === 'flock') {
    const string = optionValue(args, ['-c', '--command']);
    if (string) return { label: 'flock -c', script: string };
    const lock = firstPositional(name, args);
    return { label: 'flock', words: args.slice(lock + 1) };
  }
  if (SHELLS.has(name)) {
    // sh [options] -c STRING [NAME [ARGS...]]: `-c` may be in a cluster (`-ec`, `-lc`).
    for (let i = 0; i < args.length; i++) {
      const value = args[i].value;
      if (!isOption(value)) break;
      if (/^-[A-Za-z]*c[A-Za-z]*$/.test(value)) {
        const script = args.slice(i + 1).find((word) => !isOption(word.value));
        return script ? { label: `${name} -c`, script } : undefined;
      }
      if (valueOptions('shell').has(value)) i++;
    }
    return undefined;
  }
  if (name === 'su' || name === 'runuser' || name === 'script') {
    const string = shortOptionValue(name, args, 'c', ['--command']);
    return string ? { label: `${name} -c`, script: string } : undefined;
  }
  if (name === 'sg') {
    // sg GROUP [-c] COMMAND: the command line goes to /bin/sh -c.
    const group = firstPositional('sg', args);
    const rest = args.slice(group + 1).filter((word) => word.value !== '-c');
    return rest.length ? { label: 'sg', script: joinWords(rest) } : undefined;
  }
  if (name === 'eval') return args.length ? { label: 'eval', script: joinWords(args) } : undefined;
  // `bundle exec CMD` runs CMD with the bundle's gems (`bundle exec knife ...`, `bundle exec rake ...`).
  if (name === 'bundle' && args[0]?.value === 'exec' && args.length > 1) return { label: 'bundle exec', words: args.slice(1) };
  if (name === 'knife' && args[0]?.value === 'ssh') {
    // knife ssh [options] QUERY COMMAND: COMMAND goes to a shell on every node the search finds.
    const query = firstPositional('knife', args, 1);
    // knife reads its options anywhere: the command is the positional words after the query, joined.
    const words = positionals('knife', args.slice(query + 1));
    return query < args.length && words.length ? { label: 'knife ssh', script: joinWords(words) } : undefined;
  }
  if (name === 'ssh') {
    const host = firstPositional('ssh', args);
    const words = args.slice(host + 1);
    return words.length ? { label: 'ssh', script: joinWords(words) } : undefined;
  }
  if (name === 'watch') {
    const start = firstPositional('watch', args);
    const words = args.slice(start);
    if (!words.length) return undefined;
    // `watch -x` runs its words as they are; otherwise it joins them and hands them to `sh -c`.
    if (args.slice(0, start).some((word) => word.value === '--exec' || /^-[a-wyzA-Z]*x/.test(word.value))) return { label: 'watch', words };
    return { label: 'watch', script: joinWords(words) };
  }
  if (name === 'parallel') {
    // parallel [options] COMMAND ::: ARGS: the command line goes to a shell; the arguments after ::: are quoted by parallel.
    const end = args.findIndex((word) => /^:::(:?)\+?$/.test(word.value));
    const before = end === -1 ? args : args.slice(0, end);
    const words = before.slice(firstPositional('parallel', before));
    return words.length ? { label: 'parallel', script: joinWords(words) } : undefined;
  }
  if (name === 'tmux') {
    const at = firstPositional('tmux', args);
    const sub = args[at]?.value;
    const words = args.slice(at + 1);
    return sub && TMUX_SHELL_COMMANDS.has(sub) && words.length ? { label: `tmux ${sub}`, script: joinWords(words), parse: false } : undefined;
  }
  if (name === 'screen') {
    // screen -X stuff TEXT types TEXT into the session's shell.
    const at = args.findIndex((word) => word.value === '-X');
    const words = at === -1 ? [] : args.slice(at + 1);
    return words.length && /^(stuff|exec|screen)$/.test(words[0].value) && words.length > 1
      ? { label: `screen -X ${words[0].value}`, script: joinWords(words.slice(1)), parse: false }
      : undefined;
  }
  if (program === 'kubectl') {
    const sub = args[firstPositional('kubectl', args)]?.value;
    if (sub !== 'exec' && sub !== 'debug' && sub !== 'run' && sub !== 'rsh') return undefined;
    const dashes = args.findIndex((word) => word.value === '--');
    if (dashes === -1) return undefined;
    return { label: `${name} ${sub}`, words: args.slice(dashes + 1) };
  }
  if (name === 'crictl') {
    // crictl exec [options] CONTAINER COMMAND [ARG...] (a `--` may come before the command).
    const sub = firstPositional('crictl', args);
    if (args[sub]?.value !== 'exec') return undefined;
    const container = firstPositional('crictl', args, sub + 1);
    const words = args.slice(container + 1);
    if (words[0]?.value === '--') words.shift();
    return words.length ? { label: 'crictl exec', words } : undefined;
  }
  if (program === 'docker' || name === 'docker-compose') {
    // docker exec [options] CONTAINER COMMAND..., docker run [options] IMAGE [COMMAND...], docker compose exec|run [options] SERVICE COMMAND...
    const subIndex = firstPositional('docker', args);
    let sub = args[subIndex]?.value;
    let at = subIndex;
    let label = `${name} ${sub}`;
    if (name === 'docker-compose' || sub === 'compose') {
      if (sub === 'compose') at = firstPositional('docker', args, subIndex + 1);
      sub = args[at]?.value;
      label = `${name === 'docker-compose' ? 'docker-compose' : `${name} compose`} ${sub}`;
      if (sub !== 'exec' && sub !== 'run') return undefined;
    } else if (sub !== 'exec' && sub !== 'run') return undefined;
    const target = firstPositional('docker', args, at + 1);
    const words = args.slice(target + 1);
    return words.length ? { label, words } : undefined;
  }
  return undefined;
}
