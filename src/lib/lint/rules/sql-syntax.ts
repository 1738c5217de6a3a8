// SQL must parse with PostgreSQL's own parser: SQL blocks, and the SQL of `psql -c "..."` in shell blocks.
import type { Block } from '../../model/types.ts';
import { findPlaceholders } from '../../model/code.ts';
import { psqlScripts } from '../../sql/embedded.ts';
import { loadSqlParser, sqlSyntaxErrors, type SqlSyntaxError } from '../../sql/parse.ts';
import { defineRule } from '../types.ts';
import { exampleRunbook } from './example.ts';
import { isShellCommandBlock, shellSource } from './shell-syntax.ts';

/** SQL blocks run through psql unless their `target` names another database. */
const runsOnPostgres = (block: Block) => !block.attributes.target || /psql|postgres|pg/i.test(block.attributes.target);

const SHELL_WORD = /^\s*(psql|pg_dump|pg_restore|kubectl|docker|sudo|export|curl|redis-cli|aws|cat|echo|\$ )/;

function hintFor(error: SqlSyntaxError, statement: string): string | undefined {
  if (SHELL_WORD.test(statement.slice(error.start))) {
    return 'This is a shell command. A sql block holds only SQL (it runs through psql "$DATABASE_URL"); put shell commands in a ```bash block.';
  }
  return undefined;
}

/** `<name>` ranges of a text: an error at a placeholder depends on its value, so it is not reported. */
const placeholderRanges = (text: string) => findPlaceholders(text, [{ start: 0, end: text.length }]).map((match) => [match.start, match.end] as const);
const inside = (offset: number, ranges: readonly (readonly [number, number])[]) => ranges.some(([start, end]) => offset >= start && offset < end);

const SQL_BODY = (fence: string, code: string) => `## Symptoms\n\nConnections pile up.\n\n## Investigation\n\n### Count the connections\n\n${fence}\n${code}\n\`\`\`\n`;
const DB_ENV = 'env:\n  DATABASE_URL: Read-only connection string of the tickets database';

export const sqlSyntax = defineRule({
  meta: {
    id: 'sql/syntax',
    category: 'commands',
    severity: 'error',
    description: 'SQL in `sql` blocks and in `psql -c "..."` must parse with PostgreSQL\'s parser.',
    docs: [
      'Every `sql` block (unless its `target` names another database) and the SQL passed to `psql -c`/`--command` in shell blocks is parsed with PostgreSQL 18\'s own parser (libpg-query), statement by statement, so every broken statement is reported, at the exact character PostgreSQL points at.',
      'psql meta-commands (`\\x`, `\\d table`, `\\watch 5`) and psql variables (`:name`, `:\'name\'`) are not SQL and are left out; `<placeholders>` are read as identifiers. Only syntax is checked: a misspelt column or table (`avg_time` in `pg_stat_statements`) parses fine and is found by running the query (`runbook verify`).',
    ].join('\n\n'),
    examples: {
      bad: exampleRunbook({ runbook: DB_ENV, body: SQL_BODY('```sql', 'SELECT state, count(*)\nFROM pg_stat_activity\nGROUP state;') }),
      good: exampleRunbook({ runbook: DB_ENV, body: SQL_BODY('```sql', 'SELECT state, count(*)\nFROM pg_stat_activity\nGROUP BY state;') }),
    },
  },
  async prepare() {
    await loadSqlParser().catch(() => undefined); // reported by check, on the blocks
  },
  async check(runbook, context) {
    try {
      await loadSqlParser();
    } catch (error) {
      const first = runbook.blocks.find((block) => block.language === 'sql' && block.kind === 'command');
      if (first) context.report({ span: first.span, message: `The SQL parser could not be loaded: ${error instanceof Error ? error.message : String(error)}` });
      return;
    }
    for (const block of runbook.blocks) {
      if (block.language === 'sql' && block.kind === 'command' && runsOnPostgres(block)) {
        const placeholders = placeholderRanges(block.code);
        for (const error of sqlSyntaxErrors(block.code)) {
          if (inside(error.start, placeholders)) continue;
          const hint = hintFor(error, block.code);
          context.report({ span: context.codeSpan(block, error.start, error.end), message: error.message, ...(hint ? { hint } : {}) });
        }
      } else if (isShellCommandBlock(block)) {
        const source = shellSource(block);
        const original = block.kind === 'console' ? block.command ?? '' : block.code;
        const placeholders = placeholderRanges(original);
        for (const script of psqlScripts(source.text)) {
          for (const error of sqlSyntaxErrors(script.text)) {
            if (inside(error.start, script.expansions) || inside(script.offsets[error.start], placeholders)) continue;
            const start = source.toCode(script.offsets[error.start]);
            const end = error.end > error.start ? source.toCode(script.offsets[error.end - 1]) + 1 : start;
            context.report({
              span: context.codeSpan(block, start, end),
              message: `${error.message} (psql -c)`,
              hint: `PostgreSQL's parser: ${error.reason}.`,
            });
          }
        }
      }
    }
  },
});
