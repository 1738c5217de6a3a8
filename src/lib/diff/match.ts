// Which command of the head is which command of the base. A fence `id` names a command across edits;
// the others are aligned within their step by position and text similarity (an alignment, as a text
// diff aligns lines), so a block inserted in a step doesn't turn every later one into remove + add.
import type { SnapshotCommand } from './snapshot.ts';

export type Pair = [SnapshotCommand | undefined, SnapshotCommand | undefined];

/** Cost of leaving a command unmatched: two gaps cost more than pairing two unrelated commands at one position. */
const GAP = 0.6;

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Dice coefficient of the character bigrams of two texts (1 = same text, 0 = nothing in common). */
export function similarity(a: string, b: string): number {
  const x = normalise(a);
  const y = normalise(b);
  if (x === y) return 1;
  if (x.length < 2 || y.length < 2) return 0;
  const bigrams = new Map<string, number>();
  for (let i = 0; i < x.length - 1; i++) {
    const bigram = x.slice(i, i + 2);
    bigrams.set(bigram, (bigrams.get(bigram) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < y.length - 1; i++) {
    const bigram = y.slice(i, i + 2);
    const count = bigrams.get(bigram) ?? 0;
    if (count > 0) {
      bigrams.set(bigram, count - 1);
      shared++;
    }
  }
  return (2 * shared) / (x.length - 1 + (y.length - 1));
}

/** Order-keeping alignment of two lists with the least cost (1 - similarity per pair, GAP per unmatched command). */
function align(base: SnapshotCommand[], head: SnapshotCommand[]): Pair[] {
  const n = base.length;
  const m = head.length;
  const sim = base.map((a) => head.map((b) => similarity(a.text, b.text)));
  const cost: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = 1; i <= n; i++) cost[i][0] = i * GAP;
  for (let j = 1; j <= m; j++) cost[0][j] = j * GAP;
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      cost[i][j] = Math.min(cost[i - 1][j - 1] + 1 - sim[i - 1][j - 1], cost[i - 1][j] + GAP, cost[i][j - 1] + GAP);
    }
  }
  const pairs: Pair[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && Math.abs(cost[i][j] - (cost[i - 1][j - 1] + 1 - sim[i - 1][j - 1])) < 1e-9) {
      pairs.push([base[i - 1], head[j - 1]]);
      i--;
      j--;
    } else if (i > 0 && Math.abs(cost[i][j] - (cost[i - 1][j] + GAP)) < 1e-9) {
      pairs.push([base[i - 1], undefined]);
      i--;
    } else {
      pairs.push([undefined, head[j - 1]]);
      j--;
    }
  }
  return pairs.reverse();
}

const stepKey = (command: SnapshotCommand) => (command.step !== null ? `step:${command.step}` : `section:${command.section ?? ''}`);

/** Every command of either side, paired with its counterpart where it has one. */
export function matchCommands(base: SnapshotCommand[], head: SnapshotCommand[]): Pair[] {
  const pairs: Pair[] = [];
  const headById = new Map(head.map((command) => [command.id, command]));
  const matchedBase = new Set<SnapshotCommand>();
  const matchedHead = new Set<SnapshotCommand>();
  // 1. A fence id written on either side names the command.
  for (const command of base) {
    const other = headById.get(command.id);
    if (other && (command.explicit || other.explicit) && !matchedHead.has(other)) {
      pairs.push([command, other]);
      matchedBase.add(command);
      matchedHead.add(other);
    }
  }
  // 2. The rest, step by step, by position and similarity.
  const groups = new Map<string, { base: SnapshotCommand[]; head: SnapshotCommand[] }>();
  const group = (key: string) => groups.get(key) ?? groups.set(key, { base: [], head: [] }).get(key)!;
  for (const command of base) if (!matchedBase.has(command)) group(stepKey(command)).base.push(command);
  for (const command of head) if (!matchedHead.has(command)) group(stepKey(command)).head.push(command);
  const leftBase: SnapshotCommand[] = [];
  const leftHead: SnapshotCommand[] = [];
  for (const { base: inBase, head: inHead } of groups.values()) {
    for (const pair of align(inBase, inHead)) {
      if (pair[0] && pair[1]) pairs.push(pair);
      else if (pair[0]) leftBase.push(pair[0]);
      else if (pair[1]) leftHead.push(pair[1]);
    }
  }
  // 3. A command moved to another step (a renamed heading) is the same command when its text is.
  for (const command of leftBase) {
    const index = leftHead.findIndex((other) => normalise(other.text) === normalise(command.text));
    if (index === -1) pairs.push([command, undefined]);
    else pairs.push([command, leftHead.splice(index, 1)[0]]);
  }
  for (const command of leftHead) pairs.push([undefined, command]);
  return pairs;
}
