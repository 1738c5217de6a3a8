// The registry: a view of the project model for tooling. Deterministic: same sources, same bytes.
import { REGISTRY_VERSION, type Registry, type RegistryCommand, type RegistryRunbook } from '../schema/registry.ts';
import type { Block, Runbook } from './model/types.ts';
import { ownerOf, stalenessOf, type Project } from './project.ts';
import { effectiveRisk } from './core/risk/effective.ts';
import { pageUrl } from './urls.ts';

export interface RegistryOptions {
  /** Add `generatedAt` (off by default, so two builds are byte-identical). */
  timestamp?: Date;
  /** `$schema` URL to put in the document. */
  schemaUrl?: string;
}

const unique = (names: string[]) => [...new Set(names)];

export function commandOf(runbook: Runbook, block: Block): RegistryCommand {
  const language = block.language ?? 'shell';
  return {
    id: block.id,
    runbook: runbook.id,
    step: block.step,
    section: block.section,
    kind: block.kind as 'command' | 'console',
    lang: block.lang,
    language,
    text: block.command ?? block.code,
    // Tooling trusts this: a block that declares less than its commands do is listed at what they do.
    risk: effectiveRisk(block.kind, block.attributes, block.analysis.risk).risk,
    longRunning: block.attributes.longRunning,
    interactive: block.attributes.interactive,
    ...(block.attributes.target ? { target: block.attributes.target } : {}),
    ...(block.attributes.timeout ? { timeout: block.attributes.timeout } : {}),
    placeholders: block.placeholders.map((ref) => ({ name: ref.name, start: ref.commandStart, end: ref.commandEnd, context: ref.context })),
    env: unique(block.env.map((ref) => ref.name)),
    source: { file: runbook.file, line: block.span.start.line, endLine: block.span.end.line },
  };
}

/** Blocks that are commands (run by tooling), in document order. */
export function commandBlocks(runbook: Runbook): Block[] {
  return runbook.blocks.filter((block) => block.kind === 'command' || block.kind === 'console');
}

/**
 * A runbook as the registry lists it. `withCommands: false` leaves the commands out (an empty list):
 * their effective risk reads every command, which `runbook list` does not show.
 */
export function registryRunbook(project: Project, runbook: Runbook, { withCommands = true }: { withCommands?: boolean } = {}): RegistryRunbook | undefined {
  const meta = runbook.meta;
  if (!meta) return undefined;
  const review = stalenessOf(project, runbook);
  const owner = ownerOf(project, runbook);
  return {
    id: meta.id,
    aliases: meta.aliases,
    title: runbook.title,
    ...(runbook.data?.description ? { description: runbook.data.description } : {}),
    service: meta.service,
    ...(owner ? { owner } : {}),
    severity: meta.severity,
    alerts: meta.alerts,
    ...(meta.responseTime ? { responseTime: meta.responseTime } : {}),
    ...(meta.timeToResolve ? { timeToResolve: meta.timeToResolve } : {}),
    ...(meta.lastReviewed ? { lastReviewed: meta.lastReviewed } : {}),
    reviewEvery: meta.reviewEvery ?? project.config.reviewEvery,
    ...(review.dueOn ? { reviewDue: review.dueOn } : {}),
    stale: review.stale,
    url: pageUrl(runbook.file, project.config.docsDir),
    source: { file: runbook.file, line: 1, endLine: runbook.source.split('\n').length },
    variables: meta.variables,
    env: meta.env,
    related: meta.related,
    tags: meta.tags,
    steps: runbook.steps.map((step) => ({ id: step.id, title: step.title, section: step.section, line: step.span.start.line })),
    alternatives: runbook.alternatives.map((group) => ({
      id: group.id,
      section: group.section,
      line: group.span.start.line,
      endLine: group.span.end.line,
      options: group.options.map((option) => ({
        id: option.id,
        label: option.label,
        title: option.title,
        steps: option.steps,
        line: option.span.start.line,
        endLine: option.span.end.line,
      })),
    })),
    commands: withCommands ? commandBlocks(runbook).map((block) => commandOf(runbook, block)) : [],
  };
}

export function buildRegistry(project: Project, options: RegistryOptions = {}): Registry {
  const runbooks = project.runbooks
    .map((runbook) => registryRunbook(project, runbook))
    .filter((entry): entry is RegistryRunbook => entry !== undefined)
    .sort((a, b) => a.id.localeCompare(b.id));
  const services = project.services
    .flatMap((service) => (service.data ? [service.data] : []))
    .map(({ id, name, owner, description, escalation }) => ({ id, name, owner, ...(description ? { description } : {}), escalation }))
    .sort((a, b) => a.id.localeCompare(b.id));
  const alerts = runbooks
    .flatMap((runbook) => runbook.alerts.map((alert) => ({ name: alert.name, runbook: runbook.id, severity: runbook.severity, service: runbook.service })))
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    ...(options.schemaUrl ? { $schema: options.schemaUrl } : {}),
    registryVersion: REGISTRY_VERSION,
    ...(options.timestamp ? { generatedAt: options.timestamp.toISOString() } : {}),
    date: project.now,
    services,
    alerts,
    runbooks,
  };
}

/** The registry as the bytes the site serves and the CLI prints. */
export function serializeRegistry(registry: Registry): string {
  return `${JSON.stringify(registry, null, 2)}\n`;
}
