// Markdown from the source, made safe for MDX: `<` and `{` outside code would start JSX or an
// expression, so they are escaped (placeholders such as <pod-name> are put in backticks instead);
// links to other parts of the document are rewritten; nested code blocks are re-rendered.
import { markdownToMdast } from 'satteri';
import type { Code, Definition, Image, Link, Nodes, Root } from 'mdast';
import { convertHtml, isHtmlElement, isUnsafeUrl, newHtmlState, type HtmlState } from './html.ts';
import { endOf, startOf, walk } from './markdown.ts';

/** See RenderHooks.rewriteImage. */
export type ImageRewriter = (url: string, line: number) => string | null | undefined;

export interface Edit {
  start: number;
  end: number;
  text: string;
}

export interface RenderHooks {
  /** A new URL for a link (an anchor of the source document), or undefined to keep it; `line` is the link's line. */
  rewriteUrl?: (url: string, line: number) => string | undefined;
  /** Markdown for a code block found inside other content (a list item); `indent` is its column - 1. */
  renderCode?: (node: Code) => string;
  /** Raw HTML conversion state, shared by the nodes of one file (its notes go to the report). */
  html?: HtmlState;
  /** A new URL for an image (a copy of the source's file), undefined to keep it, null to leave it out (its file is missing). */
  rewriteImage?: ImageRewriter;
}

/** Replaces the first occurrence of `url` after `from` inside [start, end) of the source. */
function urlEdit(source: string, url: string, from: number, end: number, text: string): Edit | undefined {
  const at = source.indexOf(url, from);
  return at !== -1 && at < end ? { start: at, end: at + url.length, text } : undefined;
}

const PLACEHOLDER_HTML = /^<([A-Za-z][A-Za-z0-9_-]*)>$/;

/** Escapes `<`, `{` and `}` in a stretch of Markdown text that is not code (an existing `\x` escape is kept). */
export function escapeMdxChars(text: string, atLineStart = false): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\\' && i + 1 < text.length) {
      out += char + text[i + 1];
      i++;
    } else if (char === '<') out += '&lt;';
    else if (char === '{' || char === '}') out += `\\${char}`;
    else out += char;
  }
  // `import`/`export` at the start of a paragraph line would be read as JavaScript (ESM) by MDX.
  return out.replace(
    atLineStart ? /(^|\n)(\s*)(import|export)(\s)/g : /(\n)(\s*)(import|export)(\s)/g,
    (_m, nl, space, word, after) => `${nl}${space}&#${word.charCodeAt(0)};${word.slice(1)}${after}`,
  );
}

/**
 * Escapes plain text (from a code block that held prose, or a heading) for Markdown and MDX, so it
 * renders as the same characters.
 */
export function escapePlain(text: string): string {
  let out = text.replace(/[\\`*[\]~|]/g, (char) => `\\${char}`);
  out = out.replace(/(^|[^\p{L}\p{N}])_|_(?=[^\p{L}\p{N}]|$)/gu, (match) => match.replace('_', '\\_'));
  out = out.replace(/&(?=#?\w+;)/g, '&amp;');
  out = escapeMdxChars(out, true);
  // A line that starts like a heading, quote or list marker would become one.
  return out
    .split('\n')
    .map((line) => {
      const match = /^(\s*)(#+|>|[+-]|\d+[.)])(\s|$)/.exec(line);
      if (!match) return line;
      const [whole, space, marker, after] = match;
      const escaped = /^\d/.test(marker) ? marker.replace(/([.)])$/, '\\$1') : `\\${marker}`;
      return space + escaped + after + line.slice(whole.length);
    })
    .join('\n');
}

/** Inline code for a command in prose (`` `cmd` ``, or with double backticks when the command has one). */
export function inlineCode(text: string): string {
  if (!text.includes('`')) return `\`${text}\``;
  return `\`\` ${text} \`\``;
}

/** The edits that make the Markdown of `node` (a part of `source`) safe for MDX. */
function editsFor(source: string, node: Nodes, hooks: RenderHooks, skipRoot: boolean): Edit[] {
  const edits: Edit[] = [];
  const html = hooks.html ?? newHtmlState();
  const covered: [number, number][] = [];
  const inside = (offset: number) => covered.some(([start, end]) => offset >= start && offset < end);
  walk(node, (child, parent) => {
    if (skipRoot && child === node) return;
    const start = startOf(child);
    const end = endOf(child);
    if (inside(start)) return;
    switch (child.type) {
      case 'code':
        if (hooks.renderCode) {
          const column = child.position?.start.column ?? 1;
          const rendered = hooks
            .renderCode(child)
            .split('\n')
            .map((line, index) => (index === 0 || !line ? line : ' '.repeat(column - 1) + line))
            .join('\n');
          edits.push({ start, end, text: rendered });
        }
        covered.push([start, end]);
        break;
      case 'inlineCode':
        covered.push([start, end]);
        break;
      case 'html': {
        const raw = source.slice(start, end);
        const placeholder = PLACEHOLDER_HTML.exec(raw);
        // `<pod-name>` is a value to fill in, written as a tag; real HTML is converted (html.ts).
        const block = !parent || !['paragraph', 'heading', 'tableCell', 'emphasis', 'strong', 'delete', 'link', 'linkReference'].includes(parent.type);
        // Glued to a word or URL (`https://gitlab.com/<user>.keys`), backticks would be read as part of it: escape instead.
        const glued = start > 0 && /[^\s(["'*_]/.test(source[start - 1]);
        const text =
          placeholder && !isHtmlElement(placeholder[1].toLowerCase())
            ? glued
              ? escapeMdxChars(raw)
              : inlineCode(raw)
            : convertHtml(raw, html, (chunk) => escapeMdxChars(chunk), block);
        edits.push({ start, end, text });
        covered.push([start, end]);
        break;
      }
      case 'link': {
        const link = child as Link;
        const raw = source.slice(start, end);
        if (isUnsafeUrl(link.url)) {
          // A javascript:/data: link would run or smuggle code from the page: its text stays, the URL goes.
          html.notes.push(`a link to a ${link.url.trim().split(':')[0].toLowerCase()}: URL was left out (its text is kept)`);
          const edit = raw.startsWith('<')
            ? { start, end, text: escapeMdxChars(link.url.replace(/^[a-z]+:/i, '')) }
            : urlEdit(source, link.url, link.children.length ? endOf(link.children[link.children.length - 1] as Nodes) : start + 1, end, '#');
          if (edit) edits.push(edit);
          if (raw.startsWith('<')) covered.push([start, end]);
          break;
        }
        if (raw.startsWith('<')) {
          // An autolink (<https://...>) is a JSX tag to MDX.
          edits.push({ start, end, text: `[${link.url}](${link.url})` });
          covered.push([start, end]);
          break;
        }
        const url = hooks.rewriteUrl?.(link.url, link.position?.start.line ?? 1);
        if (url !== undefined) {
          const textEnd = link.children.length ? endOf(link.children[link.children.length - 1] as Nodes) : start + 1;
          const at = source.indexOf(link.url, textEnd);
          if (at !== -1 && at < end) edits.push({ start: at, end: at + link.url.length, text: url });
        }
        break;
      }
      case 'image': {
        const image = child as Image;
        if (isUnsafeUrl(image.url)) {
          html.notes.push(`an image with a ${image.url.trim().split(':')[0].toLowerCase()}: URL was left out`);
          edits.push({ start, end, text: image.alt ? escapeMdxChars(`(image: ${image.alt})`) : '' });
          covered.push([start, end]);
          break;
        }
        const url = hooks.rewriteImage?.(image.url, image.position?.start.line ?? 1);
        if (url === null) {
          // The site build imports a relative image: one that is missing would stop it.
          edits.push({ start, end, text: escapeMdxChars(`(image not found: ${image.alt || image.url})`) });
          covered.push([start, end]);
          break;
        }
        const edit = url === undefined ? undefined : urlEdit(source, image.url, start + 2 + (image.alt?.length ?? 0), end, url);
        if (edit) edits.push(edit);
        break;
      }
      case 'definition': {
        const definition = child as Definition;
        const url = isUnsafeUrl(definition.url) ? '#' : hooks.rewriteUrl?.(definition.url, definition.position?.start.line ?? 1);
        const edit = url === undefined ? undefined : urlEdit(source, definition.url, start + definition.label!.length, end, url);
        if (edit) edits.push(edit);
        covered.push([start, end]);
        break;
      }
      case 'text': {
        const raw = source.slice(start, end);
        if (html.code) break; // between <code> and </code>: code, shown as written
        const atLineStart = start === 0 || source[start - 1] === '\n';
        const escaped = escapeMdxChars(raw, atLineStart);
        if (escaped !== raw) edits.push({ start, end, text: escaped });
        break;
      }
    }
  });
  return edits;
}

function applyEdits(text: string, offset: number, edits: Edit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, edit.start - offset) + edit.text + out.slice(edit.end - offset);
  }
  return out;
}

/** Removes up to `count` leading spaces from every line but the first (the node's own indentation). */
function dedentContinuation(text: string, count: number): string {
  if (count <= 0) return text;
  const prefix = new RegExp(`^ {0,${count}}`);
  return text
    .split('\n')
    .map((line, index) => (index === 0 ? line : line.replace(prefix, '')))
    .join('\n');
}

/** The MDX-safe Markdown of one node of `source`, dedented to column 1. */
export function renderNode(source: string, node: Nodes, hooks: RenderHooks = {}): string {
  const start = startOf(node);
  const end = endOf(node);
  const text = applyEdits(source.slice(start, end), start, editsFor(source, node, hooks, false));
  return dedentContinuation(text, (node.position?.start.column ?? 1) - 1).replace(/[ \t]+$/gm, '');
}

/** The MDX-safe Markdown of the children of an inline container (a heading, a paragraph, a strong). */
export function renderInline(source: string, node: Nodes): string {
  if (!('children' in node) || !node.children.length) return '';
  const children = node.children as Nodes[];
  const start = startOf(children[0]);
  const end = endOf(children[children.length - 1]);
  return applyEdits(source.slice(start, end), start, editsFor(source, node, {}, true))
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

/** A fragment of Markdown (a label's value, a line), parsed on its own and made MDX-safe. */
export function renderMarkdown(markdown: string, hooks: RenderHooks = {}): string {
  const tree = markdownToMdast(markdown) as Root;
  return tree.children.map((node) => renderNode(markdown, node, hooks)).join('\n\n');
}
