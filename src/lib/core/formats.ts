// The data formats commands carry: where a placeholder sits in the query or path of a URL or in a JSON document
// (`kubectl patch -p '{...}'`, `curl -d '{...}'`), read with jsonc-parser's scanner and the URL's own delimiters;
// and which options carry an inline JSON or YAML document, checked with jsonc-parser and the yaml package.
import { createScanner, parse as parseJson, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { parseAllDocuments } from 'yaml';
import type { Layer } from './context.ts';
import type { Command } from './shell/commands.ts';
import { commandView } from './shell/patterns.ts';
import { optionValues } from './shell/programs.ts';

/** The layer of a sentinel at `at` of a URL: its query (after `?`), its path, or its host. */
export function urlLayer(url: string, at: number): Layer {
  const hash = url.indexOf('#');
  const query = url.indexOf('?');
  if (hash !== -1 && at > hash) return { kind: 'url-query' };
  if (query !== -1 && at > query) return { kind: 'url-query' };
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(url)?.[0].length ?? 0;
  const path = url.indexOf('/', scheme);
  if (path !== -1 && at > path) return { kind: 'url-path' };
  return { kind: 'token', accepts: 'word', where: 'the host of a URL' };
}

/** Whether a text is a URL the core reads as one (a scheme, or a `$VAR` host followed by a path). */
export function looksLikeUrl(text: string): boolean {
  return /^(https?:\/\/|\$\{?[A-Z_][A-Z0-9_]*\}?\/)/.test(text);
}

// jsonc-parser's SyntaxKind is a const enum (erased at run time): its values.
const OPEN_BRACKET = 3;
const COMMA = 5;
const COLON = 6;
const STRING = 10;
const LINE_BREAK = 14;
const TRIVIA = 15;
const UNKNOWN = 16;
const EOF = 17;
const COMMENTS = new Set([12, 13]);

/**
 * The layer of a sentinel in a JSON document: inside a string literal, or a bare value; undefined when the text
 * is not a JSON document apart from the sentinels (then it is not JSON to the core).
 */
export function jsonLayer(text: string, at: number, sentinels: readonly string[]): Layer | undefined {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  const scanner = createScanner(text, false);
  let layer: Layer | undefined;
  let previous = 0;
  for (let kind: number = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    if (kind === TRIVIA || kind === LINE_BREAK) continue;
    if (COMMENTS.has(kind) || scanner.getTokenError() !== 0) return undefined;
    const start = scanner.getTokenOffset();
    const end = start + scanner.getTokenLength();
    const word = text.slice(start, end);
    const bare = kind === UNKNOWN && sentinels.includes(word);
    if (kind === UNKNOWN && !bare) return undefined;
    if (start <= at && at < end) {
      if (kind === STRING) layer = { kind: 'json-string' };
      else if (bare && (previous === COLON || previous === COMMA || previous === OPEN_BRACKET)) layer = { kind: 'json-value' };
      else return undefined;
    }
    previous = kind;
  }
  return layer;
}

// What options carry: inline JSON and YAML documents a command parses (`kubectl patch -p`, `curl -d` with a JSON
// content type, `jq --argjson`, `helm --set-json`, `aws --cli-input-json`, a manifest fed to `kubectl apply -f -`).

/** A document a command parses, with the code offset of each character (one more for its end). */
export interface Payload {
  /** The command that parses it, by index. */
  command: number;
  /** Where it is given: the option (`-p`, `--data`), or `stdin`. */
  via: string;
  format: 'json' | 'yaml';
  /** What the document must be besides well-formed: a JSON patch (a list of operations), a merge patch (a mapping). */
  shape?: 'json-patch' | 'merge-patch';
  /** The text, with the parts only known when it runs (`$VAR`, `$(...)`, placeholders) replaced by `1`. */
  text: string;
  offsets: number[];
}

/** A piece of text as a command receives it: a word's value or a heredoc body, with code offsets. */
export interface PayloadSource {
  text: string;
  offsets: number[];
  /** Ranges of `text` only known when it runs. */
  dynamic?: [number, number][];
}

/** A word's value as a payload source. */
function source(word: { value: string; offsets: number[]; dynamic?: [number, number][] }): PayloadSource {
  return { text: word.value, offsets: word.offsets, ...(word.dynamic ? { dynamic: word.dynamic } : {}) };
}

/** The text with its dynamic ranges and sentinels replaced by `1` (valid in a JSON or YAML string, number or key). */
function neutral(source: PayloadSource, sentinels: readonly string[]): { text: string; offsets: number[] } {
  const ranges: [number, number][] = [...(source.dynamic ?? [])];
  for (const sentinel of sentinels)
    for (let at = source.text.indexOf(sentinel); at !== -1; at = source.text.indexOf(sentinel, at + 1)) ranges.push([at, at + sentinel.length]);
  ranges.sort((a, b) => a[0] - b[0]);
  let text = '';
  const offsets: number[] = [];
  let i = 0;
  for (const [start, end] of ranges) {
    if (start < i) continue;
    for (; i < start; i++) {
      text += source.text[i];
      offsets.push(source.offsets[i]);
    }
    text += '1';
    offsets.push(source.offsets[start]);
    i = end;
  }
  for (; i < source.text.length; i++) {
    text += source.text[i];
    offsets.push(source.offsets[i]);
  }
  offsets.push(source.offsets[source.text.length] ?? source.offsets[source.offsets.length - 1]);
  return { text, offsets };
}

/**
 * What a command reads on stdin, when the block says: a heredoc or here-string, or the output of `cat` reading a
 * heredoc or `echo`/`printf` of one word (`cat <<EOF | kubectl apply -f -`).
 */
export function stdinText(command: Command, commands: readonly Command[]): PayloadSource | undefined {
  const input = command.stdin;
  if (!input) return undefined;
  if (input.kind === 'heredoc') return { text: input.body.text, offsets: input.body.offsets, ...(input.body.dynamic ? { dynamic: input.body.dynamic } : {}) };
  if (input.kind === 'herestring') return source(input.word);
  if (input.kind !== 'pipe') return undefined;
  const writer = commands[input.from];
  if (!writer) return undefined;
  const args = writer.argv.slice(1);
  if (writer.name === 'cat' && args.length === 0 && writer.stdin?.kind === 'heredoc') return stdinText(writer, commands);
  if (
    (writer.name === 'echo' || writer.name === 'printf') &&
    args.length === 1 &&
    !args[0].value.startsWith('-') &&
    !(writer.name === 'printf' && args[0].value.includes('%'))
  )
    return source(args[0]);
  return undefined;
}

const JSON_START = /^\s*[[{]/;

/** Programs whose flags Go's pflag parses (`-p=value` is `value`). */
const GO_PROGRAMS = new Set(['kubectl', 'oc', 'helm']);

/**
 * The documents a command parses from its options and its input (`input`: what it reads on stdin, when the
 * block says). `sentinels` are the words that stand for placeholders.
 */
export function commandPayloads(command: Command, input: () => PayloadSource | undefined, sentinels: readonly string[]): Payload[] {
  const found: Payload[] = [];
  const add = (from: PayloadSource, via: string, format: Payload['format'], shape?: Payload['shape']) => {
    const { text, offsets } = neutral(from, sentinels);
    // All of it only known when it runs (`-p "$PATCH"`): nothing to check.
    if (!text.replace(/1/g, '').trim()) return;
    found.push({ command: command.index, via, format, ...(shape ? { shape } : {}), text, offsets });
  };
  const { args, positional } = commandView(command);
  const values = (names: readonly string[]) => optionValues(args, names, GO_PROGRAMS.has(command.program) || GO_PROGRAMS.has(command.name));
  const first = (names: readonly string[]) => values(names)[0];
  const subcommand = positional[0]?.value;
  const { program, name } = command;
  if (program === 'kubectl' && subcommand === 'patch') {
    // kubectl reads the patch as YAML (JSON is YAML) and converts it; `--type json` wants a list of operations.
    const patch = first(['-p', '--patch']);
    const type = first(['--type'])?.value;
    if (patch) add(source(patch), '-p', 'yaml', type === 'json' ? 'json-patch' : 'merge-patch');
  }
  if (program === 'kubectl' && (subcommand === 'run' || subcommand === 'debug')) {
    const overrides = first(['--overrides']);
    if (overrides) add(source(overrides), '--overrides', 'json');
  }
  if (program === 'kubectl' && ['apply', 'create', 'replace'].includes(subcommand ?? '') && values(['-f', '--filename']).some((word) => word.value === '-')) {
    const manifest = input();
    if (manifest) add(manifest, 'stdin', 'yaml');
  }
  if (name === 'curl') {
    const json =
      values(['-H', '--header']).some((header) => /^content-type:\s*application\/([\w.+-]*\+)?json\b/i.test(header.value.trim())) ||
      values(['--json']).length > 0;
    for (const data of values(['-d', '--data', '--data-raw', '--data-binary', '--data-ascii', '--json'])) {
      if (data.value.startsWith('@')) {
        const stdin = data.value === '@-' ? input() : undefined;
        if (stdin && (json || JSON_START.test(stdin.text))) add(stdin, 'stdin', 'json');
        continue;
      }
      if (json || JSON_START.test(data.value)) add(source(data), '--data', 'json');
    }
  }
  if (name === 'jq' || name === 'gojq') {
    // --argjson NAME JSON: the document is the word after the name.
    args.forEach((word, i) => {
      if (word.value === '--argjson' && args[i + 2]) add(source(args[i + 2]), '--argjson', 'json');
    });
  }
  if (name === 'helm') {
    for (const value of values(['--set-json'])) {
      const equals = value.value.indexOf('=');
      if (equals !== -1)
        add(
          {
            text: value.value.slice(equals + 1),
            offsets: value.offsets.slice(equals + 1),
            dynamic: (value.dynamic ?? [])
              .filter(([, end]) => end > equals + 1)
              .map(([start, end]): [number, number] => [Math.max(0, start - equals - 1), end - equals - 1]),
          },
          '--set-json',
          'json',
        );
    }
  }
  if (name === 'aws') {
    const inputJson = first(['--cli-input-json']);
    if (inputJson && !/^(file|fileb|https?):\/\//.test(inputJson.value)) add(source(inputJson), '--cli-input-json', 'json');
  }
  return found;
}

/** A document a command parses, in code offsets, and what is wrong with it. */
export interface PayloadFact {
  command: number;
  via: string;
  format: Payload['format'];
  shape?: Payload['shape'];
  /** Code offsets of the document. */
  start: number;
  end: number;
  /** It does not parse, or is not what the option wants: code offsets of the place and what is wrong. */
  problem?: PayloadProblem;
}

/** What is wrong with a document: it does not parse (`syntax`), or it is not what the option wants (`shape`). */
export interface PayloadProblem {
  kind: 'syntax' | 'shape';
  start: number;
  end: number;
  message: string;
}

/** The documents the commands of a block parse, each checked. */
export function blockPayloads(commands: readonly Command[], sentinels: readonly string[]): PayloadFact[] {
  const facts: PayloadFact[] = [];
  for (const command of commands) {
    if (command.dynamic || !command.name) continue;
    for (const payload of commandPayloads(command, () => stdinText(command, commands), sentinels)) {
      const found = payloadProblem(payload);
      const at = (offset: number) => payload.offsets[Math.min(offset, payload.offsets.length - 1)];
      // A problem at the end of the text (an unclosed brace) is shown on its last character.
      const last = Math.max(0, payload.text.trimEnd().length - 1);
      // Inside single quotes a `\` that ends a line is kept: the document gets a backslash and a line break.
      if (found?.kind === 'syntax' && payload.text.includes('\\\n'))
        found.message += ' (a `\\` at the end of a line inside quotes is kept as is: it does not join the lines)';
      const problem = found && { ...found, start: Math.min(found.start, last), end: Math.min(Math.max(found.end, Math.min(found.start, last) + 1), last + 1) };
      const endOf = (offset: number) => (offset > 0 ? at(offset - 1) + 1 : at(0));
      facts.push({
        command: payload.command,
        via: payload.via,
        format: payload.format,
        ...(payload.shape ? { shape: payload.shape } : {}),
        start: at(0),
        end: endOf(payload.text.length),
        ...(problem
          ? { problem: { kind: problem.kind, start: at(problem.start), end: Math.max(endOf(problem.end), at(problem.start) + 1), message: problem.message } }
          : {}),
      });
    }
  }
  return facts;
}

const JSON_ERRORS: Record<string, string> = {
  InvalidSymbol: 'an unexpected character',
  InvalidNumberFormat: 'a malformed number',
  PropertyNameExpected: 'a property name in double quotes expected',
  ValueExpected: 'a value expected',
  ColonExpected: 'a `:` expected',
  CommaExpected: 'a `,` expected',
  CloseBraceExpected: 'a closing `}` expected',
  CloseBracketExpected: 'a closing `]` expected',
  EndOfFileExpected: 'text after the end of the document',
  InvalidCommentToken: 'a comment, which JSON does not have',
  UnexpectedEndOfComment: 'an unclosed comment',
  UnexpectedEndOfString: 'an unclosed string',
  UnexpectedEndOfNumber: 'an unfinished number',
  InvalidUnicode: 'a bad \\u escape',
  InvalidEscapeCharacter: 'a bad escape',
  InvalidCharacter: 'a control character in a string',
};

const JSON_PATCH_OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);

/** What is wrong with a payload, as a range of its text: it does not parse, or it is not what the option wants. */
export function payloadProblem(payload: Payload): PayloadProblem | undefined {
  let value: unknown;
  const whole = { kind: 'shape' as const, start: payload.text.length - payload.text.trimStart().length, end: payload.text.trimEnd().length };
  if (payload.format === 'json') {
    const errors: ParseError[] = [];
    value = parseJson(payload.text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    if (errors.length) {
      const first = errors[0];
      const name = printParseErrorCode(first.error);
      const quote = payload.text[first.offset] === "'" ? ' (single quotes are not JSON: use double quotes)' : '';
      return { kind: 'syntax', start: first.offset, end: first.offset + Math.max(1, first.length), message: `${JSON_ERRORS[name] ?? name}${quote}` };
    }
  } else {
    const documents = parseAllDocuments(payload.text, { prettyErrors: false });
    const list = Array.isArray(documents) ? documents : [documents];
    for (const document of list) {
      const error = document.errors[0];
      if (error)
        return {
          kind: 'syntax',
          start: error.pos[0],
          end: Math.max(error.pos[1], error.pos[0] + 1),
          message: error.message.split(/ at line \d+/)[0].replace(/\.$/, ''),
        };
    }
    value = list[0]?.toJS();
  }
  if (payload.shape === 'merge-patch' && (value === null || typeof value !== 'object' || Array.isArray(value))) {
    return {
      ...whole,
      message: Array.isArray(value) ? 'a list of operations is a JSON patch: it needs `--type json`' : 'a merge patch must be a mapping (`{"spec": {...}}`)',
    };
  }
  if (payload.shape === 'json-patch') {
    if (!Array.isArray(value))
      return { ...whole, message: 'a JSON patch (`--type json`) must be a list of operations (`[{"op": "replace", "path": "/spec/replicas", "value": 3}]`)' };
    for (const operation of value as unknown[]) {
      const op = (operation as { op?: unknown })?.op;
      const path = (operation as { path?: unknown })?.path;
      if (typeof operation !== 'object' || operation === null || typeof op !== 'string' || !JSON_PATCH_OPS.has(op))
        return {
          ...whole,
          message: `each operation of a JSON patch needs an "op" (add, remove, replace, move, copy or test)${typeof op === 'string' ? `, not "${op}"` : ''}`,
        };
      if (typeof path !== 'string' || (path !== '' && !path.startsWith('/')))
        return { ...whole, message: `the "${op}" operation needs a "path" that starts with "/"${typeof path === 'string' ? `, not "${path}"` : ''}` };
      if ((op === 'add' || op === 'replace' || op === 'test') && !Object.hasOwn(operation, 'value'))
        return { ...whole, message: `the "${op}" operation of "${path}" needs a "value"` };
      if ((op === 'move' || op === 'copy') && typeof (operation as { from?: unknown }).from !== 'string')
        return { ...whole, message: `the "${op}" operation of "${path}" needs a "from"` };
    }
  }
  return undefined;
}
