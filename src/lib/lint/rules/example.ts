// Builds the example runbooks shown on rule docs pages (and linted by a test).

export interface ExampleParts {
  /** Extra lines inside the `runbook:` block (indented by two spaces). */
  runbook?: string;
  /** The body after the frontmatter. */
  body?: string;
  title?: string;
}

const DEFAULT_BODY = `## Symptoms

The API answers slowly.

## Investigation

### Check the pods

\`\`\`bash
kubectl -n shop get pods
\`\`\`
`;

/** A complete, valid runbook of the `tickets` service with the given parts changed. */
export function exampleRunbook({ runbook = '', body = DEFAULT_BODY, title = 'Slow API' }: ExampleParts = {}): string {
  const extra = runbook ? `${runbook.replace(/^/gm, '  ')}\n` : '';
  return `---
title: ${title}
runbook:
  id: shop-slow-api
  service: tickets
  severity: high
  lastReviewed: 2026-11-01
${extra}---

${body}`;
}
