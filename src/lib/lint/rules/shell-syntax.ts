// Every shell command must parse: mvdan/sh (the parser of shfmt), through the analysis core, which parses each
// block once (src/lib/core/shell/parser.ts). The rule only words the parser's error and points at it.
import { startsSqlStatement } from '../../core/line-language.ts';
import { isShellCommandBlock } from '../blocks.ts';
import { defineRule } from '../types.ts';
import { exampleRunbook } from './example.ts';

interface ShellSyntaxError {
  /** Offset into the text. */
  offset: number;
  /** mvdan/sh's message. */
  message: string;
}

/** mvdan/sh's message in "Unexpected X, expected Y" words, and how wide the culprit is. */
function describe(error: ShellSyntaxError, text: string): { message: string; width: number; hint?: string } {
  // mvdan/sh names tokens with or without quotes; our messages put code in backticks.
  const message = error.message.replace(/\b(an? )(if|case|for|while|until|select|function)\b/g, '$1`$2`').replace(/ a (statement list|statement)$/, ' a $1');
  // The token the message names, as written at the error (`(` of `$(` is written `$(`).
  const named = /^(?:[`"']?(\S+?)[`"']? (?:must|statement|can only)|.*?(?:encountered|quote|matching|here-document) [`"']?(\S+?)[`"']?(?: with|$))/.exec(
    message,
  );
  let token = named?.[1] ?? named?.[2];
  if (token && text.startsWith(`$${token}`, error.offset)) token = `$${token}`;
  const width = token && text.startsWith(token, error.offset) ? token.length : Math.min(1, text.length - error.offset);
  const lineStart = text.lastIndexOf('\n', error.offset - 1) + 1;
  const line = text.slice(lineStart, text.indexOf('\n', error.offset) === -1 ? text.length : text.indexOf('\n', error.offset));
  const sqlHint = startsSqlStatement(line, { clauses: true, anyCase: true })
    ? 'This line is SQL, not shell: put it in a ```sql block, or pass it to psql -c "...".'
    : undefined;
  let match: RegExpExecArray | null;
  if ((match = /^a command can only contain words and redirects; encountered [`"']?(.+?)[`"']?$/.exec(message))) {
    return {
      message: `Unexpected \`${match[1]}\` in a command, expected only words and redirections`,
      width,
      hint: sqlHint ?? `Quote the argument that holds \`${match[1]}\` ('...').`,
    };
  }
  if ((match = /^reached EOF without closing quote [`"']?(.+?)[`"']?$/.exec(message))) {
    return { message: `Unclosed quote ${match[1]}, expected a closing ${match[1]} before the end of the block`, width, hint: sqlHint };
  }
  if ((match = /^reached EOF without matching [`"']?(.+?)[`"']? with [`"']?(.+?)[`"']?$/.exec(message))) {
    return { message: `Unclosed \`${token ?? match[1]}\`, expected \`${match[2]}\` before the end of the block`, width, hint: sqlHint };
  }
  if ((match = /^unclosed here-document [`"']?(.+?)[`"']?$/.exec(message))) {
    return { message: `Unclosed here-document, expected a line "${match[1]}" that ends it`, width };
  }
  if ((match = /^[`"']?(.+?)[`"']? must be followed by (.+)$/.exec(message))) {
    return { message: `Expected ${match[2]} after \`${match[1]}\``, width, hint: sqlHint };
  }
  if ((match = /^[`"']?(.+?)[`"']? statement must end with [`"']?(.+?)[`"']?$/.exec(message))) {
    return { message: `Unclosed \`${match[1]}\` statement, expected \`${match[2]}\``, width };
  }
  if ((match = /^[`"']?(.+?)[`"']? can only be used (.+)$/.exec(message))) {
    return { message: `Unexpected \`${match[1]}\`: it can only be used ${match[2]}`, width, hint: sqlHint };
  }
  if (message.startsWith('the shell parser failed'))
    return { message: `The shell parser failed on this block: ${message.replace(/^the shell parser failed\s*/, '')}`, width: 0 };
  return { message: `Shell syntax error: ${message}`, width, hint: sqlHint };
}

const SHELL_BODY = (code: string) => `## Symptoms\n\nThe API answers slowly.\n\n## Investigation\n\n### Count the connections\n\n\`\`\`bash\n${code}\n\`\`\`\n`;
const DB_ENV = 'env:\n  DATABASE_URL: Read-only connection string of the tickets database';

export const shellSyntax = defineRule({
  meta: {
    id: 'shell/syntax',
    category: 'commands',
    severity: 'error',
    description: 'Shell command blocks must be valid shell (bash) syntax.',
    docs: [
      'Every `bash`/`sh`/`shell` block, and the prompt lines of every `console` block (with the lines a shell reads for them), is parsed with [mvdan/sh](https://github.com/mvdan/sh) (the parser of shfmt, compiled to WebAssembly for the analysis core) as bash. A block that does not parse fails when it is pasted, usually half-way: an unclosed quote swallows the next command, SQL pasted into a shell block runs `SELECT` as a program. `runbook run` refuses such a block.',
      '`<placeholders>` are read as plain words, not as redirections. The error points at the exact place in the file.',
      'An unquoted `&` inside a word (`curl https://host/api?user=x&project=y`) is no syntax error but never what was meant: the shell ends the command at the `&`, runs it in the background, and runs the rest (`project=y`) as a command of its own. It is reported with the command it cuts; quote the word.',
    ].join('\n\n'),
    examples: {
      bad: exampleRunbook({ runbook: DB_ENV, body: SHELL_BODY('psql "$DATABASE_URL" -c "SELECT count(*) FROM pg_stat_activity') }),
      good: exampleRunbook({ runbook: DB_ENV, body: SHELL_BODY('psql "$DATABASE_URL" -c "SELECT count(*) FROM pg_stat_activity"') }),
    },
    messages: { syntax: '{message}' },
  },
  create(context) {
    return {
      block(block) {
        if (!isShellCommandBlock(block)) return;
        for (const split of block.analysis.splitByAmpersand) {
          const command = block.analysis.commands[split.command];
          const word = command.argv.at(-1);
          const next = split.next === undefined ? undefined : block.analysis.commands[split.next];
          const rest = next ? block.code.slice(next.start, next.end) : '';
          const shown = (text: string) => (text.length > 40 ? `${text.slice(0, 39)}…` : text);
          context.report({
            messageId: 'syntax',
            data: {
              message: `Unquoted \`&\` after \`${shown(word?.value ?? command.name)}\` ends the \`${command.name}\` command and runs it in the background${rest ? `; \`${shown(rest)}\` runs as a command of its own` : ''}`,
            },
            span: context.codeSpan(block, split.at, split.at + 1),
            hint: `Quote the word that holds the \`&\` ('${shown(word?.value ?? '')}&…').`,
          });
        }
        const error = block.analysis.syntaxError;
        if (!error) return;
        const { message, width, hint } = describe({ offset: error.start, message: error.message }, block.code);
        context.report({
          messageId: 'syntax',
          data: { message },
          span: context.codeSpan(block, error.start, Math.min(block.code.length, error.start + width)),
          ...(hint ? { hint } : {}),
        });
      },
    };
  },
});
