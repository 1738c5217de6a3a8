// Where a placeholder sits, as quoting sees it: the layers of syntax around it, outermost first (a shell
// string, then the SQL string literal inside it), or the reason no value can go there safely. Computed once
// by the core with the model and stored in the registry; the runner and the page only apply it. Pure data.

export type Layer =
  /** An unquoted part of a shell word. `start`: the value begins the word (a leading `-` would be an option). */
  | { kind: 'shell-word'; start?: true }
  /** Inside "..." (or $"..."). */
  | { kind: 'shell-double'; start?: true }
  /** Inside '...'. */
  | { kind: 'shell-single'; start?: true }
  /** Inside $'...'. */
  | { kind: 'shell-ansi'; start?: true }
  /** The body of a heredoc; `expands`: the delimiter is unquoted, so `$`, `` ` `` and `\` are special. */
  | { kind: 'heredoc'; expands: boolean }
  /** A comment: nothing runs it. */
  | { kind: 'comment'; block?: true }
  /** A SQL '...' literal; `escapes`: E'...' (or MySQL), where a backslash escapes. */
  | { kind: 'sql-string'; escapes: boolean }
  /** A SQL identifier: inside "..." (`quoted`), or a bare name that becomes "..." */
  | { kind: 'sql-identifier'; quoted: boolean }
  /** A bare SQL value: becomes a '...' literal (a number stays bare for numeric variables). */
  | { kind: 'sql-value' }
  /** A PromQL string literal. */
  | { kind: 'promql-string'; quote: '"' | "'" | '`' }
  /** A bare PromQL label value (`{pod=<pod>}`): becomes a "..." string. */
  | { kind: 'promql-label-value' }
  /** The query string or the path of a URL: percent-encoded. */
  | { kind: 'url-query' }
  | { kind: 'url-path' }
  /** The value of an awk variable assignment (`awk -v name=<v>`, a `name=<v>` operand): awk reads `\` escapes in it. */
  | { kind: 'awk-string' }
  /** A JSON string literal, or a bare JSON value (a number for numeric variables, else a string). */
  | { kind: 'json-string' }
  | { kind: 'json-value' }
  /** Only a plain value of this class can go here (`where` says why). */
  | { kind: 'token'; accepts: TokenClass; where: string };

export type TokenClass = 'integer' | 'number' | 'duration' | 'name' | 'word' | 'sql-name' | 'hex';

export interface PlaceholderContext {
  /** Outermost first. */
  layers: Layer[];
  /** Set when no value can be put here safely: why, and how to write the command instead. */
  refused?: { reason: string; fix: string };
}

/** One line for people: "a SQL string inside a shell "..." string". */
export function describeContext(context: PlaceholderContext): string {
  if (context.refused) return `refused: ${context.refused.reason}`;
  return [...context.layers].reverse().map(describeLayer).join(' inside ');
}

export function describeLayer(layer: Layer): string {
  switch (layer.kind) {
    case 'shell-word':
      return 'a shell word';
    case 'shell-double':
      return 'a shell "..." string';
    case 'shell-single':
      return "a shell '...' string";
    case 'shell-ansi':
      return "a shell $'...' string";
    case 'heredoc':
      return layer.expands ? 'a heredoc body (expanding)' : 'a heredoc body';
    case 'comment':
      return 'a comment';
    case 'sql-string':
      return layer.escapes ? "a SQL E'...' string" : "a SQL '...' string";
    case 'sql-identifier':
      return 'a SQL identifier';
    case 'sql-value':
      return 'a SQL value';
    case 'promql-string':
      return 'a PromQL string';
    case 'promql-label-value':
      return 'a PromQL label value';
    case 'url-query':
      return 'a URL query';
    case 'url-path':
      return 'a URL path';
    case 'awk-string':
      return 'an awk variable assignment';
    case 'json-string':
      return 'a JSON string';
    case 'json-value':
      return 'a JSON value';
    case 'token':
      return `${layer.where} (${layer.accepts} only)`;
  }
}

/** A short stable name of a context, for tables and the registry reference: `shell-double>sql-string`. */
export function contextName(context: PlaceholderContext): string {
  if (context.refused) return 'refused';
  return context.layers.map((layer) => layer.kind).join('>');
}
