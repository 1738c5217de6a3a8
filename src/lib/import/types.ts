// Types shared by the importer's modules and its callers (the CLI command, the seed script).
import type { TodoField } from '../../schema/runbook.ts';
import type { Runbook } from '../model/types.ts';
import type { Problem } from '../problem.ts';
import type { ImageRewriter } from './mdx-text.ts';
import type { ReportItem } from './report.ts';
import type { RunbookSource } from './structure.ts';

export interface ImportOptions {
  /** Service id (kebab-case); runbook ids are prefixed with it. */
  service: string;
  /** Display name of the service (default: from the id). */
  serviceName?: string;
  /** URL of the folder the runbooks are written to (default `/runbooks/<service>/`). */
  runbookUrl?: string;
  /** URL of the folder the service pages are written to (default `/services/<service>/`). */
  pageUrl?: string;
  /**
   * Split the document and write the frontmatter, but copy the text as written: no mojibake repair,
   * no fence languages, no variables or env, no rewriting beyond what MDX needs (to review a document's defects).
   */
  verbatim?: boolean;
  /**
   * The service's provisional fields, listed in each runbook's `todo` (default: `escalation`, whose
   * contacts are placeholders, and `owner` when the document names no owning team).
   */
  serviceTodo?: TodoField[];
  /** The service is a guess (from a folder name): `service` is listed in each runbook's `todo`. */
  provisionalService?: boolean;
  /** Images: a copy's URL, or null to leave out one whose file is missing (see mdx-text.ts). */
  rewriteImage?: ImageRewriter;
  /** A relative link to another file: the URL of its imported page, or undefined (the caller reports it). */
  rewriteLink?: (url: string, line: number) => string | undefined;
}

export interface ImportInput {
  /** Name of the source, as shown in messages. */
  file: string;
  text: string;
}

export interface OutputFile {
  /** File name inside its folder (`latency-breach.mdx`). */
  name: string;
  content: string;
  title: string;
  /** Line of the source heading it came from. */
  line: number;
  /** MDX and frontmatter problems of the file as the model reads it (an importer bug when not empty). */
  problems: Problem[];
}

export interface ImportedRunbook extends OutputFile {
  id: string;
  /** The generated file read back by the model (its `problems` should be empty). */
  model: Runbook;
}

/** A runbook of the source with the name and address it will have. */
export interface PlannedRunbook {
  source: RunbookSource;
  slug: string;
  id: string;
  url: string;
}

/** Adds an item to the report of the document being imported. */
export type Say = (level: ReportItem['level'], message: string, extra?: Partial<ReportItem>) => void;

export type FileKind = 'runbook' | 'page' | 'service' | 'image';

/** A file a batch import produces. */
export interface BatchFile {
  kind: FileKind;
  service: string;
  /** Path inside the folder of its kind: `<service>/<slug>.mdx` (runbooks, pages, images) or `<service>.yaml`. */
  path: string;
  /** The text (empty for an image). */
  content: string;
  /** An image: the source file copied as it is. */
  copyFrom?: string;
  title?: string;
  id?: string;
  /** Provisional fields (runbooks). */
  todo: TodoField[];
  /** Alert names (runbooks). */
  alerts?: string[];
  /** A file that is never replaced once it exists (service files). */
  keepExisting?: boolean;
}

/** What became of one source of a batch: its files, or why it was skipped, and its report. */
export interface SourceOutcome {
  /** The source as messages name it. */
  source: string;
  /** What the source was read as (`alert`, `runbook`, `reference`, `collection`, `empty`). */
  layout?: string;
  files: BatchFile[];
  /** Why nothing was imported. */
  skipped?: string;
  report: ReportItem[];
}
