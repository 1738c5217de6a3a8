// SQL must parse with PostgreSQL's own parser: SQL blocks, and the SQL shell blocks hand to psql. The core parsed
// each statement once (src/lib/core/sql/script.ts); the rule words the errors.
import type { SqlSyntaxError } from '../../core/sql/script.ts';
import type { Block } from '../../model/types.ts';
import { defineRule } from '../types.ts';
import { exampleRunbook } from './example.ts';

/** SQL blocks run through psql unless their `target` names another database. */
const runsOnPostgres = (block: Block) => !block.attributes.target || /psql|postgres|pg/i.test(block.attributes.target);

const SHELL_WORD = /^\s*(psql|pg_dump|pg_restore|kubectl|docker|sudo|export|curl|redis-cli|aws|cat|echo|\$ )/;

function hintFor(error: SqlSyntaxError, statement: string): string | undefined {
  if (SHELL_WORD.test(statement.slice(error.start))) {
    return 'This is a shell command. A sql block holds only SQL (it runs through psql "$DATABASE_URL"); put shell commands in a ```bash block.';
  }
  return undefined;
}

/** An error at a placeholder depends on its value, so it is not reported. */
const atPlaceholder = (block: Block, offset: number) => block.placeholders.some((site) => offset >= site.start && offset < site.end);

const SQL_BODY = (fence: string, code: string) =>
  `## Symptoms\n\nConnections pile up.\n\n## Investigation\n\n### Count the connections\n\n${fence}\n${code}\n\`\`\`\n`;
const DB_ENV = 'env:\n  DATABASE_URL: Read-only connection string of the tickets database';

export const sqlSyntax = defineRule({
  meta: {
    id: 'sql/syntax',
    category: 'commands',
    severity: 'error',
    description: 'SQL in `sql` blocks and in `psql -c "..."` must parse with PostgreSQL\'s parser.',
    docs: [
      "Every `sql` block (unless its `target` names another database) and the SQL passed to `psql -c`/`--command` in shell blocks is parsed with PostgreSQL 18's own parser (libpg-query), statement by statement, so every broken statement is reported, at the exact character PostgreSQL points at.",
      "psql meta-commands (`\\x`, `\\d table`, `\\watch 5`) and psql variables (`:name`, `:'name'`) are not SQL and are left out; `<placeholders>` are read as identifiers. Only syntax is checked: a misspelt column or table (`avg_time` in `pg_stat_statements`) parses fine and is found by running the query (`runbook verify`).",
    ].join('\n\n'),
    examples: {
      bad: exampleRunbook({ runbook: DB_ENV, body: SQL_BODY('```sql', 'SELECT state, count(*)\nFROM pg_stat_activity\nGROUP state;') }),
      good: exampleRunbook({ runbook: DB_ENV, body: SQL_BODY('```sql', 'SELECT state, count(*)\nFROM pg_stat_activity\nGROUP BY state;') }),
    },
    messages: { syntax: '{message}', embedded: '{message} (psql -c)' },
  },
  create(context) {
    return {
      sqlStatement(statement, source, block) {
        const error = statement.error;
        if (!error) return;
        if (source.command === undefined && (block.kind !== 'command' || !runsOnPostgres(block))) return;
        if (source.command !== undefined && block.analysis.commands[source.command]?.program !== 'psql') return; // MySQL's SQL is not PostgreSQL's
        const start = source.offsets[error.start] ?? source.offsets[0];
        if (atPlaceholder(block, start) || source.dynamic?.some(([from, to]) => error.start >= from && error.start < to)) return;
        const end = error.end > error.start ? (source.offsets[error.end - 1] ?? start) + 1 : start;
        if (source.command === undefined) {
          const hint = hintFor(error, source.script.text);
          context.report({ messageId: 'syntax', data: { message: error.message }, span: context.codeSpan(block, start, end), ...(hint ? { hint } : {}) });
        } else {
          context.report({
            messageId: 'embedded',
            data: { message: error.message },
            span: context.codeSpan(block, start, end),
            hint: `PostgreSQL's parser: ${error.reason}.`,
          });
        }
      },
    };
  },
});
