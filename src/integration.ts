// Astro integration: checks the runbook content before a build, so a bad runbook stops
// `astro build` with file:line:column, the field and what is allowed — instead of Astro's 0:0;
// and adds the site's Markdown step (src/markdown/runbook-page.ts) to Astro's Markdown processor.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { AstroIntegration } from 'astro';
import { AstroError } from 'astro/errors';
import { formatProblemList } from './lib/format-problems.ts';
import { loadConfig } from './lib/config.ts';
import { allProblems, listContentFiles, loadProject, loadServices } from './lib/project.ts';
import { runbookPagePlugin, tableLabelsPlugin } from './markdown/runbook-page.ts';
import type { ServiceWithId } from './schema/service.ts';

/** The services' data by id, read again when a service file changes (in `astro dev`). */
function serviceData(root: string): (id: string) => ServiceWithId | undefined {
  const { config } = loadConfig(root);
  let cache: { key: string; byId: Map<string, ServiceWithId> } | undefined;
  return (id) => {
    const files = listContentFiles(root, config.servicesDir, ['.yaml', '.yml']);
    const key = files.map((file) => `${file}:${statSync(join(root, file)).mtimeMs}`).join('\n');
    if (cache?.key !== key) {
      const entries = loadServices(root, config.servicesDir);
      cache = { key, byId: new Map(entries.flatMap((entry) => (entry.data ? [[entry.id, entry.data] as const] : []))) };
    }
    return cache.byId.get(id);
  };
}

export function runbooks(): AstroIntegration {
  return {
    name: 'runbooks',
    hooks: {
      'astro:config:setup': ({ command, config, logger }) => {
        // Astro's default processor is Sätteri; its options hold the plugin lists (Starlight adds its own the same way).
        const processor = config.markdown.processor as { name?: string; options?: { mdastPlugins?: unknown[]; hastPlugins?: unknown[] } } | undefined;
        if (processor?.name === 'satteri' && Array.isArray(processor.options?.mdastPlugins) && Array.isArray(processor.options.hastPlugins)) {
          processor.options.mdastPlugins.push(runbookPagePlugin(serviceData(process.cwd())));
          processor.options.hastPlugins.push(tableLabelsPlugin);
        }
        else logger.warn('The Markdown processor is not Sätteri: "Changes from the source" is not folded, runbooks get no escalation contacts and tables do not fit a phone.');
        if (command !== 'build' && command !== 'dev') return;
        const errors = allProblems(loadProject()).filter((problem) => problem.severity === 'error');
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
