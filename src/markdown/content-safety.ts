// The site's half of mdx/safety: a satteri plugin, first in the Markdown and MDX pipelines, that runs
// the model's check (src/lib/model/mdx-safety.ts) on the very tree a page is compiled from, and
// throws with file:line:column and the fix. A page that would run code never becomes a module, so
// nothing in it runs — not in `astro build`, not in `astro dev`.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Nodes } from 'mdast';
import type { MdastPluginDefinition, MdastPluginEntry, MdastVisitorContext } from 'satteri';
import { CHECKED_NODE_TYPES, checkNode, type UnsafeConstruct } from '../lib/model/mdx-safety.ts';
import { LineIndex } from '../lib/problem.ts';

/** Thrown for a page that fails the check; Astro shows `line` and `column` as the error's location. */
export class UnsafeContentError extends Error {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  constructor(file: string, line: number, column: number, message: string) {
    super(message);
    this.name = 'UnsafeContentError';
    this.file = file;
    this.line = line;
    this.column = column;
  }
}

/**
 * Where the compiled text starts in the file. Astro hands MDX over with the frontmatter blanked
 * (same offsets), but a Markdown page's body alone: find it in the file to count its lines.
 */
function lineOffset(path: string | undefined, source: string): number {
  if (!path) return 0;
  try {
    const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
    const at = text.indexOf(source);
    return at > 0 ? text.slice(0, at).split('\n').length - 1 : 0;
  } catch {
    return 0;
  }
}

export function unsafeContentError(path: string | undefined, source: string, found: UnsafeConstruct[], root = process.cwd()): UnsafeContentError {
  const file = path ? relative(root, path) : '(page)';
  const lines = new LineIndex(source);
  const shift = lineOffset(path, source);
  const places = found.map((unsafe) => {
    const point = lines.point(unsafe.start);
    return { line: point.line + shift, column: point.column, unsafe };
  });
  const list = places.map(({ line, column, unsafe }) => `${file}:${line}:${column}  ${unsafe.message}\n    fix: ${unsafe.hint}`).join('\n');
  const [first] = places;
  const message = `${found.length === 1 ? 'This page holds code' : `This page holds ${found.length} constructs`} that a runbook page may not run (mdx/safety):\n${list}\nThe page was not compiled, so none of it ran. \`npx runbook lint ${file}\` shows each with its context.`;
  return new UnsafeContentError(file, first.line, first.column, message);
}

/**
 * The plugin; put it before every other, so it sees the page as written. It visits only the node
 * types that can hold a refused construct (the parser dispatches them; the rest of the tree is never
 * brought into JavaScript), checks each with the model's own function, and throws once it has seen
 * the whole page, so the error lists every construct.
 */
function contentSafetyPlugin(): MdastPluginDefinition {
  let found: UnsafeConstruct[] = [];
  const visit = (node: unknown, context: MdastVisitorContext) => {
    found.push(...checkNode(node as Nodes, context.source, context.sourceFormat === 'mdx' ? 'mdx' : 'markdown'));
  };
  return {
    name: 'runbooks-content-safety',
    options: { position: true },
    before() {
      found = [];
    },
    ...Object.fromEntries(CHECKED_NODE_TYPES.map((type) => [type, visit])),
    after(_root, context) {
      if (!found.length) return;
      const unsafe = found.sort((a, b) => a.start - b.start);
      found = [];
      throw unsafeContentError(context.fileURL ? fileURLToPath(context.fileURL) : undefined, context.source, unsafe);
    },
  };
}

/** The plugin entry for a processor's `mdastPlugins`: a factory, so each page gets its own (no state shared between pages compiled at once). */
export const contentSafety: MdastPluginEntry = () => contentSafetyPlugin();
