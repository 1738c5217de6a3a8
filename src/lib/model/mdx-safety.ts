// What a page may contain, since MDX is code: an expression, an `export` or an attribute
// `{...}` runs at build time with the builder's permissions, and raw HTML (a <script>, an `onerror`,
// a `javascript:` link) runs in every reader's browser. Only literal content and the allowlisted
// components pass. One check, on the syntax tree, used twice: by the model (so `runbook lint` reports
// each construct at its place) and by the site's Markdown pipeline (src/markdown/content-safety.ts),
// which stops the build before a page's module exists. Pure: no Astro, no file system.
import type { Nodes, Root } from 'mdast';
import { htmlToHast } from 'satteri';
import { refusedUrlScheme } from '../text/url-scheme.ts';

/** Components a page may use (Starlight's); nothing else may be imported. */
export const ALLOWED_COMPONENTS: readonly string[] = ['Aside', 'Steps', 'Tabs', 'TabItem', 'Badge', 'Card', 'CardGrid', 'LinkCard', 'Kbd'];
export const COMPONENTS_MODULE = '@astrojs/starlight/components';

/** `.mdx` pages are MDX; `.md` pages are Markdown, where HTML is raw HTML and `{` is text. */
export type SourceFormat = 'mdx' | 'markdown';

/** One refused construct, by offsets into the source. */
export interface UnsafeConstruct {
  start: number;
  end: number;
  message: string;
  hint: string;
}

/** Elements that run or load code, or change how the rest of the page is parsed. */
const REFUSED_ELEMENTS: Record<string, string> = {
  script: 'Put commands in a fenced code block; a page runs no scripts of its own.',
  style: 'Styles belong in the site (src/styles), not in a page.',
  iframe: 'Link to the page instead: [title](https://...).',
  frame: 'Link to the page instead: [title](https://...).',
  frameset: 'Link to the page instead: [title](https://...).',
  object: 'Link to the file instead: [title](https://...).',
  embed: 'Link to the file instead: [title](https://...).',
  applet: 'Link to the file instead: [title](https://...).',
  portal: 'Link to the page instead: [title](https://...).',
  base: 'Remove it: it changes where every link of the page points.',
  link: 'Remove it: the site loads its own styles and scripts.',
  meta: 'Remove it: the site writes the page head.',
  noscript: 'Remove it; write the text itself.',
  noembed: 'Remove it; write the text itself.',
  noframes: 'Remove it; write the text itself.',
  template: 'Remove it; write the content itself.',
  xmp: 'Use a fenced code block.',
  plaintext: 'Use a fenced code block.',
  svg: 'Save the drawing as a file and show it as an image: ![what it shows](./drawing.svg).',
  math: 'Write the formula as text or show it as an image.',
};

/** Attributes whose value is a URL the browser follows or loads (lower case, hast names without the colon). */
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'srcset',
  'action',
  'formaction',
  'xlinkhref',
  'xlink:href',
  'poster',
  'background',
  'cite',
  'data',
  'codebase',
  'archive',
  'longdesc',
  'lowsrc',
  'dynsrc',
  'ping',
  'manifest',
  'icon',
  'usemap',
]);

const URL_HINT = 'Link to an http(s) address or a page of the site; show an image by its file or http(s) address.';
const LITERAL_HINT = 'Write the value as literal text in quotes: name="value".';

const IMPORT_STATEMENT = new RegExp(`^import\\s*\\{([^}]*)\\}\\s*from\\s*(['"])${COMPONENTS_MODULE.replace(/[/.]/g, '\\$&')}\\2\\s*;?\\s*$`);
/** An MDX comment `{/* ... *\/}` or nothing at all: nothing runs. */
const ONLY_COMMENTS = /^\s*(?:\/\*(?:[^*]|\*(?!\/))*\*\/\s*)*$/;

const excerpt = (text: string, max = 60) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** The node types that can hold a refused construct: the site's pipeline visits only these. */
export const CHECKED_NODE_TYPES = [
  'mdxjsEsm',
  'mdxFlowExpression',
  'mdxTextExpression',
  'mdxJsxFlowElement',
  'mdxJsxTextElement',
  'html',
  'link',
  'image',
  'definition',
] as const;

/** The refused constructs of a page's syntax tree (satteri's mdast), in document order. */
export function findUnsafeConstructs(tree: Root, source: string, format: SourceFormat): UnsafeConstruct[] {
  const found: UnsafeConstruct[] = [];
  const walk = (node: Nodes) => {
    found.push(...checkNode(node, source, format));
    if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'yaml') return;
    if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(tree);
  return found;
}

/** The refused constructs of one node itself (not of its children). */
export function checkNode(node: Nodes, source: string, format: SourceFormat): UnsafeConstruct[] {
  const found: UnsafeConstruct[] = [];
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? start;
  const report = (message: string, hint: string, at: [number, number] = [start, end]) => found.push({ start: at[0], end: at[1], message, hint });
  switch (node.type) {
    case 'mdxjsEsm':
      for (const statement of esmStatements(node.value, source, start)) {
        const problem = esmProblem(statement.text);
        if (problem)
          report(problem, `Only \`import { ${ALLOWED_COMPONENTS.slice(0, 2).join(', ')}, ... } from '${COMPONENTS_MODULE}'\` is allowed.`, [
            statement.start,
            statement.end,
          ]);
      }
      break;
    case 'mdxFlowExpression':
    case 'mdxTextExpression':
      if (!ONLY_COMMENTS.test(node.value)) {
        report(
          `JavaScript expression {${excerpt(node.value, 40)}}: MDX runs it when the site is built`,
          'Write the text itself, or escape the brace as \\{ (an MDX comment {/* ... */} is fine).',
        );
      }
      break;
    case 'mdxJsxFlowElement':
    case 'mdxJsxTextElement':
      checkJsxElement(node, source, start, end, report);
      break;
    case 'html':
      if (format === 'markdown') checkRawHtml(node.value, report);
      break;
    case 'link':
    case 'image':
    case 'definition': {
      const scheme = refusedUrlScheme(node.url);
      if (scheme) {
        const what = node.type === 'image' ? 'an image' : node.type === 'link' ? 'a link' : 'a link definition';
        report(`${scheme}: URL in ${what} (${excerpt(node.url, 40)}): it can run script in the reader's browser`, URL_HINT);
      }
      break;
    }
  }
  return found;
}

type Reporter = (message: string, hint: string, at?: [number, number]) => void;

function esmProblem(statement: string): string | undefined {
  const match = IMPORT_STATEMENT.exec(statement.trim());
  if (!match) return `Not allowed in a page: \`${excerpt(statement)}\` (MDX runs imports and exports when the site is built)`;
  const names = match[1]
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const refused = names.filter((name) => !ALLOWED_COMPONENTS.includes(name));
  if (refused.length) return `Not allowed in a page: importing ${refused.join(', ')} (allowed: ${ALLOWED_COMPONENTS.join(', ')})`;
  return undefined;
}

/** The statements of an ESM block (each starts on a line with `import` or `export`), with offsets. */
function esmStatements(value: string, source: string, start: number): { text: string; start: number; end: number }[] {
  const base = source.startsWith(value, start) ? start : undefined;
  const starts = [...value.matchAll(/^[ \t]*(?:import|export)\b/gm)].map((match) => match.index);
  if (!starts.length || starts[0] !== 0) starts.unshift(0);
  return starts.map((from, index) => {
    const text = value.slice(from, starts[index + 1] ?? value.length).trimEnd();
    const offset = base === undefined ? start : base + from;
    return { text, start: offset, end: base === undefined ? start + value.length : offset + text.length };
  });
}

type JsxElement = Extract<Nodes, { type: 'mdxJsxFlowElement' | 'mdxJsxTextElement' }>;

function checkJsxElement(node: JsxElement, source: string, start: number, end: number, report: Reporter): void {
  const name = node.name;
  const { spans, tagEnd } = openingTag(source, start, end);
  const tag: [number, number] = [start, tagEnd];
  if (name) {
    if (/[.:]/.test(name)) {
      report(
        `<${name}>: a member or namespaced component is JavaScript that runs when the site is built`,
        `Use one of the allowed components: ${ALLOWED_COMPONENTS.join(', ')}.`,
        tag,
      );
    } else if (/^[A-Z]/.test(name)) {
      if (!ALLOWED_COMPONENTS.includes(name))
        report(
          `Component <${name}> is not on the allowlist (${ALLOWED_COMPONENTS.join(', ')})`,
          `Use one of the allowed components, imported from '${COMPONENTS_MODULE}'.`,
          tag,
        );
    } else if (Object.hasOwn(REFUSED_ELEMENTS, name.toLowerCase())) {
      report(`<${name}> element in a page: it can run or load code in the reader's browser`, REFUSED_ELEMENTS[name.toLowerCase()], tag);
    }
  }
  const spanOf = (index: number): [number, number] => (spans.length === node.attributes.length ? spans[index] : tag);
  const element = name ? `<${name}>` : 'a fragment';
  node.attributes.forEach((attribute, index) => {
    if (attribute.type === 'mdxJsxExpressionAttribute') {
      report(
        `Spread attribute {${excerpt(attribute.value, 40)}} on ${element}: MDX runs it when the site is built`,
        'Write each attribute with a literal value: name="value".',
        spanOf(index),
      );
      return;
    }
    const attributeName = attribute.name;
    const value = attribute.value;
    if (value !== null && value !== undefined && typeof value === 'object') {
      report(
        `Attribute expression ${attributeName}={${excerpt(value.value, 40)}} on ${element}: MDX runs it when the site is built`,
        LITERAL_HINT,
        spanOf(index),
      );
      return;
    }
    const problem = attributeProblem(attributeName, typeof value === 'string' ? value : undefined, element, 'mdx');
    if (problem) report(problem.message, problem.hint, spanOf(index));
  });
}

function attributeProblem(name: string, value: string | undefined, element: string, format: SourceFormat): { message: string; hint: string } | undefined {
  const lower = name.toLowerCase();
  if (/^on./.test(lower))
    return {
      message: `Event handler attribute ${name} on ${element}: it runs script in the reader's browser`,
      hint: 'Remove the attribute; a page runs no scripts of its own.',
    };
  // Astro reads `set:html`, `is:raw`, `client:load`, ... on elements of an MDX page: `set:html` writes raw HTML.
  if (format === 'mdx' && lower.includes(':') && lower !== 'xlink:href')
    return {
      message: `Directive ${name} on ${element}: Astro directives inject raw HTML or load code`,
      hint: 'Remove the directive; write the content itself.',
    };
  if (value === undefined || !URL_ATTRIBUTES.has(lower)) return undefined;
  const urls = lower === 'srcset' ? value.split(',').map((candidate) => candidate.trim().split(/\s+/)[0] ?? '') : [value];
  const scheme = urls.map(refusedUrlScheme).find(Boolean);
  if (scheme) return { message: `${scheme}: URL in ${name} on ${element} (${excerpt(value, 40)}): it can run script in the reader's browser`, hint: URL_HINT };
  return undefined;
}

/**
 * Offsets of each attribute of the JSX opening tag at `start`, in order (the syntax tree keeps none),
 * and where the tag ends. A small reader of the tag: names, `=`, quoted values, `{...}` values and
 * spreads with nested braces and strings. When it cannot read the tag, it returns fewer spans and
 * the caller points at the whole tag.
 */
export function openingTag(source: string, start: number, end: number): { spans: [number, number][]; tagEnd: number } {
  const spans: [number, number][] = [];
  let i = start + 1;
  const skipSpace = () => {
    while (i < end && /\s/.test(source[i])) i++;
  };
  const skipBraces = () => {
    let depth = 0;
    while (i < end) {
      const c = source[i];
      if (c === '"' || c === "'" || c === '`') {
        const close = source.indexOf(c, i + 1);
        i = close === -1 ? end : close + 1;
        continue;
      }
      if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        i++;
        return;
      }
      i++;
    }
  };
  skipSpace();
  while (i < end && !/[\s/>{]/.test(source[i])) i++; // the element name
  for (;;) {
    skipSpace();
    if (i >= end) return { spans, tagEnd: end };
    if (source[i] === '>') return { spans, tagEnd: i + 1 };
    if (source.startsWith('/>', i)) return { spans, tagEnd: i + 2 };
    const from = i;
    if (source[i] === '{') {
      skipBraces();
      spans.push([from, i]);
      continue;
    }
    while (i < end && !/[\s=/>{"']/.test(source[i])) i++;
    if (i === from) return { spans, tagEnd: end }; // not a tag we can read
    let to = i;
    skipSpace();
    if (source[i] === '=') {
      i++;
      skipSpace();
      if (source[i] === '"' || source[i] === "'") {
        const close = source.indexOf(source[i], i + 1);
        i = close === -1 ? end : close + 1;
      } else if (source[i] === '{') skipBraces();
      to = i;
    } else i = to;
    spans.push([from, to]);
  }
}

/** Raw HTML of a Markdown page, read as a browser reads it. */
function checkRawHtml(html: string, report: Reporter): void {
  let tree;
  try {
    tree = htmlToHast(html, { fragment: true });
  } catch {
    return;
  }
  const visit = (node: { type: string; tagName?: string; properties?: Record<string, unknown>; children?: unknown[] }) => {
    if (node.type === 'element' && node.tagName) {
      const tagName = node.tagName.toLowerCase();
      const element = `<${tagName}>`;
      if (Object.hasOwn(REFUSED_ELEMENTS, tagName))
        report(`${element} element in a page: it can run or load code in the reader's browser`, REFUSED_ELEMENTS[tagName]);
      for (const [name, value] of Object.entries(node.properties ?? {})) {
        const text = Array.isArray(value) ? value.join(', ') : typeof value === 'string' ? value : undefined;
        const problem = attributeProblem(name, text, element, 'markdown');
        if (problem) report(problem.message, problem.hint);
      }
    }
    for (const child of node.children ?? []) visit(child as typeof node);
  };
  visit(tree as unknown as Parameters<typeof visit>[0]);
}
