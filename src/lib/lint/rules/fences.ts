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
  },
  check(runbook, context) {
    for (const block of runbook.blocks) {
      if (block.lang || !COMMAND_START.test(block.code)) continue;
      context.report({
        span: { start: block.span.start, end: { ...block.span.start, column: block.span.start.column + 3 } },
        message: 'This code block looks like commands but has no language',
        hint: 'Write ```bash (or sql, promql, console); use ```text for prose and templates.',
      });
    }
  },
});

export const fencesPrompt = defineRule({
  meta: {
    id: 'fences/prompt',
    category: 'commands',
    severity: 'warn',
    fixable: true,
    description: 'A `$ ` prompt belongs in a `console` block, not in a shell block.',
    docs: 'In a `bash` block every line is a command, so a `$ ` prompt is pasted into the terminal and fails (`$: command not found`). Remove the prompts (the fix does), or make the block `console` when it shows output too.',
    examples: { bad: exampleRunbook({ body: body('```bash', '$ kubectl -n shop get pods') }), good: exampleRunbook({ body: body('```bash', 'kubectl -n shop get pods') }) },
  },
  check(runbook, context) {
    for (const block of runbook.blocks) {
      if (block.kind !== 'command' || block.language !== 'shell') continue;
      let offset = 0;
      for (const line of block.code.split('\n')) {
        const prompt = /^(\s*)\$ /.exec(line);
        if (prompt) {
          const start = offset + prompt[1].length;
          const span = context.codeSpan(block, start, start + 2);
          context.report({
            span,
            message: 'Shell prompt "$ " inside a shell block: it would be pasted and run',
            hint: 'Remove the prompt, or use a console block to show commands with their output.',
            fix: { range: [span.start.offset, span.end.offset], text: '' },
          });
        }
        offset += line.length + 1;
      }
    }
  },
});
