// The value of a shell word after quote removal, read from the parser's nodes (never from the text by hand):
// which characters it has, where each came from, and whether parts of it are only known when it runs
// (`$VAR`, `$(...)`).
import type { ShellNode, ShellTree } from './parser.ts';

/** A word of a command, as the program receives it. */
export interface CommandWord {
  /** After quote removal; expansions as written (`$NS`), placeholders as their sentinel. */
  value: string;
  /** Offsets into the block's code of the word as written. */
  start: number;
  end: number;
  /** For each character of `value`, its offset in the code; one more entry for the end. */
  offsets: number[];
  /** False when part of the value is only known at run time (`$NS`, `$(date)`). */
  literal: boolean;
  /** Characters cut from the front (`--file=` of `--file=x`). */
  skip?: number;
  /** Commands that run inside the word (`$(...)`, `<(...)`), by index. */
  substitutions?: number[];
  /** Ranges of `value` that come from expansions (`$NS`, `$(date)`): only known when it runs. */
  dynamic?: [number, number][];
}

export interface WordValue {
  /** The word as the program receives it; expansions appear as written (`$NS`, `$(date)`). */
  value: string;
  /** For each character of `value`, its offset in the parsed text; one more entry for the end. */
  offsets: number[];
  /** False when an expansion makes the value unknown until it runs. */
  literal: boolean;
  /** Ranges of `value` that come from expansions. */
  dynamic: [number, number][];
}

/** Children of a node, as nodes. */
export function childrenOf(tree: ShellTree, node: ShellNode): ShellNode[] {
  return node.children.map((index) => tree.nodes[index]);
}

/** Escapes of $'...' strings (bash's ANSI-C quoting). */
const ANSI: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

/** The value of a Word node. */
export function wordValue(tree: ShellTree, word: ShellNode): WordValue {
  // Built from pieces (joined once) and offset runs: thousands of words per project, most of them plain runs.
  const pieces: string[] = [];
  const offsets: number[] = [];
  const dynamic: [number, number][] = [];
  let literalValue = true;
  let length = 0;
  const text = tree.text;
  const push = (chars: string, at: number) => {
    for (let i = 0; i < chars.length; i++) offsets.push(at);
    pieces.push(chars);
    length += chars.length;
  };
  const run = (from: number, to: number) => {
    if (to <= from) return;
    for (let i = from; i < to; i++) offsets.push(i);
    pieces.push(text.slice(from, to));
    length += to - from;
  };
  const raw = (node: ShellNode) => {
    const start = length;
    run(node.start, node.end);
    dynamic.push([start, length]);
    literalValue = false;
  };
  const literal = (node: ShellNode, quoted: boolean) => {
    // Inside "...", a backslash escapes only $ ` " \ and a newline; outside quotes it escapes any character.
    let from = node.start;
    for (let i = text.indexOf('\\', node.start); i !== -1 && i < node.end - 1; i = text.indexOf('\\', i)) {
      const next = text[i + 1];
      if (next === '\n') {
        run(from, i);
        from = i + 2;
        i += 2;
        continue;
      }
      if (!quoted || '$`"\\'.includes(next)) {
        run(from, i);
        push(next, i + 1);
        from = i + 2;
        i += 2;
        continue;
      }
      i += 2;
    }
    run(from, node.end);
  };
  const visit = (node: ShellNode, quoted: boolean) => {
    switch (node.kind) {
      case 'Lit':
        literal(node, quoted);
        return;
      case 'SglQuoted':
        if (node.extra.includes('dollar')) {
          for (let i = node.start + 2; i < node.end - 1; i++) {
            if (text[i] === '\\' && i + 1 < node.end - 1) {
              const next = text[i + 1];
              const hex = /^x([0-9A-Fa-f]{1,2})/.exec(text.slice(i + 1, i + 4));
              if (ANSI[next] !== undefined) {
                push(ANSI[next], i);
                i++;
              } else if (hex) {
                push(String.fromCharCode(parseInt(hex[1], 16)), i);
                i += hex[0].length;
              } else push(text[i], i);
            } else push(text[i], i);
          }
        } else run(node.start + 1, node.end - 1);
        return;
      case 'DblQuoted':
        for (const child of childrenOf(tree, node)) visit(child, true);
        return;
      default:
        raw(node);
    }
  };
  for (const part of childrenOf(tree, word)) visit(part, false);
  offsets.push(word.end);
  return { value: pieces.join(''), offsets, literal: literalValue, dynamic };
}

/**
 * The nodes from the root down to the smallest node that contains [start, end). Not a descent by first match:
 * a heredoc's Redirect spans the rest of its line, so it overlaps the commands piped after it.
 */
export function nodePath(tree: ShellTree, start: number, end: number): ShellNode[] {
  let best = tree.nodes[0];
  for (const node of tree.nodes) {
    if (node.start <= start && end <= node.end && node.end - node.start <= best.end - best.start) best = node;
  }
  const path: ShellNode[] = [];
  for (let node: ShellNode | undefined = best; node; node = node.parent >= 0 ? tree.nodes[node.parent] : undefined) path.unshift(node);
  return path;
}
