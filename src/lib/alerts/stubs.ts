// `runbook alerts stubs`: a minimal runbook for each alert that has none — its name, expression and
// description from the rule, severity from its labels, what is provisional in `todo` — so coverage is
// closed by filling in a page rather than by starting one.
import { join } from 'node:path';
import { mapSeverity } from '../import/metadata.ts';
import { escapePlain } from '../import/mdx-text.ts';
import { kebabSlug, splitIdentifier } from '../import/names.ts';
import { renderRunbook, todoLine, type RunbookFrontmatter } from '../import/render.ts';
import type { Project } from '../project.ts';
import type { TodoField } from '../../schema/runbook.ts';
import type { AlertResult } from './check.ts';
import { runbookDuration } from './prometheus-duration.ts';

export interface StubOptions {
  /** Service of every stub; default: the rule's `service` label when it names a service of the project. */
  service?: string;
  /** Folder the stubs go in, as `<folder>/<service>/<slug>.mdx` (relative to the project root); default: the content folder. */
  out?: string;
}

export interface Stub {
  alert: string;
  /** The rule file that defines the alert. */
  source: string;
  /** The runbook file, relative to the project root (undefined when skipped). */
  file?: string;
  id?: string;
  service?: string;
  content?: string;
  todo: TodoField[];
  /** Why no stub is written. */
  skipped?: string;
}

/** One stub per alert name that no runbook answers (an alert defined by several rules gets one, from its first rule). */
export function planStubs(project: Project, results: AlertResult[], options: StubOptions = {}): Stub[] {
  const services = new Set(project.services.flatMap((service) => (service.data ? [service.id] : [])));
  const taken = new Set(
    project.runbooks.flatMap((runbook) => (runbook.meta ? [runbook.meta.id, ...runbook.meta.aliases].map((name) => name.toLowerCase()) : [])),
  );
  const files = new Set(project.runbooks.map((runbook) => runbook.file));
  const seen = new Set<string>();
  const stubs: Stub[] = [];
  for (const result of results) {
    if (result.answer.runbook || result.answer.declarations.length || seen.has(result.alert.toLowerCase())) continue;
    seen.add(result.alert.toLowerCase());
    const rule = result.rule;
    const labelService = rule.labels.service && services.has(rule.labels.service) ? rule.labels.service : undefined;
    const service = options.service ?? labelService;
    if (!service) {
      stubs.push({ alert: result.alert, source: rule.file, todo: [], skipped: 'no service: pass --service <id>, or give the rule a service label naming one' });
      continue;
    }
    const slug = kebabSlug(splitIdentifier(result.alert), 'alert');
    let id = `${service}-${slug}`;
    for (let n = 2; taken.has(id); n++) id = `${service}-${slug}-${n}`;
    const file = `${(options.out ?? project.config.contentDir).replace(/\/+$/, '')}/${service}/${id.slice(service.length + 1)}.mdx`;
    if (files.has(file)) {
      stubs.push({ alert: result.alert, source: rule.file, todo: [], skipped: `${file} exists already` });
      continue;
    }
    taken.add(id);
    files.add(file);
    const severity = rule.labels.severity ? mapSeverity(rule.labels.severity) : undefined;
    const description = (rule.annotations.description ?? rule.annotations.summary ?? rule.annotations.message)?.trim();
    const todo: TodoField[] = [...(severity ? [] : (['severity'] as const)), ...(description ? [] : (['description'] as const))];
    const frontmatter: RunbookFrontmatter = {
      title: splitIdentifier(result.alert),
      description: oneLine(rule.annotations.summary ?? description ?? `What to do when the alert ${result.alert} fires.`),
      runbook: {
        id,
        service,
        severity: severity ?? 'medium',
        alerts: [
          {
            name: result.alert,
            ...(rule.expr?.trim() ? { expr: rule.expr.replace(/\s+$/, '') } : {}),
            ...(rule.for && runbookDuration(rule.for) ? { for: runbookDuration(rule.for) } : {}),
          },
        ],
        todo,
      },
    };
    const content = renderRunbook(frontmatter, body(result.alert, description, severity, rule.labels.severity));
    stubs.push({ alert: result.alert, source: rule.file, file, id, service, content, todo });
  }
  return stubs;
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

function body(alert: string, description: string | undefined, severity: string | undefined, label: string | undefined): string {
  const todo = (text: string) => todoLine(text).replace('TODO (import):', 'TODO:');
  const out = [
    todo(
      `this runbook was written by \`runbook alerts stubs\` from the alerting rule of ${alert}: fill in each section, then remove these TODO lines.${severity ? '' : ` The rule's severity label (${label ?? 'none'}) says nothing this project knows, so the severity is provisional.`}`,
    ),
    '## Meaning',
    description ? escapePlain(description) : todo('what the alert means.'),
    '## Impact',
    todo('what users and other services notice while it fires.'),
    '## Diagnosis',
    todo('the checks that find the cause, one `###` step each, with the commands to run.'),
    '## Mitigation',
    todo('what to do for each cause, one `###` step each, marking changes `risk="change"` and data loss `risk="destructive"`.'),
  ];
  return `${out.join('\n\n')}\n`;
}

/** Paths of the stubs to write, absolute. */
export function stubFiles(root: string, stubs: Stub[]): { path: string; content: string }[] {
  return stubs.flatMap((stub) => (stub.file && stub.content ? [{ path: join(root, stub.file), content: stub.content }] : []));
}
