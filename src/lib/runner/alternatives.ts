// Choices in a run: a runbook's alternatives (`### Option A: …`, `### If …`, src/lib/model/alternatives.ts) are
// not run one after another. A run is split at each choice; `--option` decides a choice up front, a person at a
// terminal decides it when the run gets there, and without either the run stops there.
import { matchOption } from '../model/alternatives.ts';
import { effectiveRisk } from '../core/risk/effective.ts';
import { compareRisk } from '../core/risk/levels.ts';
import type { AlternativeOption, Alternatives, Block, Risk, Runbook } from '../model/types.ts';
import { selectBlocks, type PlannedCommand } from './plan.ts';

/** A stretch of a run: blocks that run in order, or a choice between options (each with its blocks). */
export type RunPart = { kind: 'blocks'; blocks: Block[] } | { kind: 'choice'; group: Alternatives; blocks: Map<string, Block[]> };

/** The group and option a step belongs to, if any. */
export function optionOfStep(runbook: Runbook, step: string | null): { group: Alternatives; option: AlternativeOption } | undefined {
  if (!step) return undefined;
  for (const group of runbook.alternatives) {
    const option = group.options.find((candidate) => candidate.steps.includes(step));
    if (option) return { group, option };
  }
  return undefined;
}

/**
 * Splits the selected blocks at the choices they contain. A choice applies to a run of every step (no `--step`) and
 * to a `--step` that selects steps of two of its options or more at once (`--step resolution`, a prefix such as
 * `--step option`); steps picked one by one with `--step` are an explicit choice already.
 */
export function splitAtChoices(runbook: Runbook, blocks: Block[], steps: string[] | undefined): RunPart[] {
  const bulk = steps?.length ? steps.map((step) => selectBlocks(runbook, [step])) : [];
  const applies = (group: Alternatives) =>
    !steps?.length ||
    bulk.some((selected) => new Set(selected.flatMap((block) => group.options.filter((option) => block.step && option.steps.includes(block.step)))).size > 1);
  const parts: RunPart[] = [];
  for (const block of blocks) {
    const found = optionOfStep(runbook, block.step);
    if (!found || !applies(found.group)) {
      const last = parts.at(-1);
      if (last?.kind === 'blocks') last.blocks.push(block);
      else parts.push({ kind: 'blocks', blocks: [block] });
      continue;
    }
    let part = parts.find((candidate): candidate is Extract<RunPart, { kind: 'choice' }> => candidate.kind === 'choice' && candidate.group === found.group);
    if (!part) {
      part = { kind: 'choice', group: found.group, blocks: new Map(found.group.options.map((option) => [option.id, []])) };
      parts.push(part);
    }
    part.blocks.get(found.option.id)!.push(block);
  }
  return parts;
}

/**
 * `--option` values: `B`, an option id or a unique prefix of one, or `<group>:<option>` where the group is its id
 * (`resolution`) or its number (`2`). Values without a group decide the runbook's choices in document order.
 */
export function resolveOptionArgs(runbook: Runbook, values: readonly string[]): { chosen: Map<string, AlternativeOption>; problems: string[] } {
  const chosen = new Map<string, AlternativeOption>();
  const problems: string[] = [];
  const groups = runbook.alternatives;
  if (values.length && !groups.length) {
    problems.push(
      `--option ${values[0]}: ${runbook.id} has no choice between options (no "### Option A: …" or "### If …" steps in its Resolution); use --step to pick steps`,
    );
    return { chosen, problems };
  }
  for (const value of values) {
    const colon = value.indexOf(':');
    let group: Alternatives | undefined;
    if (colon >= 0) {
      const name = value.slice(0, colon).trim().toLowerCase();
      group = groups.find((candidate, index) => candidate.id === name || String(index + 1) === name);
      if (!group) {
        problems.push(
          `--option ${value}: ${runbook.id} has no choice "${name}" (choices: ${groups.map((candidate, index) => `${index + 1} or ${candidate.id}`).join('; ')})`,
        );
        continue;
      }
    } else {
      group = groups.find((candidate) => !chosen.has(candidate.id));
      if (!group) {
        problems.push(
          `--option ${value}: ${runbook.id} has ${groups.length === 1 ? 'one choice' : `${groups.length} choices`}, and each already has its --option`,
        );
        continue;
      }
    }
    const text = colon >= 0 ? value.slice(colon + 1) : value;
    if (chosen.has(group.id)) {
      problems.push(`--option ${value}: the choice "${group.id}" already has an option (${chosen.get(group.id)!.label}); give one per choice`);
      continue;
    }
    const match = matchOption(group, text);
    if (match.option) chosen.set(group.id, match.option);
    else if (match.candidates.length > 1)
      problems.push(
        `--option ${value}: "${text}" could be ${match.candidates.map((option) => `${option.label} (${option.id})`).join(' or ')}; give more of the id, or the letter`,
      );
    else
      problems.push(
        `--option ${value}: the choice "${group.id}" has no option "${text}" (options: ${group.options.map((option) => `${option.label} (${option.id})`).join(', ')})`,
      );
  }
  return { chosen, problems };
}

/** The highest risk among an option's commands, after the core's inference; undefined when it has none. */
export function optionRisk(blocks: Block[]): Risk | undefined {
  let top: Risk | undefined;
  for (const block of blocks) {
    const risk = effectiveRisk(block.kind, block.attributes, block.analysis.risk).risk;
    if (!top || compareRisk(risk, top) > 0) top = risk;
  }
  return top;
}

/** One line per option: its letter, title and highest risk, as the terminal question and the refusal show them. */
export function describeOptions(part: Extract<RunPart, { kind: 'choice' }>): string[] {
  const width = Math.max(...part.group.options.map((option) => option.label.length));
  return part.group.options.map((option) => {
    const blocks = part.blocks.get(option.id) ?? [];
    const risk = optionRisk(blocks);
    const what = risk ? `${blocks.length} command${blocks.length === 1 ? '' : 's'}, ${risk}` : 'no commands';
    return `  ${option.label.padEnd(width)}  ${option.title}  (${what}; id: ${option.id})`;
  });
}

/** The message of a run that stops at a choice it may not make itself. */
export function choiceNeeded(runbook: Runbook, part: Extract<RunPart, { kind: 'choice' }>, ran: boolean): string {
  const group = part.group;
  const index = runbook.alternatives.indexOf(group);
  const many = runbook.alternatives.length > 1;
  const example = part.group.options[1] ?? part.group.options[0];
  const pick = many ? `--option ${group.id}:${example.label} (or --option ${index + 1}:${example.label})` : `--option ${example.label}`;
  return [
    `${runbook.id}: ${ran ? 'stopped at' : 'reached'} a choice${many ? ` (${group.id})` : ''}: its options are alternatives, and without a terminal nobody can say which one fits:`,
    ...describeOptions(part),
    `Run it again with ${pick}, or pick steps with --step.`,
  ].join('\n');
}

/** Marks planned commands with the option they belong to (for the transcript and `--json`). */
export function markOptions(runbook: Runbook, commands: PlannedCommand[]): PlannedCommand[] {
  return commands.map((command) => {
    const found = optionOfStep(runbook, command.step);
    return found ? { ...command, option: { group: found.group.id, id: found.option.id, label: found.option.label } } : command;
  });
}
