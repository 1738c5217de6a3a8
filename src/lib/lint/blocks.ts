// Which blocks a rule looks at, named once for every rule.
import type { Block } from '../model/types.ts';

/** Shell command and console blocks: the ones that run in a shell. */
export function isShellCommandBlock(block: Block): boolean {
  return block.language === 'shell' && (block.kind === 'command' || block.kind === 'console');
}
