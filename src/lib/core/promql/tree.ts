// Prometheus's grammar (lezer-promql) parses each query once: the placeholder layers, comments, labels and
// problems of a query all walk the same tree. Trees are immutable, so they are shared; the cache is bounded.
import { parser } from '@prometheus-io/lezer-promql';

type PromqlTree = ReturnType<typeof parser.parse>;

const MAX_ENTRIES = 4096;
const trees = new Map<string, PromqlTree>();

export function parsePromql(text: string): PromqlTree {
  let tree = trees.get(text);
  if (!tree) {
    if (trees.size >= MAX_ENTRIES) trees.delete(trees.keys().next().value!);
    tree = parser.parse(text);
    trees.set(text, tree);
  }
  return tree;
}
