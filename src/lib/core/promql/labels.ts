// The labels an alert's expression is about: its equality matchers (`namespace="production"`) that every
// selector of the expression agrees on, read with Prometheus's own grammar. An alert declared by runbooks
// of several services is told apart by them: an alert link carrying `?namespace=production` picks the
// runbook whose expression selects that namespace.
import { parsePromql } from './tree.ts';

function stringValue(literal: string): string | undefined {
  if (literal.startsWith('`')) return literal.slice(1, -1);
  if (literal.startsWith("'")) return literal.slice(1, -1).replace(/\\(.)/g, '$1');
  try {
    return JSON.parse(literal) as string;
  } catch {
    return undefined;
  }
}

/** Label → value for the `label="value"` matchers shared by every vector selector of `expr`; {} when none or on a syntax error. */
export function alertLabels(expr: string): Record<string, string> {
  const tree = parsePromql(expr);
  let broken = false;
  const selectors: Map<string, string>[] = [];
  let current: Map<string, string> | undefined;
  tree.iterate({
    enter(node) {
      if (node.type.isError) broken = true;
      if (node.name === 'VectorSelector') selectors.push((current = new Map()));
      if ((node.name === 'UnquotedLabelMatcher' || node.name === 'QuotedLabelMatcher') && current) {
        const name = node.node.getChild('LabelName') ?? node.node.getChild('QuotedLabelName')?.getChild('StringLiteral');
        const op = node.node.getChild('MatchOp');
        const value = node.node.getChild('StringLiteral');
        if (!name || !op?.getChild('EqlSingle') || !value) return;
        const label = name.name === 'StringLiteral' ? stringValue(expr.slice(name.from, name.to)) : expr.slice(name.from, name.to);
        const text = stringValue(expr.slice(value.from, value.to));
        if (label !== undefined && text !== undefined && text !== '') current.set(label, text);
      }
    },
  });
  if (broken || !selectors.length) return {};
  const [first, ...rest] = selectors;
  return Object.fromEntries([...first].filter(([label, value]) => rest.every((selector) => selector.get(label) === value)));
}
