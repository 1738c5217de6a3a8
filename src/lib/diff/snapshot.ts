// What `runbook diff` compares: each runbook's operational facts (id, file, severity, owner, service,
// alerts, commands with their risk and placeholders), from a registry entry, a registry.json of any
// age (read as far as it goes), or a runbook whose frontmatter no longer validates (read leniently).
import { RISKS, type Risk, type Runbook } from '../model/types.ts';
import type { RegistryRunbook } from '../../schema/registry.ts';
import { commandBlocks, commandOf } from '../registry.ts';
import { pageUrl } from '../urls.ts';

export interface SnapshotCommand {
  id: string;
  /** The fence wrote the id (`id="..."`): it names the command across edits. */
  explicit: boolean;
  step: string | null;
  section: string | null;
  text: string;
  risk: Risk;
  /** `name` and the context the core found, as a comparable string. */
  placeholders: { name: string; context: string }[];
}

export interface SnapshotRunbook {
  id: string;
  title: string;
  file: string;
  /** Path of the page on the site. */
  url: string;
  severity?: string;
  owner?: string;
  service?: string;
  alerts: string[];
  commands: SnapshotCommand[];
  /** Step id → its heading, for the links of the report. */
  steps: Record<string, string>;
}

export interface Snapshot {
  /** What was read: a revision, the working tree, a registry file. */
  label: string;
  runbooks: Map<string, SnapshotRunbook>;
  /** What could not be read as today's schema wants (compared as far as it reads). */
  notes: string[];
}

const isRisk = (value: unknown): value is Risk => typeof value === 'string' && (RISKS as readonly string[]).includes(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The id the model derives for a block without one: `<runbook>/<anchor>` or `<runbook>/<anchor>-<n>`. */
function looksDerived(id: string, runbook: string, step: string | null): boolean {
  if (!id.startsWith(`${runbook}/`)) return false;
  const rest = id.slice(runbook.length + 1);
  if (rest.includes('/')) return false;
  if (step === null) return true; // a block under a section: its anchor is the section's slug
  return rest === step || (rest.startsWith(`${step}-`) && /^\d+$/.test(rest.slice(step.length + 1)));
}

/** A registry entry (or what a registry.json of another version holds) as a snapshot runbook; undefined without an id. */
export function fromRegistryEntry(entry: Partial<RegistryRunbook> | Record<string, unknown>, explicitIds?: Set<string>): SnapshotRunbook | undefined {
  const value = entry as Record<string, unknown>;
  const id = str(value.id);
  if (!id) return undefined;
  const commands = Array.isArray(value.commands) ? value.commands : [];
  const steps = Array.isArray(value.steps) ? value.steps : [];
  const source = value.source as { file?: unknown } | undefined;
  return {
    id,
    title: str(value.title) ?? id,
    file: str(source?.file) ?? '',
    url: str(value.url) ?? '',
    ...(str(value.severity) ? { severity: str(value.severity) } : {}),
    ...(str(value.owner) ? { owner: str(value.owner) } : {}),
    ...(str(value.service) ? { service: str(value.service) } : {}),
    alerts: Array.isArray(value.alerts)
      ? value.alerts.flatMap((alert) =>
          str((alert as { name?: unknown })?.name) ? [(alert as { name: string }).name] : typeof alert === 'string' ? [alert] : [],
        )
      : [],
    commands: commands.flatMap((raw): SnapshotCommand[] => {
      const command = raw as Record<string, unknown>;
      const commandId = str(command.id);
      const text = str(command.text);
      if (!commandId || text === undefined) return [];
      const step = str(command.step) ?? null;
      const placeholders = Array.isArray(command.placeholders) ? command.placeholders : [];
      return [
        {
          id: commandId,
          explicit: explicitIds ? explicitIds.has(commandId) : !looksDerived(commandId, id, step),
          step,
          section: str(command.section) ?? null,
          text,
          risk: isRisk(command.risk) ? command.risk : 'read',
          // Registry v1 listed placeholder names only; v2 objects with their context.
          placeholders: placeholders.flatMap((placeholder) =>
            typeof placeholder === 'string'
              ? [{ name: placeholder, context: '' }]
              : str((placeholder as { name?: unknown })?.name)
                ? [{ name: (placeholder as { name: string }).name, context: JSON.stringify((placeholder as { context?: unknown }).context ?? '') }]
                : [],
          ),
        },
      ];
    }),
    steps: Object.fromEntries(
      steps.flatMap((step) => (str((step as { id?: unknown })?.id) ? [[(step as { id: string }).id, str((step as { title?: unknown }).title) ?? '']] : [])),
    ),
  };
}

/** Command ids written on fences, which name a command across edits. */
export function explicitIds(runbook: Runbook): Set<string> {
  return new Set(runbook.blocks.flatMap((block) => (block.attributes.id ? [block.id] : [])));
}

/**
 * A runbook whose frontmatter does not validate (an old revision, before a schema change), read as far
 * as it goes: the raw `runbook` block for id, severity, owner, service and alerts, and the commands the
 * model found in its body. Undefined when it has no id at all.
 */
export function fromInvalidRunbook(runbook: Runbook, docsDir: string): SnapshotRunbook | undefined {
  const raw = (runbook.frontmatter.raw as { title?: unknown; runbook?: Record<string, unknown> } | undefined) ?? {};
  const block = raw.runbook && typeof raw.runbook === 'object' ? raw.runbook : {};
  const id = str(block.id);
  if (!id) return undefined;
  const explicit = explicitIds(runbook);
  const commands = commandBlocks(runbook).map((b) => commandOf(runbook, b));
  return fromRegistryEntry(
    {
      id,
      title: str(raw.title) ?? runbook.title,
      source: { file: runbook.file, line: 1, endLine: 1 },
      url: pageUrl(runbook.file, docsDir),
      severity: str(block.severity),
      owner: str(block.owner),
      service: str(block.service),
      alerts: Array.isArray(block.alerts) ? block.alerts : [],
      commands: commands.map((command) => (explicit.has(command.id) ? command : { ...command, id: command.id.replace(`${runbook.id}/`, `${id}/`) })),
      steps: runbook.steps.map((step) => ({ id: step.id, title: step.title, section: step.section, line: step.span.start.line })),
    } as Record<string, unknown>,
    explicit,
  );
}
