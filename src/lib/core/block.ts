// The analysis of one code block: the one place that reads a block's commands. Placeholders become sentinels,
// the text is parsed once (shell by mvdan/sh, SQL by PostgreSQL's parser, PromQL by Prometheus's grammar), and
// every fact the views need is computed here: the commands and their words, the SQL and PromQL they carry,
// each placeholder's context, the environment it reads, the risk and whether it ends or needs a terminal.
import type { PlaceholderContext } from './context.ts';
import { blockPayloads, type PayloadFact } from './formats.ts';
import { findPlaceholders, withSentinels } from './placeholders.ts';
import { promqlComments, promqlLayer } from './promql/layer.ts';
import { promqlNodes, readPromql } from './promql/tree.ts';
import { inferRisk, type RiskInference, type SqlSource } from './risk/infer.ts';
import { readCommands, type Command, type CommandWord, type ShellFacts } from './shell/commands.ts';
import { continuationMistakes, type ContinuationMistake } from './shell/continuations.ts';
import { shellContext } from './shell/contexts.ts';
import { stdinLanguage } from './shell/interpreters.ts';
import { startsWithKnownProgram } from './shell/known-programs.ts';
import { parseShellText, type ShellTree } from './shell/parser.ts';
import { commandView } from './shell/patterns.ts';
import { sliceWord } from './shell/programs.ts';
import { sqlLayer, sqlRefusal } from './sql/contexts.ts';
import { readSqlScript } from './sql/script.ts';
import { findTraits, type TraitFinding } from './traits.ts';

/** How a block's code is meant: something to run, a terminal session, or something to read. */
export type BlockKind = 'command' | 'console' | 'snippet' | 'text';

/** What runs a command block. */
export type CommandLanguage = 'shell' | 'sql' | 'promql';

export interface BlockInput {
  code: string;
  kind: BlockKind;
  language?: CommandLanguage;
}

/** A line of the code that is (part of) a command: a prompt line without its prompt, or a line of a script. */
export interface CommandLine {
  /** Offsets into the code of the command text on this line (after the prompt). */
  start: number;
  end: number;
  /** The line is only a comment: the copy button leaves it out. */
  comment: boolean;
  /** The line continues the command of the line before (a trailing `\`, an open quote, a heredoc), in a session. */
  continues?: true;
}

export interface PlaceholderOccurrence {
  name: string;
  /** Offsets of `<name>` in the code. */
  start: number;
  end: number;
  /** Offsets of `<name>` in the command text (what runs). */
  commandStart: number;
  commandEnd: number;
  context: PlaceholderContext;
}

export interface BlockAnalysis {
  /** The text that runs: the prompt lines of a session joined, otherwise the code. */
  command: string;
  /** The lines of the code that make up `command`, in order. */
  lines: CommandLine[];
  placeholders: PlaceholderOccurrence[];
  /** Comments (shell and PromQL `#`, SQL `--` and block comments), code offsets: prose, not code. */
  comments: { start: number; end: number }[];
  /**
   * `$NAME` references to environment variables (upper-case, not set by the block), code offsets of the name;
   * `guarded` when the expansion has a default (`${NAME:-x}`). Not those a remote shell expands (`ssh host '$X'`).
   */
  env: { name: string; start: number; end: number; guarded?: true }[];
  /** `$name` references of other names (a lower-case letter) that nothing in the block sets and no default guards. */
  unset: { name: string; start: number; end: number }[];
  /**
   * A console block without any prompt line: the lines that start with a program an operator runs
   * (`kubectl ...`, `sudo systemctl ...`) and their continuations are taken for its commands, the rest for output
   * (`output`: some line is neither a command nor a `#` comment).
   */
  promptless?: { output: boolean };
  /**
   * A session (a console block, or a shell block written with `$ ` prompts): its output lines (neither a command
   * line nor a `#` comment), and the `# ` lines of a shell block that hold a command (an assignment or a program an
   * operator runs: `# NAMESPACE=x`, `# kubectl get pods`) — in a shell block those are comments and never run.
   * Code offsets of each line's text.
   */
  session?: { output: { start: number; end: number; command?: true }[]; commented: { start: number; end: number }[] };
  /**
   * A console block without commands whose text is a PromQL query (a selector with label matchers, a function
   * or an aggregation: `up{job="api"}`, `rate(x[5m])`), code offsets: a query pasted where commands go.
   */
  promqlText?: { start: number; end: number };
  /** Names the block sets (assignments, `read`, loops, `export`, ...). */
  sets: string[];
  /** The block reads variables from elsewhere (`source FILE`, `eval "$(...)"`): what it sets is unknown. */
  importsVariables?: true;
  /** The shell parser's error, code offsets. */
  syntaxError?: { start: number; end: number; message: string };
  /** The commands it runs (shell blocks), with words in code offsets. */
  commands: Command[];
  /** SQL it runs: a SQL block's own, `psql -c`, heredocs and pipes into psql. */
  sql: SqlSource[];
  /**
   * SQL written straight into a shell block (a paste mistake: the reader would run it in psql): the statements
   * PostgreSQL parses from the first line where the shell met a SQL keyword or gave up. `start` is a code offset.
   */
  pastedSql?: SqlSource & { start: number };
  /** PromQL it sends: a PromQL block's own, or the `query` of a curl call to Prometheus; `placeholders` are the ranges of the text a value decides. */
  promql: { text: string; offsets: number[]; command?: number; placeholders: [number, number][] }[];
  /**
   * An unquoted `&` written inside a word (`curl https://x/api?a=1&b=2`): the shell ends the command there and runs
   * it in the background, and the rest is a command of its own. `command` is the backgrounded one, `at` the `&`.
   */
  splitByAmpersand: { command: number; at: number; next?: number }[];
  /**
   * Text written like a placeholder but with spaces (`<WORKER NAME>`), which the shell reads as redirections:
   * `<WORKER` reads a file, `NAME>` writes one. Code offsets of the whole `<...>`, and the command.
   */
  spacedPlaceholders: { command: number; start: number; end: number }[];
  /** Loops that never end (`while true` without break). */
  endless: { start: number; end: number }[];
  /** Line-continuation mistakes: a `\` followed by spaces, a line that starts with an option because the line before lost its `\`. */
  continuations: ContinuationMistake[];
  /** Inline JSON and YAML documents the commands parse (`kubectl patch -p '{...}'`, `curl -d`, a manifest on stdin of `kubectl apply -f -`), each checked. */
  payloads: PayloadFact[];
  risk: RiskInference;
  longRunning: TraitFinding[];
  interactive: TraitFinding[];
}

/**
 * A prompt at the start of a line: `$ `, `# ` (root), `% ` (zsh), or a long one that names the user and host
 * (`user@host:~$ `, `[root@host dir]# `, `sh-4.4# `). The prompt character is followed by a space or ends the
 * line (`#!/bin/bash` is a shebang, `$HOME/bin/x` a command).
 */
const PROMPT = /^[ \t]*((?:[\w.-]+@[\w.-]+(?::[^\s$#]*)?|\[[\w.-]+@[^\]\n]+\]|(?:ba|z)?sh-\d+(?:\.\d+)*) ?)?([$#%])(?: |$)/;

/** The text after a bare `# ` that is prose (a comment), not a root command: `# Check the pods`, `# NOTE:`, `# done.`. */
const PROSE = /^(?:[A-Z][a-z]+(?:[\s,]|$)|[A-Z]+:|[#*>-]|\W)|[.:]$/;

/**
 * `> ` before a program name and an option (`> gpg --card-edit`): a prompt written before the command, not a
 * redirect, which would make the shell run the option (`--card-edit`) as a program. Same groups as PROMPT (the
 * first never matches: no long form).
 */
const ANGLE_PROMPT = /^[ \t]*([^\s\S])?(>) (?=[A-Za-z][\w.+-]*[ \t]+--?[A-Za-z])/;

/** The prompt of a line, if it has one. A bare `# ` is a root prompt only in a console block, and not before prose. */
function promptOf(line: string, kind: BlockKind): RegExpExecArray | undefined {
  const match = PROMPT.exec(line) ?? ANGLE_PROMPT.exec(line) ?? undefined;
  if (!match) return undefined;
  if (match[2] === '#' && match[1] === undefined) {
    // In a shell block `# ` starts a comment; in a console block it is root's prompt unless prose follows.
    if (kind !== 'console') return undefined;
    const rest = line.slice(match[0].length).trim();
    if (!rest || PROSE.test(rest)) return undefined;
  }
  return match;
}

/** The `> ` the shell prints before each line it reads to complete a command (PS2), in a console block. */
const CONTINUATION_PROMPT = /^[ \t]*> /;

// Runbooks repeat blocks (`kubectl get pods -n x` in many runbooks of a service): each distinct block is analysed
// once per process. The analysis is shared between the blocks that have it: views read it, never change it.
const MAX_CACHED = 8192;
const analyses = new Map<string, BlockAnalysis>();

/** Analyses a block. The parsers must be loaded (`loadCore()`). */
/** A placeholder's context in a SQL block: refused inside a string the server runs, else its SQL layer. */
function sqlContext(script: ReturnType<typeof readSqlScript>, at: number, sentinel: string): PlaceholderContext {
  const refused = sqlRefusal(script, at, sentinel);
  return refused ? { layers: [], refused } : { layers: [sqlLayer(script, at, sentinel)] };
}

export function analyzeBlock(input: BlockInput): BlockAnalysis {
  const key = `${input.kind}\0${input.language ?? ''}\0${input.code}`;
  let analysis = analyses.get(key);
  if (!analysis) {
    if (analyses.size >= MAX_CACHED) analyses.delete(analyses.keys().next().value!);
    analysis = analyzeUncached(input);
    analyses.set(key, analysis);
  }
  return analysis;
}

/** The facts of a block that runs nothing (a snippet, text, output only): no commands, no risk. */
function noCommands(): Pick<
  BlockAnalysis,
  'commands' | 'sql' | 'promql' | 'splitByAmpersand' | 'spacedPlaceholders' | 'endless' | 'continuations' | 'payloads' | 'risk' | 'longRunning' | 'interactive'
> {
  return {
    commands: [],
    sql: [],
    promql: [],
    splitByAmpersand: [],
    spacedPlaceholders: [],
    endless: [],
    continuations: [],
    payloads: [],
    risk: { risk: 'read', findings: [], unknown: [] },
    longRunning: [],
    interactive: [],
  };
}

function analyzeUncached(input: BlockInput): BlockAnalysis {
  const { code, kind, language } = input;
  const runs = kind === 'command' || kind === 'console';
  const empty: BlockAnalysis = { command: runs ? code : '', lines: [], placeholders: [], comments: [], env: [], unset: [], sets: [], ...noCommands() };
  if (kind === 'snippet' || !language) return empty;
  const found = findPlaceholders(code);
  const sentinels = withSentinels(code, found);
  const text = sentinels.text;
  if (language === 'shell') return analyzeShell(input, sentinels, runs);
  // SQL and PromQL blocks: the whole code runs.
  const lines = codeLines(code);
  const base = { ...empty, command: code, lines };
  const codeOffsets = Array.from({ length: text.length + 1 }, (_, i) => sentinels.toOriginal(i));
  const occurrence = (index: number, context: PlaceholderContext): PlaceholderOccurrence => {
    const placeholder = sentinels.placeholders[index];
    return { name: placeholder.name, start: placeholder.start, end: placeholder.end, commandStart: placeholder.start, commandEnd: placeholder.end, context };
  };
  if (language === 'sql') {
    const script = readSqlScript(text);
    const placeholders = sentinels.placeholders.map((placeholder, index) =>
      occurrence(index, !runs ? { layers: [] } : sqlContext(script, placeholder.at, placeholder.sentinel)),
    );
    const sql: SqlSource[] = [{ script, offsets: codeOffsets }];
    const comments = script.tokens
      .filter((token) => token.kind === 'SQL_COMMENT' || token.kind === 'C_COMMENT')
      .map((token) => ({ start: codeOffsets[token.start], end: codeOffsets[token.end] }));
    return { ...base, placeholders, comments, sql, risk: runs ? inferRisk(code, [], sql) : base.risk };
  }
  const placeholders = sentinels.placeholders.map((placeholder, index) =>
    occurrence(index, runs ? { layers: [promqlLayer(text, placeholder.at, placeholder.sentinel)] } : { layers: [] }),
  );
  const ranges = sentinels.placeholders
    .filter((_, index) => placeholders[index].context.layers.some((layer) => layer.kind !== 'promql-string'))
    .map((placeholder): [number, number] => [placeholder.at, placeholder.at + placeholder.sentinel.length]);
  return {
    ...base,
    placeholders,
    comments: promqlComments(text).map(([start, end]) => ({ start: codeOffsets[start], end: codeOffsets[end] })),
    promql: [{ text, offsets: codeOffsets, placeholders: ranges }],
  };
}

/** Every line of the code, for blocks that run whole. */
function codeLines(code: string): CommandLine[] {
  const lines: CommandLine[] = [];
  let start = 0;
  for (const line of code.split('\n')) {
    lines.push({ start, end: start + line.length, comment: false });
    start += line.length + 1;
  }
  return lines;
}

/**
 * The lines of a shell block that run. A session (a console block, or a shell block written with `$ ` prompts)
 * runs its prompt lines and the lines a shell would still read for them (an open quote, a heredoc, a trailing
 * `\` or `|`); the rest is output. Otherwise every line runs.
 */
function runningLines(text: string, kind: BlockKind, session: boolean): { start: number; end: number; continues?: true }[] {
  const all = codeLines(text);
  if (!session) return all;
  const promptless = kind === 'console' && isPromptless(text);
  const lines: { start: number; end: number; continues?: true }[] = [];
  for (let i = 0; i < all.length; i++) {
    const line = text.slice(all[i].start, all[i].end);
    let promptLength: number;
    if (promptless) {
      if (!startsWithKnownProgram(line)) continue;
      promptLength = 0;
    } else {
      const prompt = promptOf(line, kind);
      if (!prompt || (line.trimEnd().length === prompt[0].trimEnd().length && prompt[2] !== '$')) continue;
      promptLength = prompt[0].length;
    }
    const first = { start: all[i].start + promptLength, end: all[i].end };
    const group: { start: number; end: number; continues?: true }[] = [first];
    let joined = text.slice(first.start, first.end);
    while (i + 1 < all.length) {
      // The shell reads another line for an open quote, heredoc, `|` or `&&`; and for a line that ends in `\`
      // (backslash-newline joins lines before parsing, so the parser never sees it as incomplete).
      const continued = /(^|[^\\])(\\\\)*\\$/.test(joined);
      if (!continued && !parseShellText(joined).error?.incomplete) break;
      // A line with its own `$ ` prompt starts a command of its own (a shell asking for more shows `> `).
      const own = promptless ? undefined : promptOf(text.slice(all[i + 1].start, all[i + 1].end), kind);
      if (own && (own[2] === '$' || own[1] !== undefined)) break;
      i++;
      const next = text.slice(all[i].start, all[i].end);
      const ps2 = kind === 'console' ? (CONTINUATION_PROMPT.exec(next)?.[0].length ?? 0) : 0;
      group.push({ start: all[i].start + ps2, end: all[i].end, continues: true });
      joined += `\n${text.slice(all[i].start + ps2, all[i].end)}`;
    }
    lines.push(...group);
  }
  return lines;
}

/** A console block in which no line has a prompt: its commands are the lines that start with a known program. */
function isPromptless(code: string): boolean {
  return code.trim() !== '' && !code.split('\n').some((line) => promptOf(line, 'console') !== undefined);
}

/** Commands sent to the background by an `&` with a word character on both sides (`?a=1&b=2`). */
function ampersandSplits(code: string, commands: readonly Command[]): BlockAnalysis['splitByAmpersand'] {
  const splits: BlockAnalysis['splitByAmpersand'] = [];
  for (const command of commands) {
    // A "command" named by a number is output pasted into the block (fences/wrong-language says so).
    if (!command.background || code[command.end] !== '&' || /^\d+(?:[.:,]\d+)*$/.test(command.name)) continue;
    if (!/[\w=/.%-]/.test(code[command.end - 1] ?? '') || !/[\w=/.%-]/.test(code[command.end + 1] ?? '')) continue;
    const next = commands.find((other) => other.start === command.end + 1);
    splits.push({ command: command.index, at: command.end, ...(next ? { next: next.index } : {}) });
  }
  return splits;
}

/** `<` glued to a word, more words, and a `>` glued to the last: `<WORKER NAME>`, read as two redirections. */
const SPACED_PLACEHOLDER = /^<[A-Za-z][\w.-]*(?:[ \t]+[A-Za-z][\w.-]*)+>/;

function spacedPlaceholders(code: string, commands: readonly Command[]): BlockAnalysis['spacedPlaceholders'] {
  const found: BlockAnalysis['spacedPlaceholders'] = [];
  for (const command of commands) {
    for (const redirect of command.redirects) {
      const target = redirect.target;
      if (redirect.op !== '<' || !target || code[target.start - 1] !== '<') continue;
      const match = SPACED_PLACEHOLDER.exec(
        code.slice(target.start - 1, code.indexOf('\n', target.start) === -1 ? code.length : code.indexOf('\n', target.start)),
      );
      if (!match || found.some((other) => other.start === target.start - 1)) continue;
      // Under a wrapper (`sudo x <A B>`) the redirection is the wrapper's: name the innermost command around it.
      const at = target.start - 1;
      const inner = commands.filter((other) => other.start <= at && at <= other.end && other.argv.length).sort((a, b) => b.start - a.start)[0] ?? command;
      found.push({ command: inner.index, start: at, end: at + match[0].length });
    }
  }
  return found;
}

/** The code as one PromQL query that says it is one (matchers, a call, an aggregation), code offsets. */
function queryText(code: string): { start: number; end: number } | undefined {
  const text = code.trim();
  if (!text || text.length > 4000) return undefined;
  const expr = readPromql(text);
  if (!expr) return undefined;
  const says = promqlNodes(expr).some(
    (node) =>
      node.kind === 'call' ||
      node.kind === 'aggregate' ||
      node.kind === 'matrix' ||
      (node.kind === 'selector' && node.matchers.some((matcher) => matcher.label !== '__name__')),
  );
  if (!says) return undefined;
  const start = code.indexOf(text);
  return { start, end: start + text.length };
}

/** The non-empty lines of the code that are neither command lines nor `#` comments, and the `# ` lines that hold a command. */
function sessionLines(code: string, lines: readonly CommandLine[], kind: BlockKind): NonNullable<BlockAnalysis['session']> {
  const output: NonNullable<BlockAnalysis['session']>['output'] = [];
  const commented: { start: number; end: number }[] = [];
  let start = 0;
  for (const line of code.split('\n')) {
    const end = start + line.length;
    const text = line.trim();
    const at = start + line.indexOf(text);
    if (text.startsWith('#')) {
      const rest = text.replace(/^#\s*/, '');
      // A root prompt in a console block is read as one there; in a shell block the line is a comment.
      if (
        kind === 'command' &&
        /^# \S/.test(text) &&
        promptOf(line, 'console') &&
        (/^[A-Za-z_]\w*=\S/.test(rest) || startsWithKnownProgram(rest, { keywords: false }))
      )
        commented.push({ start: at, end: at + text.length });
    } else if (text && !lines.some((command) => command.start >= start && command.end <= end)) {
      // `command`: it starts like a command (a program or an assignment): maybe one written without its prompt.
      output.push({ start: at, end: at + text.length, ...(startsWithKnownProgram(text) || /^[A-Za-z_]\w*=/.test(text) ? { command: true as const } : {}) });
    }
    start = end + 1;
  }
  return { output, commented };
}

/** A block is a session when it is a console block, or a shell block whose lines start with `$ ` prompts. */
function isSession(code: string, kind: BlockKind): boolean {
  if (kind === 'console') return true;
  return code.split('\n').some((line) => {
    const prompt = promptOf(line, kind);
    return prompt !== undefined && (prompt[2] === '$' || prompt[2] === '>' || prompt[1] !== undefined) && line.slice(prompt[0].length).trim() !== '';
  });
}

function analyzeShell(input: BlockInput, sentinels: ReturnType<typeof withSentinels>, runs: boolean): BlockAnalysis {
  const { code, kind } = input;
  const text = sentinels.text;
  const session = isSession(code, kind);
  const ranges = runningLines(text, kind, session);
  // The command text in sentinel form, and the way from its offsets to the code.
  const starts: number[] = [];
  let script = '';
  for (const range of ranges) {
    if (starts.length) script += '\n';
    starts.push(script.length);
    script += text.slice(range.start, range.end);
  }
  // Script offset -> code offset, as a table: the readers ask for every character of every word.
  const codeAt = new Int32Array(script.length + 1);
  for (let line = 0, offset = 0; offset <= script.length; offset++) {
    while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
    const range = ranges[line];
    codeAt[offset] = sentinels.toOriginal(range ? Math.min(range.start + offset - starts[line], range.end) : 0);
  }
  const toCode = (offset: number) => codeAt[offset < 0 ? 0 : offset > script.length ? script.length : offset];
  const lines: CommandLine[] = ranges.map((range) => ({
    start: sentinels.toOriginal(range.start),
    end: sentinels.toOriginal(range.end),
    comment: false,
    ...('continues' in range && range.continues ? { continues: true as const } : {}),
  }));
  const command = lines.map((line) => code.slice(line.start, line.end)).join('\n');
  const lineStarts: number[] = [];
  lines.reduce((offset, line) => (lineStarts.push(offset), offset + line.end - line.start + 1), 0);
  const toCommand = (codeOffset: number) => {
    const index = lines.findIndex((line) => line.start <= codeOffset && codeOffset <= line.end);
    return index === -1 ? -1 : lineStarts[index] + codeOffset - lines[index].start;
  };

  const parsed = parseShellText(script);
  let tree: ShellTree | undefined = parsed.tree;
  let syntaxError: BlockAnalysis['syntaxError'];
  if (parsed.error) {
    const at = toCode(parsed.error.offset);
    syntaxError = { start: at, end: at, message: parsed.error.message };
    // What runs before the error still runs (bash reads line by line): read the lines before it.
    const lineStart = script.lastIndexOf('\n', Math.max(0, parsed.error.offset - 1));
    tree = lineStart > 0 ? parseShellText(script.slice(0, lineStart)).tree : undefined;
    if (session && !parsed.error.incomplete && (tree || lineStart <= 0)) tree = pastTheErrors(script, parsed.error.offset) ?? tree;
  }
  const facts: ShellFacts = tree ? readCommands(tree, toCode) : { commands: [], variables: [], unset: [], assigned: new Set(), endless: [] };
  if (tree) markComments(tree, lines, starts);
  const comments = tree ? tree.nodes.filter((node) => node.kind === 'Comment').map((node) => ({ start: toCode(node.start), end: toCode(node.end) })) : [];

  const inCommand = (placeholder: { start: number }) => toCommand(placeholder.start) !== -1;
  const placeholders: PlaceholderOccurrence[] = [];
  sentinels.placeholders.forEach((placeholder) => {
    if (!inCommand(placeholder)) return;
    const at = script.indexOf(placeholder.sentinel);
    const context: PlaceholderContext = !runs
      ? { layers: [] }
      : parsed.error || !tree || at === -1
        ? {
            layers: [],
            refused: { reason: 'the block does not parse as shell, so where the value lands is unknown', fix: 'Fix the shell syntax error of the block' },
          }
        : shellContext({ tree, toCode, facts, at, sentinel: placeholder.sentinel, sentinels: sentinels.placeholders.map((p) => p.sentinel) });
    placeholders.push({
      name: placeholder.name,
      start: placeholder.start,
      end: placeholder.end,
      commandStart: toCommand(placeholder.start),
      commandEnd: toCommand(placeholder.end),
      context,
    });
  });
  const env = facts.variables;
  const query = kind === 'console' && !lines.length ? queryText(code) : undefined;
  const sessionOf = session ? sessionLines(code, lines, kind) : { output: [], commented: [] };
  const variables = {
    env,
    unset: facts.unset,
    sets: [...facts.assigned],
    ...(facts.importsVariables ? { importsVariables: true as const } : {}),
    ...(kind === 'console' && isPromptless(code) ? { promptless: { output: sessionOf.output.length > 0 } } : {}),
    ...(session ? { session: sessionOf } : {}),
    ...(query ? { promqlText: query } : {}),
  };
  if (!runs)
    return {
      command,
      lines,
      placeholders,
      comments,
      ...variables,
      ...noCommands(),
      ...(syntaxError ? { syntaxError } : {}),
    };
  const sql = sqlSources(facts.commands);
  const promql = promqlSources(facts.commands);
  const pasted = pastedSql(text, ranges, lines, facts.commands, syntaxError, sentinels.toOriginal);
  return {
    command,
    lines,
    placeholders,
    comments,
    ...variables,
    ...(syntaxError ? { syntaxError } : {}),
    commands: facts.commands,
    sql,
    ...(pasted ? { pastedSql: pasted } : {}),
    promql,
    splitByAmpersand: ampersandSplits(code, facts.commands),
    spacedPlaceholders: spacedPlaceholders(code, facts.commands),
    endless: facts.endless,
    continuations: continuationMistakes(code, facts.commands, comments),
    payloads: blockPayloads(
      facts.commands,
      sentinels.placeholders.map((placeholder) => placeholder.sentinel),
    ),
    risk: inferRisk(code, facts.commands, pasted ? [...sql, pasted] : sql),
    longRunning: findTraits(facts.commands, 'long-running'),
    interactive: findTraits(facts.commands, 'interactive'),
  };
}

/**
 * The tree of a session's command text with the lines that do not parse left out (blanked, so offsets hold). In a
 * session each command is typed at its own prompt: a line the shell refuses is reported and the next ones still
 * run (a script would stop at the error, so this is for sessions only). Undefined when a blanked line is part of
 * a longer command (the text before it does not parse on its own) or after a few errors.
 */
function pastTheErrors(script: string, offset: number): ShellTree | undefined {
  let text = script;
  let at = offset;
  for (let attempt = 0; attempt < 8; attempt++) {
    const start = text.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
    const newline = text.indexOf('\n', at);
    const end = newline === -1 ? text.length : newline;
    if (start > 0 && parseShellText(text.slice(0, start - 1)).error) return undefined;
    text = `${text.slice(0, start)}${' '.repeat(end - start)}${text.slice(end)}`;
    const parsed = parseShellText(text);
    if (parsed.tree) return parsed.tree;
    if (parsed.error.incomplete || parsed.error.offset <= end) return undefined;
    at = parsed.error.offset;
  }
  return undefined;
}

/** Words that start a SQL statement and are not common programs: where a shell command with one of them starts a line, the line may be SQL. */
const SQL_STATEMENT_WORDS = new Set([
  'select',
  'with',
  'insert',
  'update',
  'delete',
  'create',
  'alter',
  'drop',
  'truncate',
  'grant',
  'revoke',
  'vacuum',
  'analyze',
  'explain',
  'reindex',
  'cluster',
  'copy',
  'refresh',
  'show',
  'begin',
  'commit',
  'rollback',
]);

/**
 * SQL pasted into a shell block. Candidates are the lines where a top-level command's first word is a SQL
 * statement word, and the line where the shell parser gave up; the text from the first candidate to the end of
 * the block is read as SQL, and kept when its first statement parses (then every statement up to the first that
 * does not). `select x in a b; do` (bash's select loop) does not parse as SQL, so it is not taken for it.
 */
function pastedSql(
  text: string,
  ranges: { start: number; end: number }[],
  lines: CommandLine[],
  commands: readonly Command[],
  syntaxError: BlockAnalysis['syntaxError'],
  toOriginal: (offset: number) => number,
): (SqlSource & { start: number }) | undefined {
  const candidates = commands
    .filter((command) => command.parent === undefined && !command.substitution && SQL_STATEMENT_WORDS.has(command.argv[0]?.value.toLowerCase() ?? ''))
    .map((command) => command.start);
  if (syntaxError) candidates.push(syntaxError.start);
  for (const at of candidates.sort((a, b) => a - b)) {
    const index = lines.findIndex((line) => line.start <= at && at <= line.end);
    if (index === -1) continue;
    // The candidate must start its line's text (a SQL statement pasted as is).
    const first =
      ranges[index].start + (text.slice(ranges[index].start, ranges[index].end).length - text.slice(ranges[index].start, ranges[index].end).trimStart().length);
    if (toOriginal(first) !== at && !(syntaxError && at === syntaxError.start)) continue;
    let sqlText = '';
    const offsets: number[] = [];
    for (const range of ranges.slice(index)) {
      if (sqlText) {
        sqlText += '\n';
        offsets.push(toOriginal(range.start) - 1);
      }
      for (let i = range.start; i < range.end; i++) offsets.push(toOriginal(i));
      sqlText += text.slice(range.start, range.end);
    }
    offsets.push(toOriginal(ranges[ranges.length - 1].end));
    const script = readSqlScript(sqlText);
    const parsed = script.statements.findIndex((statement) => !statement.tree);
    const statements = parsed === -1 ? script.statements : script.statements.slice(0, parsed);
    if (!statements.length || script.lexError) continue;
    return { script: { ...script, statements }, offsets, start: offsets[statements[0].start] };
  }
  return undefined;
}

/** Marks the lines that hold only a comment (the parser's Comment nodes, not `#` inside a heredoc or string). */
function markComments(tree: ShellTree, lines: CommandLine[], starts: number[]): void {
  for (const node of tree.nodes) {
    if (node.kind !== 'Comment') continue;
    let line = starts.length - 1;
    while (line > 0 && starts[line] > node.start) line--;
    if (tree.text.slice(starts[line], node.start).trim() === '') lines[line].comment = true;
  }
}

const SQL_OPTION = { psql: /^(-[A-Za-z]*c|--command)$/, mysql: /^(-[A-Za-z]*e|--execute)$/ } as const;
const SQL_GLUED = { psql: /^(-[A-Za-z]*c|--command=)(?=.)/, mysql: /^(-[A-Za-z]*e|--execute=)(?=.)/ } as const;

/** The SQL each psql or mysql command runs: its -c/-e arguments, and SQL text fed to its standard input. */
function sqlSources(commands: readonly Command[]): SqlSource[] {
  const sources: SqlSource[] = [];
  const add = (text: string, offsets: number[], command: number, dynamic?: [number, number][]) =>
    sources.push({ script: readSqlScript(text), offsets, command, ...(dynamic?.length ? { dynamic } : {}) });
  for (const command of commands) {
    const program = command.program === 'psql' || command.program === 'mysql' ? command.program : undefined;
    if (!program) continue;
    const args = commandView(command).args;
    args.forEach((word, i) => {
      if (SQL_OPTION[program].test(word.value) && args[i + 1] && !SQL_OPTION[program].test(args[i - 1]?.value ?? ''))
        add(args[i + 1].value, args[i + 1].offsets, command.index, args[i + 1].dynamic);
      else {
        const glued = SQL_GLUED[program].exec(word.value);
        if (glued && !SQL_OPTION[program].test(args[i - 1]?.value ?? '')) {
          const sliced = sliceWord(word, glued[0].length);
          add(sliced.value, sliced.offsets, command.index, sliced.dynamic);
        }
      }
    });
    if (stdinLanguage(command) !== 'SQL') continue;
    const input = inputText(commands, command);
    if (input) add(input.text, input.offsets, command.index);
  }
  return sources;
}

/** The text a command reads on its standard input, when the block says what it is. */
function inputText(commands: readonly Command[], command: Command): { text: string; offsets: number[] } | undefined {
  const stdin = command.stdin;
  if (!stdin) return undefined;
  if (stdin.kind === 'heredoc') return stdin.body;
  if (stdin.kind === 'herestring') return { text: stdin.word.value, offsets: stdin.word.offsets };
  if (stdin.kind !== 'pipe') return undefined;
  const from = commands[stdin.from];
  if (from.name === 'cat' && from.argv.length === 1) return inputText(commands, from);
  if (from.name !== 'echo' && from.name !== 'printf') return undefined;
  const words = from.argv.slice(1).filter((word, i) => !(from.name === 'echo' && i === 0 && /^-[neE]+$/.test(word.value)));
  if (!words.length) return undefined;
  const chosen = from.name === 'printf' ? words.slice(0, 1) : words;
  const offsets: number[] = [];
  let text = '';
  chosen.forEach((word, i) => {
    if (i) {
      text += ' ';
      offsets.push(word.start);
    }
    text += word.value;
    offsets.push(...word.offsets.slice(0, -1));
  });
  offsets.push(chosen[chosen.length - 1].end);
  return { text, offsets };
}

const PROMETHEUS_PATH = /\/api\/v1\/query(_range)?\b/;
const DATA_OPTIONS = /^(-d|--data|--data-raw|--data-binary|--data-ascii)$/;

/** The PromQL each curl call to Prometheus's query API sends (its `query` parameter). */
function promqlSources(commands: readonly Command[]): BlockAnalysis['promql'] {
  const queries: BlockAnalysis['promql'] = [];
  for (const command of commands) {
    if (command.name !== 'curl') continue;
    const args = commandView(command).args;
    if (!args.some((word) => PROMETHEUS_PATH.test(word.value) && !/\/loki\//.test(word.value))) continue;
    const field = (word: CommandWord, text: string, base: number, separator: string | null) => {
      let start = 0;
      for (const part of separator ? text.split(separator) : [text]) {
        if (part.startsWith('query=')) {
          const from = base + start + 'query='.length;
          const value = part.slice('query='.length);
          // Percent-encoded or `+` text is not the query as written: the server decodes it first.
          if (separator && /[%+]/.test(value)) return;
          // Parts only known when it runs (`$SERVICE`) are left alone like placeholders.
          const dynamic = (word.dynamic ?? [])
            .filter(([start, end]) => end > from && start < from + value.length)
            .map(([start, end]): [number, number] => [Math.max(0, start - from), Math.min(value.length, end - from)]);
          if (value.trim())
            queries.push({ text: value, offsets: word.offsets.slice(from, from + value.length + 1), command: command.index, placeholders: dynamic });
          return;
        }
        start += part.length + 1;
      }
    };
    args.forEach((word, i) => {
      const option = args[i - 1]?.value ?? '';
      if (option === '--data-urlencode') field(word, word.value, 0, null);
      else if (DATA_OPTIONS.test(option)) field(word, word.value, 0, '&');
      else if (PROMETHEUS_PATH.test(word.value) && word.value.includes('?')) {
        const query = word.value.indexOf('?') + 1;
        field(word, word.value.slice(query), query, '&');
      }
    });
  }
  return queries;
}

/** The code offset of an offset in a block's command text (`analysis.command` is its `lines` joined). */
export function commandToCode(analysis: Pick<BlockAnalysis, 'lines'>, offset: number): number {
  let at = 0;
  for (const line of analysis.lines) {
    const length = line.end - line.start;
    if (offset <= at + length) return line.start + offset - at;
    at += length + 1;
  }
  const last = analysis.lines[analysis.lines.length - 1];
  return last ? last.end : offset;
}
