// Where a command block runs: the one table from a block's language or `target` attribute to the bash script
// that runs it and the environment that script needs. Every block ends up as `bash -euo pipefail -c <script>`,
// so streaming, timeouts and Ctrl-C work the same for all of them, and a dry run prints what really runs.
import type { Block, CommandLanguage } from '../model/types.ts';
import { quoteFor } from '../core/quote.ts';

export interface Target {
  /** Environment the script reads besides what the block itself declares. */
  env: string[];
  /** The bash script that runs the (filled) code of a block. */
  script: (code: string) => string;
}

export const TARGETS = {
  bash: { env: [], script: (code) => code },
  psql: {
    env: ['DATABASE_URL'],
    script: (code) => {
      const delimiter = heredocDelimiter(code, 'SQL');
      return `psql "$DATABASE_URL" -v ON_ERROR_STOP=1 <<'${delimiter}'\n${code}\n${delimiter}`;
    },
  },
  promql: {
    env: ['PROMETHEUS_URL'],
    // --fail-with-body: Prometheus explains a bad query in the body of its HTTP 400.
    script: (code) =>
      `curl -sS --fail-with-body -G "$PROMETHEUS_URL/api/v1/query" --data-urlencode ${quoteFor({ layers: [{ kind: 'shell-word' }] }, `query=${code}`)}`,
  },
} satisfies Record<string, Target>;

export type TargetName = keyof typeof TARGETS;

/** The target of a block without a `target` attribute. */
const DEFAULT_TARGETS: Record<CommandLanguage, TargetName> = { shell: 'bash', sql: 'psql', promql: 'promql' };

/** Other spellings of a target accepted in `target="..."`. */
const TARGET_ALIASES: Record<string, TargetName> = { shell: 'bash', sh: 'bash', postgres: 'psql', postgresql: 'psql', prometheus: 'promql' };

/** The target that runs `block`, or a message when its `target` attribute names one the runner does not know. */
export function targetOf(block: Block): { name: TargetName; target: Target } | { unknown: string } {
  const wanted = block.attributes.target?.toLowerCase();
  const name = wanted ? (Object.hasOwn(TARGETS, wanted) ? (wanted as TargetName) : TARGET_ALIASES[wanted]) : DEFAULT_TARGETS[block.language ?? 'shell'];
  if (!name) return { unknown: `target "${block.attributes.target}" is not one the runner knows (${Object.keys(TARGETS).join(', ')})` };
  return { name, target: TARGETS[name] };
}

/** A heredoc delimiter that is not a line of `code`. */
function heredocDelimiter(code: string, base: string): string {
  const lines = new Set(code.split('\n'));
  let delimiter = base;
  for (let n = 2; lines.has(delimiter); n++) delimiter = `${base}_${n}`;
  return delimiter;
}
