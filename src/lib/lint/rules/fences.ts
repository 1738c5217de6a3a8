// Rules about how code blocks are written: a language for commands, prompts only in console blocks.
import { defineRule } from '../types.ts';
import { exampleRunbook } from './example.ts';

const COMMAND_START = /^\s*(?:\$ |sudo |kubectl |helm |aws |gcloud |az |psql |redis-cli |curl |docker |systemctl |journalctl |terraform |git |ssh |cat |grep |tail |ls |ps |top |df |du |free |SELECT |UPDATE |DELETE |INSERT |ALTER |CREATE |DROP |EXPLAIN )/im;

const body = (fence: string, code: string) => `## Symptoms\n\nSlow.\n\n## Investigation\n\n### Check the pods\n\n${fence}\n${code}\n\`\`\`\n`;

export const fencesLanguage = defineRule({
  meta: {
    id: 'fences/language',
    category: 'commands',
    severity: 'warn',
    description: 'A code block that holds commands should say its language (`bash`, `sql`, `promql`, `console`).',
    docs: 'Without a language a block is a snippet: it is not highlighted, not checked by the syntax rules, not in the registry, and tools cannot run it. Give commands their language; give prose and templates `text`.',
    examples: { bad: exampleRunbook({ body: body('```', 'kubectl -n shop get pods') }), good: exampleRunbook({ body: body('```bash', 'kubectl -n shop get pods') }) },
    messages: { noLanguage: 'This code block looks like commands but has no language' },
  },
  create(context) {
    return {
      block(block) {
        if (block.lang || !COMMAND_START.test(block.code)) return;
        context.report({
          messageId: 'noLanguage',
          span: { start: block.span.start, end: { ...block.span.start, column: block.span.start.column + 3 } },
          hint: 'Write ```bash (or sql, promql, console); use ```text for prose and templates.',
        });
      },
    };
  },
});

export const fencesPrompt = defineRule({
  meta: {
    id: 'fences/prompt',
    category: 'commands',
    severity: 'warn',
    fixable: 'code',
    description: 'A `$ ` prompt belongs in a `console` block, not in a shell block; a `console` block needs prompts.',
    docs: 'In a `bash` block every line is a command, so a `$ ` prompt is pasted into the terminal and fails (`$: command not found`). Remove the prompts (the fix does), or make the block `console` when it shows output too. Long prompts are prompts too (`user@host:~$ `, `[root@host ~]# `, `sh-4.4# `); in a shell block a `# ` line is a comment. The commands behind the prompts are still checked by every other rule. A `console` block shows a terminal session: only its prompt lines are commands (`$ `, root\'s `# ` unless prose follows it, and the long forms; a `> ` continuation prompt is left out of the command), so one without any prompt runs nothing; the fix makes it a `bash` block.',
    examples: { bad: exampleRunbook({ body: body('```bash', '$ kubectl -n shop get pods') }), good: exampleRunbook({ body: body('```bash', 'kubectl -n shop get pods') }) },
    messages: {
      prompt: 'Shell prompt "{prompt}" before `{command}` in a shell block: it would be pasted and run',
      noPrompt: 'This console block has no "$ " prompt line, so `{first}` is taken for output, not a command',
    },
  },
  create(context) {
    return {
      block(block, runbook) {
        if (block.kind === 'console' && block.code.trim() && !block.analysis.lines.length) {
          const at = block.span.start.offset + runbook.source.slice(block.span.start.offset).indexOf(block.lang);
          const first = block.code.split('\n').find((line) => line.trim())!.trim();
          context.report({
            messageId: 'noPrompt',
            data: { first: first.length > 40 ? `${first.slice(0, 39)}…` : first },
            span: { start: block.span.start, end: { ...block.span.start, column: block.span.start.column + 3 } },
            hint: 'If these lines are commands, make it a ```bash block (the fix does); if they are output, show the command with a "$ " prompt before it.',
            fix: { range: [at, at + block.lang.length], text: 'bash' },
          });
          return;
        }
        if (block.kind !== 'command' || block.language !== 'shell') return;
        // The core reads a shell block with prompts as a session: each command line starts after its prompt.
        let lineStart = 0;
        const starts = block.code.split('\n').map((line) => {
          const start = lineStart;
          lineStart += line.length + 1;
          return start;
        });
        for (const line of block.analysis.lines) {
          const start = starts.filter((offset) => offset <= line.start).at(-1) ?? 0;
          const before = block.code.slice(start, line.start);
          const prompt = before.trimStart();
          // Continuation lines start at the line's start: no prompt before them.
          if (!prompt) continue;
          const at = start + before.length - prompt.length;
          const span = context.codeSpan(block, at, line.start);
          const command = block.code.slice(line.start, line.end).trim();
          context.report({
            messageId: 'prompt',
            data: { prompt, command: command.length > 40 ? `${command.slice(0, 39)}…` : command },
            span,
            hint: 'Remove the prompt (the fix does), or use a console block to show commands with their output.',
            fix: { range: [span.start.offset, span.end.offset], text: '' },
          });
        }
      },
    };
  },
});
