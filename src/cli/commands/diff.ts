// placeholder
import type { Command } from 'commander';
import type { CommandContext } from '../context.ts';
export function registerDiff(_program: Command, _context: CommandContext): void {}
