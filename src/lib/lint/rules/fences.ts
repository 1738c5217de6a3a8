// Rules about how code blocks are written: a language for commands, prompts only in console blocks.
import { lineLanguage, startsSqlStatement } from '../../core/line-language.ts';
import { defineRule } from '../types.ts';
import { exampleRunbook } from './example.ts';

/** A line of the block is a command (a `$ ` prompt, or a line the core reads as shell or SQL, `select` written small too). */
const holdsCommands = (code: string) =>
  code.split('\n').some((line) => /^\s*\$ \S/.test(line) || lineLanguage(line) !== undefined || startsSqlStatement(line, { anyCase: true }));

const body = (fence: string, code: string) => `## Symptoms\n\nSlow.\n\n## Investigation\n\n### Check the pods\n\n${fence}\n${code}\n\`\`\`\n`;

export const fencesLanguage = defineRule({
  meta: {
    id: 'fences/language',
    category: 'commands',
    severity: 'warn',
    description: 'A code block that holds commands should say its language (`bash`, `sql`, `promql`, `console`).',
    docs: 'Without a language a block is a snippet: it is not highlighted, not checked by the syntax rules, not in the registry, and tools cannot run it. Give commands their language; give prose and templates `text`.',
    examples: {
      bad: exampleRunbook({ body: body('```', 'kubectl -n shop get pods') }),
      good: exampleRunbook({ body: body('```bash', 'kubectl -n shop get pods') }),
    },
    messages: { noLanguage: 'This code block looks like commands but has no language' },
  },
  create(context) {
    return {
      block(block) {
        if (block.lang || !holdsCommands(block.code)) return;
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
    docs: "In a `bash` block every line is a command, so a `$ ` prompt is pasted into the terminal and fails (`$: command not found`). Remove the prompts (the fix does), or make the block `console` when it shows output too. Long prompts are prompts too (`user@host:~$ `, `[root@host ~]# `, `sh-4.4# `); in a shell block a `# ` line is a comment — one that holds a command (`# NAMESPACE=x`, `# kubectl get pods`) in a block written with `$ ` prompts is reported, since it reads as a root prompt but never runs. A shell block with prompts and output lines is a terminal session: its first output line is reported and the fix makes it a `console` block (removing the prompts would make the output run). The commands behind the prompts are still checked by every other rule. A `console` block shows a terminal session: only its prompt lines are commands (`$ `, root's `# ` unless prose follows it, and the long forms; a `> ` continuation prompt is left out of the command), so one without any prompt is reported: its lines that start with a program an operator runs (`kubectl ...`, `sudo systemctl ...`) and their continuations are read as commands (so every other rule checks them), the rest as output, and the fix puts `$ ` before those commands (or makes the block `bash` when every line is a command; when no line is a command it runs nothing).",
    examples: {
      bad: exampleRunbook({ body: body('```bash', '$ kubectl -n shop get pods') }),
      good: exampleRunbook({ body: body('```bash', 'kubectl -n shop get pods') }),
    },
    messages: {
      prompt: 'Shell prompt "{prompt}" before `{command}` in a shell block: it would be pasted and run',
      noPrompt: 'This console block has no "$ " prompt line, so `{first}` is taken for output, not a command',
      output: 'Output line `{output}` in a {lang} block written with prompts: pasted whole, the output would run as commands',
      unprompted: 'Line `{output}` has no prompt in a {lang} block written with prompts: as a session it is output and never runs, pasted whole it runs',
      commented: '`{line}` is a comment in a {lang} block written with prompts, not a command: it never runs',
      promptless:
        'This console block has no "$ " prompt line: `{command}` is read as a command only because it starts with a program, the other lines as its output',
    },
  },
  create(context) {
    return {
      block(block, runbook) {
        if (block.kind === 'console' && block.code.trim() && (block.analysis.promptless || !block.analysis.lines.length)) {
          const at = block.span.start.offset + runbook.source.slice(block.span.start.offset).indexOf(block.lang);
          const commands = block.analysis.lines.filter((line) => !line.continues);
          const shorten = (text: string) => (text.length > 40 ? `${text.slice(0, 39)}…` : text);
          if (!commands.length) {
            const first = block.code
              .split('\n')
              .find((line) => line.trim())!
              .trim();
            context.report({
              messageId: 'noPrompt',
              data: { first: shorten(first) },
              span: { start: block.span.start, end: { ...block.span.start, column: block.span.start.column + 3 } },
              hint: 'If these lines are commands, make it a ```bash block (the fix does); if they are output, show the command with a "$ " prompt before it.',
              fix: { range: [at, at + block.lang.length], text: 'bash' },
            });
            return;
          }
          // The core took the lines that start with a program for commands, the others for output.
          const first = commands[0];
          const whole = context.codeSpan(block, 0, block.code.length);
          let code = block.code;
          for (const line of [...commands].reverse()) {
            const indent = code.slice(line.start).length - code.slice(line.start).trimStart().length;
            code = `${code.slice(0, line.start + indent)}$ ${code.slice(line.start + indent)}`;
          }
          const allCommands = !block.analysis.promptless?.output;
          context.report({
            messageId: 'promptless',
            data: { command: shorten(block.code.slice(first.start, first.end).trim()) },
            span: context.codeSpan(
              block,
              first.start + (block.code.slice(first.start, first.end).length - block.code.slice(first.start, first.end).trimStart().length),
              first.end,
            ),
            hint: allCommands
              ? 'Every line is a command: make it a ```bash block (the fix does).'
              : 'Put "$ " before each command so that the reader and the copy button tell it from its output (the fix does), or move the commands to a ```bash block.',
            fix: allCommands ? { range: [at, at + block.lang.length], text: 'bash' } : { range: [whole.start.offset, whole.end.offset], text: code },
          });
          return;
        }
        if (block.kind !== 'command' || block.language !== 'shell') return;
        const shorten = (text: string) => (text.length > 40 ? `${text.slice(0, 39)}…` : text);
        const session = block.analysis.session;
        const output = session?.output[0];
        if (output) {
          const at = block.span.start.offset + runbook.source.slice(block.span.start.offset).indexOf(block.lang);
          // A line that starts like a command may be one written without its prompt: no fix decides that.
          context.report({
            messageId: output.command ? 'unprompted' : 'output',
            data: { lang: block.lang, output: shorten(block.code.slice(output.start, output.end)) },
            span: context.codeSpan(block, output.start, output.end),
            hint: output.command
              ? 'If it is output, make the block ```console; if it is a command, put "$ " before it like the others (or remove every prompt).'
              : 'Make it a ```console block (the fix does): there, prompt lines are the commands and the other lines their output.',
            ...(output.command ? {} : { fix: { range: [at, at + block.lang.length] as [number, number], text: 'console' } }),
          });
        }
        for (const line of session?.commented ?? []) {
          context.report({
            messageId: 'commented',
            data: { lang: block.lang, line: shorten(block.code.slice(line.start, line.end)) },
            span: context.codeSpan(block, line.start, line.end),
            hint: 'If it is typed at a root prompt (inside `oc debug`, a container shell), make the block ```console; if it is a step, write it as a command ("$ " before it, like the others); if it is only an example, say so in the text.',
          });
        }
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
          // With output lines in the block, removing the prompts would make the output run: the fix is the console block.
          context.report({
            messageId: 'prompt',
            data: { prompt, command: command.length > 40 ? `${command.slice(0, 39)}…` : command },
            span,
            hint: output
              ? 'This block shows output too: make it a console block.'
              : 'Remove the prompt (the fix does), or use a console block to show commands with their output.',
            ...(output ? {} : { fix: { range: [span.start.offset, span.end.offset], text: '' } }),
          });
        }
      },
    };
  },
});
