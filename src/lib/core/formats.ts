// Placeholders in the data formats commands carry: the query or path of a URL, a JSON document
// (`kubectl patch -p '{...}'`, `curl -d '{...}'`). Read with jsonc-parser's scanner and the URL's own delimiters.
import { createScanner } from 'jsonc-parser';
import type { Layer } from './context.ts';

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
