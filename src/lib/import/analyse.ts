// One source read for import: its text decoded, its frontmatter mapped, its template syntax converted,
// its mojibake repaired, its service chosen and its layout classified.
import { basename, extname } from 'node:path';
import { ENCODING_NAMES, repairMojibakeReport } from '../text/mojibake.ts';
import { classify, type Layout } from './layout.ts';
import { parseSource, type SourceDoc } from './markdown.ts';
import type { SourceText } from './read-source.ts';
import { folderService, type ServiceChoice } from './services.ts';
import { mapSourceFrontmatter, splitSourceFrontmatter, type MappedFrontmatter } from './source-frontmatter.ts';
import { convertTemplates } from './templates.ts';
import type { Say, SourceOutcome } from './types.ts';
import type { SourceRef } from './walk.ts';

export interface BatchSource {
  ref: SourceRef;
  read: SourceText;
}

export const GENERIC_STEMS = /^(readme|index|_index|home|overview)$/i;

export interface Analysed {
  source: BatchSource;
  outcome: SourceOutcome;
  say: Say;
  service: ServiceChoice;
  frontmatter: MappedFrontmatter;
  /** The text after frontmatter and template conversion (mojibake not yet repaired). */
  text: string;
  doc: SourceDoc;
  damaged: Set<number>;
  layout: Layout;
  stem: string;
  /** Slug wanted for the file (single-file layouts). */
  slug?: string;
  /** Site URL of the output (for links from other sources). */
  url?: string;
}

/** Reads, maps and classifies one source; throws only on a bug (the caller skips the source then). */
export function analyse(source: BatchSource, options: { service?: string; verbatim?: boolean }, outcome: SourceOutcome): Analysed | undefined {
  const say: Say = (level, message, extra = {}) => outcome.report.push({ source: outcome.source, level, message, ...extra });
  if ('skipped' in source.read) {
    outcome.skipped = source.read.skipped;
    return undefined;
  }
  // How the file was read (another encoding) can change its text: a person checks it.
  for (const note of source.read.notes) say('todo', note);
  const text = source.read.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const split = splitSourceFrontmatter(text);
  if (split.error)
    say('todo', `the ${split.format} frontmatter could not be read (${split.error.message}); the page was imported without it`, { line: split.error.line });
  const frontmatter = mapSourceFrontmatter(split.data, split.format);
  if (frontmatter.mapped.length || frontmatter.left.length) {
    const left = frontmatter.left.length ? `; left out (no meaning here): ${frontmatter.left.join(', ')}` : '';
    say('info', `frontmatter (${frontmatter.dialect}): ${frontmatter.mapped.join(', ') || 'nothing used'}${left}`);
  }
  const service: ServiceChoice = options.service
    ? { id: options.service, from: '--service', provisional: false }
    : frontmatter.service
      ? { id: frontmatter.service, from: 'its frontmatter', provisional: false }
      : folderService(source.ref);
  const templates = convertTemplates(split.body);
  for (const note of templates.notes) say('info', note.message, { line: note.line });
  const stem = basename(source.ref.path, extname(source.ref.path));
  // Mojibake (UTF-8 read as Windows-1252 or Mac OS Roman) is repaired for reading the structure;
  // `--verbatim` copies the text as written.
  const repair = repairMojibakeReport(templates.text);
  const repaired = parseSource(outcome.source, repair.text);
  const doc = options.verbatim && repair.repairs.length ? parseSource(outcome.source, templates.text) : repaired;
  const layout = classify(repaired, stem);
  if (layout.kind !== 'collection' && repair.repairs.length && !options.verbatim) {
    const encodings = [...new Set(repair.repairs.map((fix) => ENCODING_NAMES[fix.encoding]))].join(' and ');
    say('info', `repaired ${repair.repairs.length} mojibake sequence(s) (UTF-8 read as ${encodings})`);
  }
  return { source, outcome, say, service, frontmatter, text: templates.text, doc, damaged: new Set(repair.damaged.map((damage) => damage.line)), layout, stem };
}

/** The title of a single-file source (frontmatter, else its first heading), for its file name. */
export function titleOf(item: Analysed): string | undefined {
  if (item.frontmatter.title) return item.frontmatter.title;
  const heading = item.doc.tree.children.find((node) => node.type === 'heading');
  return heading ? item.doc.text.slice(heading.position?.start.offset, heading.position?.end.offset).replace(/^#+\s*/, '') : undefined;
}
