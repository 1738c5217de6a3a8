// Astro integration: checks the runbook content before a build, so a bad runbook stops
// `astro build` with file:line:column, the field and what is allowed — instead of Astro's 0:0.
import type { AstroIntegration } from 'astro';
import { AstroError } from 'astro/errors';
import { formatProblemList } from './lib/format-problems.ts';
import { allProblems, loadProject } from './lib/project.ts';

export function runbooks(): AstroIntegration {
  return {
    name: 'runbooks',
    hooks: {
      'astro:config:setup': async ({ command, logger }) => {
        if (command !== 'build' && command !== 'dev') return;
        const errors = allProblems(await loadProject()).filter((problem) => problem.severity === 'error');
        if (!errors.length) return;
        const message = `Runbook content has ${errors.length} error${errors.length === 1 ? '' : 's'}:\n${formatProblemList(errors)}`;
        // In dev, keep the server up so the author can fix the file and see the page.
        if (command === 'dev') {
          logger.error(message);
          return;
        }
        const error = new AstroError(message, 'Fix each file at the line shown; `npx runbook lint <file>` shows a code frame and a link to the rule.');
        // Astro prints `loc` as the location (otherwise it guesses one from the message) and the stack
        // after it: the location is the first problem, and a stack of our own check helps nobody.
        const [first] = errors;
        Object.assign(error, { loc: { file: first.file, line: first.line, column: first.column }, stack: '' });
        throw error;
      },
    },
  };
}
