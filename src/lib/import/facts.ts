// The importer's only door to the analysis core: what a block's commands risk, whether they run
// forever or need a terminal, and which `$NAME`s the runbook never sets. Every fact about shell or
// SQL text comes from the core through here, so re-pointing the importer at a new core is this file.
import { commandRanges, findEnvRefs } from '../model/code.ts';
import type { Block, Risk } from '../model/types.ts';
import { inferRisk } from '../risk.ts';
import { findTraits } from '../traits.ts';

export interface BlockFacts {
  risk: Risk;
  /** Why, and the command (for the report): "`kubectl delete pod` deletes Kubernetes objects". */
  reason?: string;
  longRunning: boolean;
  interactive: boolean;
}

/** Risk and traits of a command or console block, as the core classifies its code. */
export function blockFacts(block: Pick<Block, 'code' | 'kind' | 'language'>): BlockFacts | undefined {
  if ((block.kind !== 'command' && block.kind !== 'console') || !block.language) return undefined;
  const inferred = inferRisk(block.code, block.language, block.kind);
  const shell = block.language === 'shell';
  return {
    risk: inferred.risk,
    ...(inferred.command ? { reason: `\`${inferred.command}\` ${inferred.reason}` } : {}),
    longRunning: shell && findTraits(block.code, block.kind, 'long-running').length > 0,
    interactive: shell && findTraits(block.code, block.kind, 'interactive').length > 0,
  };
}

/**
 * Names the runbook's shell blocks read but never set in any of its blocks (`$POD` where no block
 * says `POD=`): the core's environment references, computed over all the blocks at once so that an
 * assignment in one block counts for the others.
 */
export function envNeverSet(blocks: Pick<Block, 'code' | 'kind' | 'language'>[]): Set<string> {
  const shell = blocks.filter((block) => block.language === 'shell' && (block.kind === 'command' || block.kind === 'console'));
  let code = '';
  const ranges: { start: number; end: number }[] = [];
  for (const block of shell) {
    const offset = code.length;
    for (const range of commandRanges(block.code, block.kind)) ranges.push({ start: offset + range.start, end: offset + range.end });
    code += `${block.code}\n`;
  }
  return new Set(findEnvRefs(code, ranges).map((ref) => ref.name));
}
