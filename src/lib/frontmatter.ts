// Frontmatter of an MDX file: split it off, then parse and validate it with positions.
import type { z } from 'zod';
import { plainFrontmatterSchema, type Frontmatter } from '../schema/runbook.ts';
import { LineIndex, problemAt } from './problem.ts';
import { parseYamlData, yamlPositions, type Positions, type YamlData } from './yaml-data.ts';

export interface ParsedFrontmatter extends YamlData<Frontmatter> {
  /** Offsets of the YAML text inside the file (between the `---` lines); undefined without frontmatter. */
  yamlRange?: [number, number];
}

const FRONTMATTER = /^---[ \t]*\r?\n([\s\S]*?\r?\n)?---[ \t]*(?:\r?\n|$)/;

/** Parses and validates the frontmatter of `source`. */
export function parseFrontmatter(
  file: string,
  source: string,
  lines: LineIndex,
  schema: z.ZodType<Frontmatter> = plainFrontmatterSchema as unknown as z.ZodType<Frontmatter>,
): ParsedFrontmatter {
  const match = FRONTMATTER.exec(source);
  if (!match) {
    const firstLineEnd = source.indexOf('\n') === -1 ? source.length : source.indexOf('\n');
    return {
      raw: undefined,
      problems: [
        problemAt(file, lines.span(0, firstLineEnd), {
          rule: 'schema/frontmatter',
          message: 'Missing frontmatter: a page starts with a `---` block holding at least `title`',
          hint: 'Start the file with ---, the title (and for a runbook the runbook block), and a closing ---.',
        }),
      ],
    };
  }
  const yamlStart = match[0].indexOf('\n') + 1;
  const text = match[1] ?? '';
  const parsed = parseYamlData({
    file,
    lines,
    offset: yamlStart,
    text,
    schema,
    rule: 'schema/frontmatter',
    whole: lines.span(0, 3),
  });
  return { ...parsed, yamlRange: [yamlStart, yamlStart + text.length] };
}

const positionCache = new Map<string, Positions>();

/** Positions of the frontmatter keys and values of a file (computed on first use, cached by content). */
export function frontmatterPositions(source: string, parsed: ParsedFrontmatter, hash: string): Positions {
  if (!parsed.yamlRange) return { get: () => undefined };
  let positions = positionCache.get(hash);
  if (!positions) {
    const [start, end] = parsed.yamlRange;
    positions = yamlPositions(source.slice(start, end), start, new LineIndex(source));
    positionCache.set(hash, positions);
  }
  return positions;
}
