// A runbook file's frontmatter only, as a model without a body: for the tools that need ids, aliases,
// alerts and variables of many runbooks and nothing of their commands (`runbook alerts`). It loads
// neither the MDX parser nor the analysis core, and reads a file ~10× faster than a full parse.
import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import { parseFrontmatter } from '../frontmatter.ts';
import { LineIndex } from '../problem.ts';
import type { Runbook } from './types.ts';

/** The runbook in `source` with its frontmatter validated and no sections, steps or blocks. Not memoised. */
export function parseRunbookFrontmatter(file: string, source: string): Runbook {
  const lines = new LineIndex(source);
  const frontmatter = parseFrontmatter(file, source, lines);
  const data = frontmatter.data;
  const meta = data?.runbook;
  const rawTitle = (frontmatter.raw as { title?: unknown } | undefined)?.title;
  const id = meta?.id ?? basename(file, extname(file));
  const title = data?.title ?? (typeof rawTitle === 'string' ? rawTitle : id);
  const hash = createHash('sha256').update(source).digest('hex');
  return {
    file,
    hash,
    source,
    frontmatter,
    ...(data ? { data } : {}),
    ...(meta ? { meta } : {}),
    id,
    title,
    sections: [],
    steps: [],
    alternatives: [],
    alternativeIssues: [],
    blocks: [],
    links: [],
    anchors: [],
    unsafeMdx: [],
    problems: [...frontmatter.problems],
  };
}
