// The importer's only door to the analysis core: what a block's commands risk, whether they run
// forever or need a terminal, and which `$NAME`s the runbook never sets. Every fact about shell or
// SQL text comes from the core through here.
import { analyzeBlock } from '../core/block.ts';
import { effectiveRisk } from '../core/risk/effective.ts';
import type { Block, Risk } from '../model/types.ts';

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
  const analysis = analyzeBlock({ code: block.code, kind: block.kind, language: block.language });
  const risk = effectiveRisk(block.kind, { risk: 'read', riskDeclared: false }, analysis.risk);
  return {
    risk: risk.risk,
    ...(risk.raised ? { reason: `${risk.raised.command ? `\`${risk.raised.command}\` ` : ''}${risk.raised.reason}` } : {}),
    longRunning: analysis.longRunning.length > 0 || analysis.endless.length > 0,
    interactive: analysis.interactive.length > 0,
  };
}

/**
 * Names the runbook's shell blocks read but never set in any of its blocks (`$POD` where no block
 * says `POD=`): the core's environment references of all the blocks' commands read as one script, so that
 * an assignment in one block counts for the others.
 */
export function envNeverSet(blocks: Pick<Block, 'code' | 'kind' | 'language'>[]): Set<string> {
  const shell = blocks.filter((block) => block.language === 'shell' && (block.kind === 'command' || block.kind === 'console'));
  const script = shell.map((block) => analyzeBlock({ code: block.code, kind: block.kind, language: 'shell' }).command).join('\n');
  return new Set(analyzeBlock({ code: script, kind: 'command', language: 'shell' }).env.map((ref) => ref.name));
}
