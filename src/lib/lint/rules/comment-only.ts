// A shell block made only of comments runs nothing: it is prose, or a query in disguise.
import { defineRule } from '../types.ts';
import { exampleRunbook } from './example.ts';

/** A PromQL query: a function or aggregation call with a range or a selector, or a bare selector. */
const PROMQL =
  /\b(?:rate|irate|increase|delta|deriv|histogram_quantile|sum|avg|min|max|count|topk|bottomk|quantile|absent|\w+_over_time)\s*(?:by\s*\([^)]*\)\s*)?\([^#]*(?:\[\d+[smhdwy]\]|\{[^}]*[=~][^}]*\})|^\s*[a-z_:][a-z0-9_:]*\{[^}]*(?:=|=~|!=|!~)\s*"[^"]*"[^}]*\}/;
/** A SQL statement (upper-case keywords, as SQL is written; prose says "select ... from" in lower case). */
const SQL = /\bSELECT\b[^;]*\bFROM\b|\b(?:INSERT INTO|DELETE FROM|SHOW [A-Za-z_]+;|EXPLAIN (?:ANALYZE )?SELECT)\b|\bUPDATE \w+ SET\b/;

/** `# Prometheus query: db_active_connections`, or `# Query: name` in comments that speak of Prometheus. */
function promqlByName(comments: string[]): boolean {
  const prometheus = comments.some((text) => /\b(?:prometheus|promql)\b/i.test(text));
  return prometheus && comments.some((text) => /\bquery:\s*[A-Za-z_:][\w:]*\s*(?:[{(]|$)/i.test(text));
}

const BODY = (fence: string, code: string) => `## Symptoms\n\nErrors rise.\n\n## Investigation\n\n### Look at the SLO dashboard\n\n${fence}\n${code}\n\`\`\`\n`;

export const fencesCommentOnly = defineRule({
  meta: {
    id: 'fences/comment-only',
    category: 'commands',
    severity: 'warn',
    description: 'A shell block whose every line is a comment runs nothing: write it as text, or as the query it holds.',
    docs: 'A `bash` block that holds only `# ...` lines (`# Grafana → "SLO Overview" dashboard`) is copied, pasted and run, and does nothing; in the registry it is a command that is not one. Usually it is an instruction (write it as a sentence or a list item) or a query written as a comment (put PromQL in a `promql` block and SQL in a `sql` block, where it is checked and can be run).',
    examples: {
      bad: exampleRunbook({ body: BODY('```bash', '# Grafana → "SLO Overview" dashboard → error budget panel') }),
      good: exampleRunbook({
        body: '## Symptoms\n\nErrors rise.\n\n## Investigation\n\n### Look at the SLO dashboard\n\nIn Grafana, open the "SLO Overview" dashboard and read the error budget panel.\n',
      }),
    },
    messages: {
      query: 'This {lang} block holds only comments, and one of them is a {query} query: nothing in it runs',
      comments: 'This {lang} block holds only comments: nothing in it runs',
    },
  },
  create(context) {
    return {
      block(block) {
        if (block.kind !== 'command' || block.language !== 'shell') return;
        // The core marks the lines that hold only a comment (not a `#` inside a heredoc or a string).
        const lines = block.analysis.lines.filter((line) => block.code.slice(line.start, line.end).trim());
        if (!lines.length || !lines.every((line) => line.comment)) return;
        const comments = lines.map((line) => block.code.slice(line.start, line.end).replace(/^\s*#+/, ''));
        const query =
          comments.some((text) => PROMQL.test(text)) || promqlByName(comments) ? 'PromQL' : comments.some((text) => SQL.test(text)) ? 'SQL' : undefined;
        const first = lines[0];
        const start = first.start + block.code.slice(first.start, first.end).indexOf('#');
        context.report({
          messageId: query ? 'query' : 'comments',
          data: { lang: block.lang, query: query ?? '' },
          span: context.codeSpan(block, start, lines[lines.length - 1].end),
          hint: query
            ? `Put the query in a \`\`\`${query === 'PromQL' ? 'promql' : 'sql'} block (without the #), where it is checked and can be run; keep the rest as text.`
            : 'Write it as text (a sentence or a list item), or write the command it describes.',
        });
      },
    };
  },
});
