// Line continuations that do not continue: a `\` followed by spaces, a `\` at the end of a comment, a line that
// starts with an option because the line before lost its `\`. The core finds them (src/lib/core/shell/continuations.ts).
import { showWords } from '../../core/shell/patterns.ts';
import { isShellCommandBlock } from '../blocks.ts';
import { defineRule } from '../types.ts';
import { exampleRunbook } from './example.ts';

const BODY = (code: string) => `## Symptoms\n\nThe API answers slowly.\n\n## Investigation\n\n### List the pods\n\n\`\`\`bash\n${code}\n\`\`\`\n`;

export const shellContinuation = defineRule({
  meta: {
    id: 'shell/continuation',
    category: 'commands',
    severity: 'error',
    fixable: 'code',
    description:
      'A command split over lines must continue on each one: no spaces after the `\\`, no `\\` that ends a comment, no line of options without the `\\` before it.',
    docs: [
      'A long command is split with a `\\` at the end of each line but the last. Three mistakes break it, and the shell says nothing until the second half fails on its own (`-n: command not found`) — after the first half ran without its options, against the default namespace or every instance:',
      '- spaces after the `\\`: the `\\` escapes a space instead of the line break, so the line ends there (the fix removes the spaces);',
      '- a `\\` at the end of a comment, or a comment line in the middle of the command: a comment runs to the end of its line, `\\` included, so the command ends with it (move the comment above the command);',
      "- a line that starts with an option (`--namespace shop`, `-p '{...}'`) after a line without `\\`: the option is a command of its own (the fix adds the `\\` when the line before has no comment). Only a word that can be an option counts: output pasted under a command (`-rw-r--r-- 1 root root ...` from `ls -l`, `-bash: ...`) is not a lost continuation.",
    ].join('\n\n'),
    examples: {
      bad: exampleRunbook({ body: BODY('kubectl get pods\n  --namespace shop \\\n  --selector app=api') }),
      good: exampleRunbook({ body: BODY('kubectl get pods \\\n  --namespace shop \\\n  --selector app=api') }),
    },
    messages: {
      spaceAfterBackslash: 'Spaces after the `\\` that ends this line of `{command}`: the `\\` escapes a space, not the line break, so {next}',
      backslashInComment:
        'A `\\` at the end of a comment does not continue `{command}`: the comment ends at the line break, so `{word}` on the next line runs as a command of its own',
      missingBackslash: '`{option}` starts a command of its own: {why}, so `{command}` runs without it',
    },
  },
  create(context) {
    return {
      block(block) {
        if (!isShellCommandBlock(block)) return;
        const { commands, continuations } = block.analysis;
        const code = block.code;
        for (const mistake of continuations) {
          const ended = mistake.ended !== undefined ? commands[mistake.ended] : undefined;
          const started = mistake.started !== undefined ? commands[mistake.started] : undefined;
          if (!ended) continue;
          if (mistake.kind === 'space-after-backslash') {
            const next = started ? `\`${showWords(code, started.argv, 40)}\` on the next line runs as a command of its own` : 'the command ends here';
            context.report({
              messageId: 'spaceAfterBackslash',
              data: {
                command: showWords(
                  code,
                  ended.argv.filter((word) => word.end < mistake.start),
                  40,
                ),
                next,
              },
              span: context.codeSpan(block, mistake.start - 1, mistake.end),
              hint: 'Remove the spaces after the `\\` (the fix does).',
              fix: {
                range: [context.codeSpan(block, mistake.start, mistake.end).start.offset, context.codeSpan(block, mistake.start, mistake.end).end.offset],
                text: '',
              },
            });
          } else if (mistake.kind === 'backslash-in-comment') {
            context.report({
              messageId: 'backslashInComment',
              data: {
                command: showWords(
                  code,
                  ended.argv.filter((word) => word.end <= mistake.start),
                  40,
                ),
                word: code.slice(mistake.word!.start, mistake.word!.end),
              },
              span: context.codeSpan(block, mistake.start, mistake.end),
              hint: 'A comment cannot sit inside a command split over lines: move it above the command.',
            });
          } else if (started) {
            // The line before ends the command: add ` \` there, unless a comment ends it.
            const lineEnd = code.indexOf('\n', ended.end);
            const rest = lineEnd === -1 ? '' : code.slice(ended.end, lineEnd);
            const fixable = lineEnd !== -1 && rest.trim() === '' && code.slice(lineEnd + 1, started.start).trim() === '';
            const at = context.codeSpan(block, ended.end, ended.end).start.offset;
            context.report({
              messageId: 'missingBackslash',
              data: {
                option: code.slice(mistake.start, mistake.end),
                why: block.analysis.comments.some((comment) => comment.start > ended.end && comment.start < started.start)
                  ? 'a comment ends the command before it'
                  : 'the line before it does not end with `\\`',
                command: showWords(code, ended.argv, 40),
              },
              span: context.codeSpan(block, mistake.start, mistake.end),
              hint: 'End the line before it with ` \\` to continue the command (the fix does, when no comment is in the way).',
              ...(fixable ? { fix: { range: [at, at + rest.length], text: ' \\' } } : {}),
            });
          }
        }
      },
    };
  },
});
