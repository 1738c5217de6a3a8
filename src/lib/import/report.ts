// What the importer did and what it left for a person to decide, per source document.

export interface ReportItem {
  /** The source document. */
  source: string;
  /** `todo`: a decision left to a person (also visible in the output); `info`: what the importer did; `error`: an output that does not parse. */
  level: 'todo' | 'info' | 'error';
  message: string;
  /** The output file it concerns (relative to its folder: `runbooks/latency-breach.mdx`). */
  file?: string;
  /** Line in the source document. */
  line?: number;
}

/** The report as text: per source, the TODOs first, then what was done. */
export function formatReport(items: ReportItem[]): string {
  const out: string[] = [];
  const sources = [...new Set(items.map((item) => item.source))];
  for (const source of sources) {
    const mine = items.filter((item) => item.source === source);
    const todos = mine.filter((item) => item.level !== 'info');
    const infos = mine.filter((item) => item.level === 'info');
    out.push(`${source}: ${todos.length} to decide`);
    const line = (item: ReportItem) =>
      `  ${item.level === 'error' ? 'ERROR ' : ''}${item.file ? `${item.file}: ` : ''}${item.message}${item.line ? ` (source line ${item.line})` : ''}`;
    out.push(...todos.map(line));
    if (infos.length) out.push('  done:', ...infos.map((item) => `  ${line(item)}`));
  }
  return out.join('\n');
}
