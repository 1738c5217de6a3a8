// Astro integration: checks the runbook content before a build, so a bad runbook stops
// `astro build` with file:line:column, the field and what is allowed — instead of Astro's 0:0.
// It puts the content safety check (mdx/safety) first in the Markdown and MDX pipelines, for every page, and
// adds the site's Markdown steps (src/markdown/runbook-page.ts).
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { AstroIntegration } from 'astro';
import { AstroError } from 'astro/errors';
import { loadConfig } from './lib/config.ts';
import { formatProblemList } from './lib/format-problems.ts';
import { parseRunbookLoaded } from './lib/model/parse.ts';
import { problemAt, type Problem } from './lib/problem.ts';
import { allProblems, listContentFiles, loadProject, loadServices, type Project } from './lib/project.ts';
import { readContentFile } from './lib/source-file.ts';
import { contentSafety } from './markdown/content-safety.ts';
import { runbookPagePlugin, tableLabelsPlugin } from './markdown/runbook-page.ts';
import type { ServiceWithId } from './schema/service.ts';

/**
 * mdx/safety on the Markdown (.md) pages. The pipeline's check keeps unsafe HTML off such a page, but
 * Astro's content loader only logs a page that fails to render (and does not render an unchanged page
 * again), so the build would go on; these pages are checked here, before it starts.
 */
function unsafeMarkdownPages(project: Project): Problem[] {
  // The project is loaded (and with it the core): parsing is synchronous here.
  return listContentFiles(project.root, project.config.docsDir, ['.md']).flatMap((file) => {
    const read = readContentFile(project.root, file);
    if (read.text === undefined) return [];
    return parseRunbookLoaded(file, read.text).unsafeMdx.map((unsafe) =>
      problemAt(file, unsafe.span, { rule: 'mdx/safety', message: unsafe.message, hint: unsafe.hint }),
    );
  });
}

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
      'astro:config:setup': async ({ command, config, logger }) => {
        // `.mdx` pages go through the same processor (Starlight's MDX integration extends the Markdown config).
        const processor = config.markdown.processor as { name: string; options: { mdastPlugins?: unknown[]; hastPlugins?: unknown[] } };
        if (processor.name !== 'satteri' || !Array.isArray(processor.options.mdastPlugins) || !Array.isArray(processor.options.hastPlugins)) {
          throw new AstroError(
            `The content safety check needs Astro's default Markdown processor (satteri); markdown.processor is "${processor.name}".`,
            'Remove markdown.processor from astro.config.mjs, or add the check to your processor.',
          );
        }
        processor.options.mdastPlugins.unshift(contentSafety);
        processor.options.mdastPlugins.push(runbookPagePlugin(serviceData(process.cwd())));
        processor.options.hastPlugins.push(tableLabelsPlugin);
        if (command !== 'build' && command !== 'dev') return;
        const project = await loadProject();
        const errors = [...allProblems(project), ...unsafeMarkdownPages(project)].filter((problem) => problem.severity === 'error');
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
