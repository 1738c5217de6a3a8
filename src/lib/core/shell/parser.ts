// The shell parser: mvdan/sh (the parser of shfmt) in WebAssembly, with its whole syntax tree
// (tools/shell-parser builds it, as the package @runbooks/shell-parser; sh-syntax, the npm build of the same parser, exports only the top-level
// statements). Loaded once per process by `loadShellParser()`; after that, parsing is synchronous.
import { startShellParser } from '@runbooks/shell-parser';
import { byteToCharOffsets } from '../text-offsets.ts';
import { withBaselineWasm } from '../wasm-tiering.ts';

/** One node of a parsed shell text. Offsets are UTF-16 offsets into the text that was parsed. */
export interface ShellNode {
  index: number;
  kind: ShellNodeKind;
  start: number;
  end: number;
  /** Index of the parent node, -1 for the File. */
  parent: number;
  /** The field of the parent this node fills (`arg`, `hdoc`, `x`, ...). */
  role: string;
  /** Operator (`|`, `&&`, `<<`, `-gt`), DeclClause variant, or flags (`short`, `dollar`, `backquotes`). */
  extra: string;
  children: number[];
}

export type ShellNodeKind =
  | 'File'
  | 'Stmt'
  | 'Comment'
  | 'CallExpr'
  | 'Assign'
  | 'Redirect'
  | 'Word'
  | 'Lit'
  | 'SglQuoted'
  | 'DblQuoted'
  | 'ParamExp'
  | 'CmdSubst'
  | 'ArithmExp'
  | 'ProcSubst'
  | 'ExtGlob'
  | 'BraceExp'
  | 'BinaryCmd'
  | 'Subshell'
  | 'Block'
  | 'IfClause'
  | 'WhileClause'
  | 'ForClause'
  | 'WordIter'
  | 'CStyleLoop'
  | 'CaseClause'
  | 'CaseItem'
  | 'FuncDecl'
  | 'ArithmCmd'
  | 'BinaryArithm'
  | 'UnaryArithm'
  | 'ParenArithm'
  | 'TestClause'
  | 'BinaryTest'
  | 'UnaryTest'
  | 'ParenTest'
  | 'DeclClause'
  | 'ArrayExpr'
  | 'ArrayElem'
  | 'LetClause'
  | 'TimeClause'
  | 'CoprocClause'
  | 'TestDecl';

export interface ShellTree {
  text: string;
  nodes: ShellNode[];
}

export interface ShellSyntaxError {
  /** UTF-16 offset into the text. */
  offset: number;
  /** mvdan/sh's message, e.g. "reached EOF without closing quote `\"`". */
  message: string;
  /** The text ends before the command does (an open quote, heredoc, `\`, `|`): a shell would ask for more. */
  incomplete: boolean;
}

export type ShellParse = { tree: ShellTree; error?: undefined } | { tree?: undefined; error: ShellSyntaxError };

interface ParserApi {
  kinds: ShellNodeKind[];
  roles: string[];
  parse(texts: string[], variant: string): string;
}

type RawResult = { n: number[]; s: string[] } | { e: [number, number, number, string, boolean] };

let api: ParserApi | undefined;
let loading: Promise<void> | undefined;

/** Loads the WebAssembly parser (once per process; later calls return at once). */
export function loadShellParser(): Promise<void> {
  loading ??= (async () => {
    api = (await startShellParser()) as ParserApi;
  })();
  return loading;
}

export function shellParserLoaded(): boolean {
  return api !== undefined;
}

const cache = new Map<string, ShellParse>();
const CACHE_LIMIT = 20_000;
/** Texts parsed with the baseline compiler only (see wasm-tiering.ts); measured: 300 texts 0.5 → 0.2 s CPU, 3,000 even. */
const BASELINE_TEXTS = 3_000;
let parsedTexts = 0;

/**
 * Parses shell texts as bash (one WebAssembly call for all of them; a text parsed before comes from the
 * cache). `loadShellParser()` must have been awaited.
 */
export function parseShell(texts: readonly string[]): ShellParse[] {
  if (!api) throw new Error('The shell parser is not loaded: await loadShellParser() (or loadCore()) first');
  const pending = [...new Set(texts.filter((text) => !cache.has(text)))];
  if (pending.length) {
    // A process that parses a few thousand texts (a lint, the CLI) is done before TurboFan's compile of the Go
    // runtime would pay back; a longer one (a large site build) gets the optimized code after that.
    const parse = () => api!.parse(pending, 'bash');
    const raw = JSON.parse(parsedTexts < BASELINE_TEXTS ? withBaselineWasm(parse) : parse()) as RawResult[];
    parsedTexts += pending.length;
    if (cache.size + pending.length > CACHE_LIMIT) cache.clear();
    pending.forEach((text, index) => cache.set(text, decode(text, raw[index], api!)));
  }
  return texts.map((text) => cache.get(text)!);
}

export function parseShellText(text: string): ShellParse {
  return parseShell([text])[0];
}

function decode(text: string, raw: RawResult, parser: ParserApi): ShellParse {
  const toChar = byteToCharOffsets(text);
  if ('e' in raw) {
    const [offset, , , message, incomplete] = raw.e;
    return { error: { offset: Math.min(toChar(offset), text.length), message, incomplete } };
  }
  const nodes: ShellNode[] = [];
  const n = raw.n;
  for (let i = 0; i < n.length; i += 6) {
    const index = i / 6;
    const parent = n[i + 3];
    nodes.push({
      index,
      kind: parser.kinds[n[i]],
      start: toChar(n[i + 1]),
      end: toChar(n[i + 2]),
      parent,
      role: parser.roles[n[i + 4]],
      extra: n[i + 5] >= 0 ? raw.s[n[i + 5]] : '',
      children: [],
    });
    if (parent >= 0) nodes[parent].children.push(index);
  }
  return { tree: { text, nodes } };
}
