// Where a placeholder sits in a shell text, from the syntax tree: its quoting (a word, "...", '...', $'...', a
// heredoc body), what parses it again (arithmetic, `sh -c`, `ssh`, an awk program, text piped into psql) and
// the language inside the word when the program reads one (the SQL of `psql -c`, a URL, JSON, PromQL).
import type { Layer, PlaceholderContext } from '../context.ts';
import { jsonLayer, looksLikeUrl, urlLayer } from '../formats.ts';
import { promqlLayer } from '../promql/layer.ts';
import { sqlLayer, sqlRefusal } from '../sql/contexts.ts';
import { readSqlScript } from '../sql/script.ts';
import type { Command, CommandWord, ShellFacts } from './commands.ts';
import { isOption, sliceWord } from './programs.ts';
import { awkAssignment, awkProgram, awkRunsCommands, codeArgument, reparseFix, stdinLanguage } from './interpreters.ts';
import { parseShellText, type ShellNode, type ShellTree } from './parser.ts';
import { childrenOf, nodePath, wordValue } from './words.ts';

/** Programs that write their arguments to their output. */
const PRINTS_ARGUMENTS = new Set(['echo', 'printf', 'yes', 'print']);
const ARITHMETIC = new Set(['ArithmCmd', 'ArithmExp', 'LetClause', 'CStyleLoop', 'BinaryArithm', 'UnaryArithm', 'ParenArithm']);
const NUMERIC_TESTS = new Set(['-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

const refuse = (reason: string, fix: string): PlaceholderContext => ({ layers: [], refused: { reason, fix } });
const token = (accepts: 'integer' | 'word', where: string): PlaceholderContext => ({ layers: [{ kind: 'token', accepts, where }] });

export interface ShellSite {
  tree: ShellTree;
  toCode(offset: number): number;
  facts: ShellFacts;
  /** The sentinel's offset in the parsed text, and its text. */
  at: number;
  sentinel: string;
  /** Every sentinel of the block (JSON and SQL readers take them as plain values). */
  sentinels: readonly string[];
}

/** The context of the placeholder whose sentinel is at `site.at`. */
export function shellContext(site: ShellSite): PlaceholderContext {
  const path = nodePath(site.tree, site.at, site.at + site.sentinel.length);
  const name = nameOperand(site.tree, path);
  if (name) return name;
  const context = contextOnPath(site, path);
  if (context.refused) return context;
  return flowContext(site, path) ?? context;
}

/** `[[ -v <v> ]]`, `declare -n ref=<v>`: the value is a variable's name, and bash evaluates a[$(...)] in a name. */
function nameOperand(tree: ShellTree, path: ShellNode[]): PlaceholderContext | undefined {
  for (let index = 0; index < path.length; index++) {
    const node = path[index];
    if (node.kind === 'UnaryTest' && /^-[vR]$/.test(node.extra) && path[index + 1]?.role === 'x')
      return refuse(`it is the name of a shell variable tested by ${node.extra} (bash evaluates a[$(...)] in a name)`, NAME_FIX);
    if (
      node.kind === 'DeclClause' &&
      path[index + 1]?.kind === 'Assign' &&
      childrenOf(tree, node).some(
        (assign) => assign.kind === 'Assign' && assign.extra.includes('naked') && /^-[A-Za-z]*n/.test(tree.text.slice(assign.start, assign.end)),
      )
    ) {
      return refuse(`it is the target of a name reference (${node.extra} -n), a variable name bash evaluates (a[$(...)] would run)`, NAME_FIX);
    }
  }
  return undefined;
}

const NAME_FIX = 'Write the variable name in the runbook; pass the value as data ("$NAME" after NAME=<value>)';

/**
 * Environment variables whose value programs run as a command or read as code (git's ssh command, pagers and
 * editors, bash's startup file, preloaded libraries, interpreter options): a value assigned to one chooses what runs.
 */
const COMMAND_VARIABLES = new Set([
  'GIT_SSH_COMMAND',
  'GIT_SSH',
  'GIT_PAGER',
  'GIT_EDITOR',
  'GIT_SEQUENCE_EDITOR',
  'GIT_ASKPASS',
  'GIT_EXTERNAL_DIFF',
  'GIT_PROXY_COMMAND',
  'GIT_EXEC_PATH',
  'GIT_CONFIG_PARAMETERS',
  'PAGER',
  'MANPAGER',
  'SYSTEMD_PAGER',
  'PSQL_PAGER',
  'PSQL_EDITOR',
  'EDITOR',
  'VISUAL',
  'KUBE_EDITOR',
  'KUBECTL_EXTERNAL_DIFF',
  'LESSOPEN',
  'LESSCLOSE',
  'SSH_ASKPASS',
  'SUDO_ASKPASS',
  'BASH_ENV',
  'ENV',
  'PROMPT_COMMAND',
  'PS1',
  'PS2',
  'PS4',
  'SHELLOPTS',
  'BASHOPTS',
  'IFS',
  'PATH',
  'LD_PRELOAD',
  'LD_LIBRARY_PATH',
  'LD_AUDIT',
  'PERL5OPT',
  'PERL5LIB',
  'PYTHONSTARTUP',
  'PYTHONPATH',
  'PYTHONHOME',
  'NODE_OPTIONS',
  'NODE_PATH',
  'RUBYOPT',
  'RUBYLIB',
  'JAVA_TOOL_OPTIONS',
  '_JAVA_OPTIONS',
  'DOCKER_HOST',
  'SHELL',
  'PS0',
  'PS3',
  'FCEDIT',
  'SYSTEMD_EDITOR',
  'BROWSER',
  'RSYNC_RSH',
  'CVS_RSH',
  'PERL5DB',
  'TAR_OPTIONS',
  'MAKEFLAGS',
  'GIT_CONFIG_COUNT',
]);

/**
 * Environment variables that name a file or folder programs read as configuration that can run commands (a
 * kubeconfig's exec plugins, git's core.fsmonitor and hooks, psql's `\!` in a psqlrc, docker's credential helpers,
 * aws credential_process), or a config home where they look for them.
 */
const CONFIG_VARIABLES = new Set([
  'KUBECONFIG',
  'DOCKER_CONFIG',
  'GIT_DIR',
  'GIT_CONFIG',
  'GIT_CONFIG_GLOBAL',
  'GIT_CONFIG_SYSTEM',
  'GIT_TEMPLATE_DIR',
  'AWS_CONFIG_FILE',
  'PSQLRC',
  'CURL_HOME',
  'XDG_CONFIG_HOME',
  'ZDOTDIR',
  'HOME',
  'GNUPGHOME',
  'WGETRC',
  'SSH_CONFIG',
  'MYSQL_HOME',
  'INPUTRC',
]);

/**
 * A value assigned to a variable (`X=<v>`, `export X=<v>`, `X=<v> cmd`) goes wherever the variable is read: where
 * bash reads it again (`eval "$X"`, `sh -c "$X"`, `$X` as the program, `${!X}`, `(( X ))`, `[[ $X -gt 1 ]]`, a shell
 * script given the variable), the value gets that place's context. Also a value passed as `$1` to `sh -c SCRIPT`.
 */
function flowContext(site: ShellSite, path: ShellNode[]): PlaceholderContext | undefined {
  const { tree } = site;
  // The names that hold the value: assigned it (`X=<v>`, `read X <<< <v>`, `for X in <v>`, `printf -v X %s <v>`),
  // and the names those are copied into (`Y=$X`, `read Y <<< "$X"`), to a fixed point.
  const names: string[] = [];
  const add = (found: string[]) => {
    let added = false;
    for (const name of found) {
      if (names.includes(name)) continue;
      names.push(name);
      added = true;
    }
    return added;
  };
  add(carriers(tree, path, site.at));
  for (let grew = names.length > 0; grew;) {
    grew = false;
    for (const node of tree.nodes) {
      if (node.kind !== 'ParamExp' || node.extra.includes('excl') || node.extra.includes('length')) continue;
      const param = childrenOf(tree, node).find((child) => child.role === 'param');
      if (!param || !names.includes(tree.text.slice(param.start, param.end))) continue;
      if (add(carriers(tree, nodePath(tree, node.start, node.end), node.start))) grew = true;
    }
    // A name reference (`declare -n r=X`, `local -n r=X`) reads X wherever r is read.
    for (const decl of tree.nodes) {
      if (decl.kind !== 'DeclClause') continue;
      const assigns = childrenOf(tree, decl).filter((child) => child.kind === 'Assign');
      if (!assigns.some((assign) => assign.extra.includes('naked') && /^-[A-Za-z]*n/.test(tree.text.slice(assign.start, assign.end)))) continue;
      for (const assign of assigns) {
        const nameNode = childrenOf(tree, assign).find((child) => child.role === 'name');
        const value = childrenOf(tree, assign).find((child) => child.role === 'value');
        if (nameNode && value && names.includes(tree.text.slice(value.start, value.end)) && add([tree.text.slice(nameNode.start, nameNode.end)])) grew = true;
      }
    }
  }
  const named = names.map((name) => `$${name}`).join(', then ');
  for (const name of names) {
    if (COMMAND_VARIABLES.has(name) || /^GIT_CONFIG_(KEY|VALUE)_\d+$/.test(name))
      return refuse(
        `it is assigned to ${name}, which programs run as a command or read as code`,
        'Write that variable in the runbook; a value cannot choose what runs',
      );
    if (CONFIG_VARIABLES.has(name))
      return refuse(
        `it is assigned to ${name}, which names configuration programs read (it can name commands to run)`,
        'Write that path in the runbook; a value cannot choose the configuration a program reads',
      );
  }
  // An awk program that runs commands and reads the environment (`X=<v> awk '{ system(ENVIRON["X"]) }'`).
  if (names.length) {
    for (const command of site.facts.commands) {
      const program = command.program === 'awk' ? awkProgram(command) : undefined;
      if (program !== undefined && awkRunsCommands(program) && names.some((name) => program.includes(`ENVIRON["${name}"]`))) {
        return refuse(
          `it is assigned to ${named}, which an awk program that runs commands reads from ENVIRON`,
          'Keep the awk program from running commands built from the value',
        );
      }
    }
  }
  const uses: PlaceholderContext[] = [];
  for (const name of names) uses.push(...variableUses(site, tree, name, true));
  // Scripts another shell runs (`sh -c '...'`, `bash -c` behind wrappers) read exported variables and positional arguments.
  const codeAt = site.toCode(site.at);
  let positional = false;
  for (const command of site.facts.commands) {
    if (!command.reparses?.script.literal) continue;
    const childNames = [...names];
    const scriptIndex = command.argv.findIndex((word) => word.start === command.reparses!.script.start);
    const argument = command.argv.findIndex((word) => word.start <= codeAt && codeAt < word.end);
    if (scriptIndex > 0 && argument > scriptIndex) {
      childNames.push(String(argument - scriptIndex - 1), '@', '*');
      positional = true;
    }
    if (!childNames.length) continue;
    const child = parseShellText(command.reparses.script.value).tree;
    if (!child) continue;
    for (const childName of childNames) uses.push(...variableUses(undefined, child, childName, false));
  }
  const refused = uses.find((use) => use.refused);
  if (refused)
    return refuse(
      `it is assigned to ${named || (positional ? 'an argument' : 'a variable')}, which is read again where ${refused.refused!.reason}`,
      refused.refused!.fix,
    );
  const integer = uses.find((use) => use.layers[0]?.kind === 'token' && use.layers[0].accepts === 'integer');
  if (integer) return token('integer', `a variable that bash evaluates as arithmetic (${(integer.layers[0] as { where: string }).where})`);
  return undefined;
}

/** Builtins that set the variables named by their operands from their standard input. */
const READERS = new Set(['read', 'mapfile', 'readarray']);

/**
 * The variables that take the text at the end of `path` (at offset `at`): the name of the assignment whose value
 * holds it, the loop variable of `for X in ...`, the target of `printf -v X`, or the names `read`/`mapfile` set
 * when the text is their input (a here-string, a heredoc, `< <(...)`, a pipe from a command that holds it).
 */
function carriers(tree: ShellTree, path: ShellNode[], at: number): string[] {
  const found: string[] = [];
  for (let index = path.length - 1; index >= 0; index--) {
    const node = path[index];
    const next = path[index + 1];
    if (node.kind === 'Assign') {
      const nameNode = childrenOf(tree, node).find((child) => child.role === 'name');
      const value = childrenOf(tree, node).find((child) => child.role === 'value' || child.role === 'array');
      if (nameNode && value && value.start <= at && at < value.end) found.push(tree.text.slice(nameNode.start, nameNode.end));
    } else if (node.kind === 'WordIter' && next?.role === 'item') {
      const nameNode = childrenOf(tree, node).find((child) => child.role === 'name');
      if (nameNode) found.push(tree.text.slice(nameNode.start, nameNode.end));
    } else if (node.kind === 'CallExpr' && next?.kind === 'Word') {
      const words = childrenOf(tree, node)
        .filter((child) => child.kind === 'Word')
        .map((word) => tree.text.slice(word.start, word.end));
      const target = words.indexOf('-v');
      if (words[0] === 'printf' && target > 0 && words[target + 1] && childrenOf(tree, node).filter((child) => child.kind === 'Word')[target + 1] !== next)
        found.push(words[target + 1]);
    } else if (
      node.kind === 'Redirect' &&
      (/^(<<<|<<-?)$/.test(node.extra) || (node.extra === '<' && path.slice(index).some((inner) => inner.kind === 'ProcSubst')))
    ) {
      const stmt = tree.nodes[node.parent];
      found.push(...readerNames(tree, stmt));
    } else if (node.kind === 'BinaryCmd' && (node.extra === '|' || node.extra === '|&')) {
      const [left, right] = childrenOf(tree, node);
      if (next === left && right)
        for (const stmt of tree.nodes.filter((candidate) => candidate.kind === 'Stmt' && right.start <= candidate.start && candidate.end <= right.end))
          found.push(...readerNames(tree, stmt));
    }
  }
  return found;
}

/** The names `read`, `mapfile` or `readarray` set, when `stmt` runs one of them. */
function readerNames(tree: ShellTree, stmt: ShellNode | undefined): string[] {
  const call = stmt && childrenOf(tree, stmt).find((child) => child.role === 'cmd' && child.kind === 'CallExpr');
  if (!call) return [];
  const words = childrenOf(tree, call)
    .filter((child) => child.kind === 'Word')
    .map((word) => tree.text.slice(word.start, word.end));
  if (!READERS.has(words[0] ?? '')) return [];
  const valued = words[0] === 'read' ? /^-[a-zA-Z]*[adinNptu]$/ : /^-[a-zA-Z]*[dnOsuCc]$/;
  const names: string[] = [];
  for (let i = 1; i < words.length; i++) {
    if (valued.test(words[i])) {
      if (words[i].endsWith('a') && words[0] === 'read') names.push(words[i + 1] ?? '');
      i++;
      continue;
    }
    if (/^[A-Za-z_]\w*$/.test(words[i])) names.push(words[i]);
  }
  if (!names.length) names.push(words[0] === 'read' ? 'REPLY' : 'MAPFILE');
  return names.filter(Boolean);
}

/** The contexts of the places where `tree` reads variable `name`: in the block itself (`site`) or in a script it hands to a shell. */
function variableUses(site: ShellSite | undefined, tree: ShellTree, name: string, sameTree: boolean): PlaceholderContext[] {
  const uses: PlaceholderContext[] = [];
  for (const node of tree.nodes) {
    if (node.kind === 'ParamExp') {
      const param = childrenOf(tree, node).find((child) => child.role === 'param');
      if (!param || tree.text.slice(param.start, param.end) !== name) continue;
      if (node.extra.includes('excl')) {
        uses.push(refuse('`${!' + name + '}` reads it as the name of another variable (bash evaluates a[$(...)] in a name)', NAME_FIX));
        continue;
      }
      const path = nodePath(tree, node.start, node.end);
      const upTo = path.slice(0, path.indexOf(node) === -1 ? path.length : path.indexOf(node));
      if (sameTree && site) {
        uses.push(contextOnPath({ ...site, at: node.start, sentinel: tree.text.slice(node.start, node.end) }, upTo));
        continue;
      }
      uses.push(childUse(tree, upTo) ?? { layers: [] });
    } else if (node.kind === 'Word' && tree.text.slice(node.start, node.end) === name) {
      // A bare name in arithmetic (`(( x > 1 ))`, `$((x))`, `let x+1`, `[[ x -gt 1 ]]`, `a[x]`) is evaluated again.
      const parent = tree.nodes[node.parent];
      if (parent && (ARITHMETIC.has(parent.kind) || node.role === 'index' || (parent.kind === 'BinaryTest' && NUMERIC_TESTS.has(parent.extra)))) {
        uses.push(token('integer', 'arithmetic'));
      }
    }
  }
  return uses;
}

/** In a script another shell runs: where a variable read there is parsed again (the core has no facts for it, only its tree). */
function childUse(tree: ShellTree, path: ShellNode[]): PlaceholderContext | undefined {
  for (let index = 0; index < path.length; index++) {
    const node = path[index];
    if (ARITHMETIC.has(node.kind) || path[index + 1]?.role === 'index' || (node.kind === 'BinaryTest' && NUMERIC_TESTS.has(node.extra)))
      return token('integer', 'arithmetic in a script a shell runs');
    if (node.kind === 'CallExpr') {
      const words = childrenOf(tree, node).filter((child) => child.kind === 'Word');
      const word = path[index + 1];
      if (word === words[0]) return refuse('it is the program a shell script runs', 'Write the program in the runbook; a value can only fill an argument');
      const program = words[0] ? tree.text.slice(words[0].start, words[0].end) : '';
      if (/^(eval|source|\.|sh|bash|dash|zsh|ksh|ash|su|ssh|watch)$/.test(program) || program === '.')
        return refuse(`\`${program}\` in a script a shell runs parses it again`, 'Use the value as data ("$1") where no shell reads it again');
    }
  }
  return undefined;
}

/** The context at the end of `path` (the nodes from the root down to the sentinel, or to where a variable is read). */
function contextOnPath(site: ShellSite, path: ShellNode[]): PlaceholderContext {
  const { tree } = site;
  // The command the placeholder belongs to starts at the innermost `$(...)`: outer quoting does not reach inside.
  let from = 0;
  path.forEach((node, index) => {
    if ((node.kind === 'CmdSubst' && !node.extra.includes('backquotes')) || node.kind === 'ProcSubst') from = index + 1;
  });
  let heredoc = false;
  for (let index = 0; index < path.length; index++) {
    const node = path[index];
    const next = path[index + 1];
    if (node.kind === 'Comment') return { layers: [{ kind: 'comment' }] };
    if (node.kind === 'CmdSubst' && node.extra.includes('backquotes')) return token('word', 'a `...` command substitution');
    if (index < from) continue;
    if (ARITHMETIC.has(node.kind) || next?.role === 'index' || next?.role === 'slice-offset' || next?.role === 'slice-length') {
      return token('integer', 'an arithmetic expression, which bash evaluates again (a[$(...)] would run)');
    }
    if (node.kind === 'BinaryTest' && NUMERIC_TESTS.has(node.extra))
      return token('integer', `a numeric test ${node.extra} inside [[ ]], which bash evaluates as arithmetic`);
    if (node.kind === 'DeclClause' && next?.kind === 'Assign' && integerDeclaration(tree, node))
      return token('integer', `an integer variable (${node.extra} -i), which bash evaluates as arithmetic`);
    if (node.kind === 'ParamExp') {
      if (next?.role === 'param') return refuse('it names a shell variable', 'Write the variable name in the command');
      return token('word', 'a ${...} expansion');
    }
    if (node.kind === 'ExtGlob' || node.kind === 'BraceExp') return token('word', 'a glob or brace pattern');
    if (node.kind === 'Redirect' && next?.role === 'hdoc') heredoc = true;
  }
  let word: ShellNode | undefined;
  for (let index = path.length - 1; index >= from && !word; index--) if (path[index].kind === 'Word') word = path[index];
  if (heredoc) return heredocContext(site);
  if (!word) return token('word', 'shell code the core cannot place');
  return wordContext(site, path, word);
}

/** `declare -i x=...`, `local -ia x=...`: assignments are arithmetic. */
function integerDeclaration(tree: ShellTree, decl: ShellNode): boolean {
  return childrenOf(tree, decl).some(
    (assign) => assign.kind === 'Assign' && assign.extra.includes('naked') && /^-[A-Za-z]*i/.test(tree.text.slice(assign.start, assign.end)),
  );
}

/** The quoting layer of the sentinel inside its word. */
function quotingLayer(path: ShellNode[], word: ShellNode, start: boolean): Layer {
  const inner = path.slice(path.indexOf(word) + 1);
  const quote = inner.find((node) => node.kind === 'DblQuoted' || node.kind === 'SglQuoted');
  const flag = start ? { start: true as const } : {};
  if (!quote) return { kind: 'shell-word', ...flag };
  if (quote.kind === 'DblQuoted') return { kind: 'shell-double', ...flag };
  return quote.extra.includes('dollar') ? { kind: 'shell-ansi', ...flag } : { kind: 'shell-single', ...flag };
}

function heredocContext(site: ShellSite): PlaceholderContext {
  const at = site.toCode(site.at);
  const owner = site.facts.commands.filter(
    (command) =>
      command.stdin?.kind === 'heredoc' && command.stdin.body.offsets[0] <= at && at < command.stdin.body.offsets[command.stdin.body.offsets.length - 1],
  );
  for (const command of owner) {
    const language = readerOf(site.facts.commands, command);
    if (language)
      return refuse(`the heredoc is read by ${language.by} as ${language.language}, which parses the value again`, interpreterFix(language.language));
  }
  for (const command of owner) {
    const ran = writtenThenRun(site.facts.commands, command);
    if (ran) return ran;
  }
  const expands = owner[0]?.stdin?.kind === 'heredoc' ? owner[0].stdin.expands : true;
  return { layers: [{ kind: 'heredoc', expands }] };
}

/** The program that reads a command's standard input as code: itself, or a command it runs with the same input. */
function readerOf(commands: readonly Command[], command: Command): { by: string; language: string } | undefined {
  for (const candidate of [command, ...commands.filter((other) => isWrappedBy(commands, other, command) && other.via === 'argv')]) {
    const language = stdinLanguage(candidate);
    if (language) return { by: candidate.name, language };
  }
  return undefined;
}

function isWrappedBy(commands: readonly Command[], command: Command, wrapper: Command): boolean {
  for (let parent = command.parent; parent !== undefined; parent = commands[parent].parent) if (parent === wrapper.index) return true;
  return false;
}

/** Redirections that send standard output to a file. */
const TO_FILE = new Set(['>', '>>', '>|', '&>', '&>>']);
/** Programs that copy their standard input to their output (and `tee` to its file operands too). */
const PASSES_INPUT = new Set(['cat', 'tee', 'sponge', 'dd']);

/**
 * The files a command's output is written to: its own redirections, then through a pipe into `tee FILE`, `sudo
 * tee -a FILE`, `cat > FILE`, `dd of=FILE`, `sponge FILE`, following what they pass on.
 */
function outputFiles(commands: readonly Command[], command: Command, seen = new Set<number>()): CommandWord[] {
  if (seen.has(command.index)) return [];
  seen.add(command.index);
  const files: CommandWord[] = [];
  // The command, what it runs with its own words (`sudo tee FILE`), and the wrappers around it (`sudo X > FILE`).
  const group = [command, ...commands.filter((other) => other.via === 'argv' && isWrappedBy(commands, other, command))];
  let top = command;
  while (top.parent !== undefined && top.via === 'argv') {
    top = commands[top.parent];
    group.push(top);
  }
  for (const current of group) {
    for (const redirect of current.redirects)
      if (TO_FILE.has(redirect.op) && (!redirect.fd || redirect.fd === '1') && redirect.target) files.push(redirect.target);
    const operands = current.argv.slice(1).filter((word) => !isOption(word.value));
    if (current.name === 'tee' || current.name === 'sponge') files.push(...operands);
    if (current.name === 'dd') files.push(...operands.filter((word) => word.value.startsWith('of=')).map((word) => sliceWord(word, 3)));
  }
  if (top.pipesTo !== undefined) {
    const next = commands[top.pipesTo];
    for (const reader of [next, ...commands.filter((other) => other.via === 'argv' && isWrappedBy(commands, other, next))]) {
      const operands = reader.argv.slice(1).filter((word) => !isOption(word.value));
      if (PASSES_INPUT.has(reader.name) && (reader.name !== 'cat' || operands.every((word) => word.value === '-')))
        files.push(...outputFiles(commands, reader, seen));
    }
  }
  return files;
}

/**
 * Files that run as code when written: shell startup files, cron tables, systemd units, sudoers, ssh and git
 * configuration (ProxyCommand, core.sshCommand, hooks), kubeconfigs, psqlrc (`\!`), ld.so.preload. A path, as written.
 */
const STARTUP_FILES: [RegExp, string][] = [
  [/(^|\/)\.(bashrc|bash_profile|bash_login|bash_logout|profile|zshrc|zprofile|zshenv|zlogin|kshrc|mkshrc|cshrc|tcshrc|envrc)$/, 'a shell runs it at startup'],
  [/^\/etc\/(profile|bash\.bashrc|bashrc|zsh\/\S*|environment|rc\.local)$|^\/etc\/profile\.d\//, 'shells run it at login'],
  [/^\/etc\/(cron\S*|crontab|anacrontab)|^\/var\/spool\/cron\//, 'cron runs its lines as commands'],
  [/^\/(etc|lib|usr\/lib|run)\/systemd\/|\/\.config\/systemd\/|\.(service|timer|socket|path)$/, 'systemd runs the commands of a unit'],
  [/^\/etc\/(sudoers|sudoers\.d\/\S*)$/, 'sudo reads it as its rules'],
  [/(^|\/)\.ssh\/(config|rc|authorized_keys|environment)$|^\/etc\/ssh\//, 'ssh reads it (ProxyCommand, command=, rc run commands)'],
  [/(^|\/)\.gitconfig$|(^|\/)\.git\/(config$|hooks\/)|\/git\/config$|^\/etc\/gitconfig$/, 'git reads it (core.sshCommand, core.fsmonitor, hooks run commands)'],
  [/(^|\/)\.kube\/config$/, 'kubectl reads it (exec credential plugins run commands)'],
  [/(^|\/)\.(psqlrc|curlrc|wgetrc|inputrc|npmrc)$/, 'a program reads it as configuration at startup'],
  [
    /^\/etc\/(ld\.so\.preload|ld\.so\.conf\S*|init\.d\/\S*|rc\d\.d\/\S*|logrotate\.d\/\S*|udev\/rules\.d\/\S*|security\/\S*|pam\.d\/\S*)$/,
    'the system runs or loads what it names',
  ],
  [/(^|\/)(Makefile|makefile|GNUmakefile|Dockerfile|\.gitlab-ci\.yml|Jenkinsfile)$/, 'a build tool runs its commands'],
];

/** Why a path written to runs as code by itself, or undefined. */
function startupFile(path: string): string | undefined {
  const normal = path.replace(/^(\$HOME|\$\{HOME\}|~[A-Za-z0-9_.-]*|\/root|\/home\/[^/]+)\//, '~/');
  return STARTUP_FILES.find(([pattern]) => pattern.test(normal))?.[1];
}

/** A path as a command names it, for comparing a file written with a file run (`./x.sh` is `x.sh`). */
const samePath = (a: string, b: string) => a.replace(/^(\.\/)+/, '') === b.replace(/^(\.\/)+/, '');

/** The command of the block that runs `file` as code or reads it as configuration that can run commands, after `writer`. */
function runnerOf(commands: readonly Command[], writer: Command, file: string): string | undefined {
  for (const command of commands) {
    if (command.start < writer.end) continue;
    const program = command.argv[0];
    if (program && /\//.test(program.value) && samePath(program.value, file)) return `\`${program.value}\` runs it`;
    for (let index = 1; index < command.argv.length; index++) {
      const word = command.argv[index];
      const code = codeArgument(command, index);
      if (code?.file && (samePath(word.value, file) || samePath(word.value.replace(/^[^=]*=/, ''), file)))
        return `\`${command.name}\` reads it as ${code.what}`;
    }
    if (/^(crontab|at|batch)$/.test(command.name) && command.argv.slice(1).some((word) => samePath(word.value, file)))
      return `\`${command.name}\` runs its lines`;
    for (const assign of command.assigns)
      if (assign.value && samePath(assign.value.value, file) && /^(BASH_ENV|ENV|KUBECONFIG|PSQLRC|GIT_CONFIG\w*|DOCKER_CONFIG)$/.test(assign.name))
        return `${assign.name} names it`;
  }
  return undefined;
}

/** A refusal when what `writer` prints (or passes on from its input) is written to a file that then runs as code. */
function writtenThenRun(commands: readonly Command[], writer: Command): PlaceholderContext | undefined {
  for (const file of outputFiles(commands, writer)) {
    const startup = startupFile(file.value);
    if (startup)
      return refuse(
        `it is written to ${file.value}, and ${startup}`,
        "Write that file's content in the runbook; a value can only be data in a file that does not run",
      );
    const runner = runnerOf(commands, writer, file.value);
    if (runner)
      return refuse(
        `it is written to ${file.value}, and ${runner}`,
        'Pass the value to the script as an argument or an environment variable ("$1", "$NAME") instead of writing it into the code',
      );
  }
  return undefined;
}

function interpreterFix(language: string): string {
  if (language === 'SQL') return 'Pass the value as a psql variable: psql -v name=<value> ... and write :\'name\' (a string) or :"name" (a name) in the SQL';
  if (language.startsWith('arguments')) return 'Give the value to the command directly instead of through xargs';
  return 'Pass the value as an argument or an environment variable of the program instead of inside the code it reads';
}

function wordContext(site: ShellSite, path: ShellNode[], word: ShellNode): PlaceholderContext {
  const { tree, facts } = site;
  const value = wordValue(tree, word);
  const index = value.offsets.findIndex((offset) => offset >= site.at);
  const start = index === 0;
  const layer = quotingLayer(path, word, start);
  const codeStart = site.toCode(word.start);
  const codeEnd = site.toCode(word.end);
  const owners = facts.commands.filter((command) => command.argv.some((arg) => arg.start === codeStart && arg.end === codeEnd));
  const codeAt = site.toCode(site.at);
  // Outermost first: a wrapper that hands the word to another shell refuses it, whatever runs inside.
  for (const command of owners) {
    if (command.reparses && command.reparses.script.start <= codeAt && codeAt < command.reparses.script.end) {
      return refuse(
        `\`${command.reparses.by}\` hands this text to a shell that parses it again, so its quoting does not protect the value`,
        reparseFix(command.reparses.by),
      );
    }
  }
  // A here-string is standard input: `sh <<< "..."`, `psql <<< "..."` read the value as code.
  for (const command of facts.commands) {
    if (command.stdin?.kind !== 'herestring' || command.stdin.word.start !== codeStart || command.stdin.word.end !== codeEnd) continue;
    const reader = readerOf(facts.commands, command);
    if (reader) return refuse(`the here-string is read by ${reader.by} as ${reader.language}, which parses the value again`, interpreterFix(reader.language));
    const ran = writtenThenRun(facts.commands, command);
    if (ran) return ran;
  }
  const owner = owners[owners.length - 1];
  if (!owner) return { layers: [layer] };
  const position = owner.argv.findIndex((arg) => arg.start === codeStart && arg.end === codeEnd);
  if (position === 0) return refuse('it names the program to run', 'Write the program in the runbook; a value can only fill an argument');
  for (const command of owners) {
    const argPosition = command.argv.findIndex((arg) => arg.start === codeStart && arg.end === codeEnd);
    const code = codeArgument(command, argPosition);
    if (code) return refuse(code.reason ?? `it is inside ${code.what}, which ${command.name} parses again`, code.fix);
  }
  // Text another program reads as code: `echo "DROP ..." | psql`, `printf ... | sh` (programs that print their
  // arguments; `gunzip -c <file> | psql` pipes the file's content, not the value).
  for (const printer of owners.filter((command) => PRINTS_ARGUMENTS.has(command.name))) {
    for (let command: Command | undefined = printer; command; command = command.parent !== undefined ? facts.commands[command.parent] : undefined) {
      if (command.pipesTo === undefined) continue;
      const reader = readerOf(facts.commands, facts.commands[command.pipesTo]);
      if (reader)
        return refuse(
          `the output of \`${printer.name}\` is piped into ${reader.by}, which reads it as ${reader.language} and parses the value again`,
          interpreterFix(reader.language),
        );
      break;
    }
  }
  // Text written to a file that runs: `echo <v> > x.sh; sh x.sh`, `echo <v> | sudo tee -a ~/.bashrc`.
  for (const printer of owners.filter((command) => PRINTS_ARGUMENTS.has(command.name))) {
    const ran = writtenThenRun(facts.commands, printer);
    if (ran) return ran;
  }
  const argument = owner.argv[position];
  const inner = innerLayer(site, owner, position, argument, value.offsets[index] !== undefined ? index : 0);
  if (inner && 'refused' in inner) return inner;
  return { layers: [layer, ...(inner ? (inner as { layers: Layer[] }).layers : [])] };
}

/** The language the program reads inside the word (SQL of `psql -c`, a URL, JSON, PromQL), as layers. */
function innerLayer(site: ShellSite, command: Command, position: number, argument: CommandWord, valueIndex: number): PlaceholderContext | undefined {
  const args = command.argv.slice(1);
  const at = position - 1;
  const optionBefore = args[at - 1]?.value ?? '';
  const text = argument.value;
  const layers = (...list: Layer[]): PlaceholderContext => ({ layers: list });
  switch (command.program) {
    case 'psql':
    case 'mysql': {
      const sqlOption = command.program === 'psql' ? /^(-[A-Za-z]*c|--command)$/ : /^(-[A-Za-z]*e|--execute)$/;
      const glued = command.program === 'psql' ? /^(-[A-Za-z]*c|--command=)/ : /^(-[A-Za-z]*e|--execute=)/;
      let sql: string | undefined;
      let offset = 0;
      if (sqlOption.test(optionBefore)) sql = text;
      else if (glued.test(text)) {
        offset = glued.exec(text)![0].length;
        sql = text.slice(offset);
      }
      if (sql === undefined || valueIndex < offset) return undefined;
      const script = readSqlScript(sql);
      const refusal = sqlRefusal(script, valueIndex - offset, site.sentinel);
      if (refusal) return { layers: [], refused: refusal };
      return layers(sqlLayerOf(script, valueIndex - offset, site.sentinel, command.program === 'mysql' ? 'mysql' : 'postgres'));
    }
    case 'curl':
    case 'wget':
      return httpLayer(site, command, at, text, valueIndex);
    case 'awk': {
      // awk -v NAME=VALUE and NAME=VALUE operands: awk reads escape sequences in VALUE.
      const assignment = awkAssignment(command, position);
      if (!assignment) return undefined;
      return valueIndex >= assignment.valueStart
        ? layers({ kind: 'awk-string' })
        : layers({ kind: 'token', accepts: 'name', where: 'the name of an awk variable' });
    }
    case 'kubectl':
      if (/^(-p|--patch|--overrides)$/.test(optionBefore) || /^--(patch|overrides)=/.test(text)) {
        const skip = /^--(patch|overrides)=/.exec(text)?.[0].length ?? 0;
        const json = jsonLayer(text.slice(skip), valueIndex - skip, site.sentinels);
        return json ? layers(json) : undefined;
      }
      return undefined;
    default: {
      // JSON given to any program (`aws ... --cli-input-json '{...}'`).
      const json = jsonLayer(text, valueIndex, site.sentinels);
      return json ? layers(json) : undefined;
    }
  }
}

function sqlLayerOf(script: ReturnType<typeof readSqlScript>, at: number, sentinel: string, dialect: 'postgres' | 'mysql'): Layer {
  return sqlLayer(script, at, sentinel, dialect);
}

const DATA_OPTIONS = /^(-d|--data|--data-raw|--data-binary|--data-ascii)$/;
const PROMETHEUS_PATH = /\/api\/v1\/(query|query_range|series|labels|query_exemplars)\b/;

/** curl and wget: a URL, form data, JSON data, and a PromQL query in them. */
function httpLayer(site: ShellSite, command: Command, at: number, text: string, valueIndex: number): PlaceholderContext | undefined {
  const args = command.argv.slice(1);
  const optionBefore = args[at - 1]?.value ?? '';
  const prometheus = args.some((word) => PROMETHEUS_PATH.test(word.value) && !/\/loki\//.test(word.value));
  const layers = (...list: Layer[]): PlaceholderContext => ({ layers: list });
  const withQuery = (name: string, content: string, contentIndex: number, outer: Layer[]): PlaceholderContext => {
    if (name === 'query' && prometheus) return layers(...outer, promqlLayer(content, contentIndex, site.sentinel));
    return layers(...outer);
  };
  if (optionBefore === '--data-urlencode') {
    // name=content: curl percent-encodes the content itself.
    const equals = text.indexOf('=');
    if (equals === -1 || valueIndex <= equals) return layers({ kind: 'token', accepts: 'word', where: 'the name of a form field' });
    return withQuery(text.slice(0, equals), text.slice(equals + 1), valueIndex - equals - 1, []);
  }
  if (DATA_OPTIONS.test(optionBefore) || optionBefore === '--json' || optionBefore === '--post-data' || optionBefore === '--body-data') {
    const json = jsonLayer(text, valueIndex, site.sentinels);
    if (json) return layers(json);
    return formLayer(text, valueIndex, withQuery);
  }
  const url = optionBefore === '--url' ? text : looksLikeUrl(text) ? text : undefined;
  if (url === undefined) return undefined;
  const layer = urlLayer(url, valueIndex);
  if (layer.kind !== 'url-query') return layers(layer);
  return formLayer(url.slice(url.indexOf('?') + 1), valueIndex - url.indexOf('?') - 1, withQuery, [layer]);
}

/** `a=1&query=...`: the field the value is in. */
function formLayer(
  text: string,
  index: number,
  withQuery: (name: string, content: string, contentIndex: number, outer: Layer[]) => PlaceholderContext,
  outer: Layer[] = [{ kind: 'url-query' }],
): PlaceholderContext {
  let start = 0;
  for (const field of text.split('&')) {
    const end = start + field.length;
    if (index >= start && index <= end) {
      const equals = field.indexOf('=');
      if (equals === -1 || index - start <= equals) return { layers: [{ kind: 'token', accepts: 'word', where: 'the name of a form field' }] };
      return withQuery(field.slice(0, equals), field.slice(equals + 1), index - start - equals - 1, outer);
    }
    start = end + 1;
  }
  return { layers: outer };
}
