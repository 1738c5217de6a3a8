// Rules over the frontmatter and the references between files, found by the model.
import { exampleRunbook } from './example.ts';
import { modelRule } from './model-problems.ts';

export const schemaFrontmatter = modelRule({
  id: 'schema/frontmatter',
  category: 'schema',
  severity: 'error',
  description: 'Frontmatter must match the runbook schema: known keys, valid values, required fields.',
  docs: 'The frontmatter is validated by the zod schema in `src/schema/runbook.ts` (see the frontmatter reference). The message names the field, what was found and what is allowed, at the line of the key. Pages under the runbooks folder must carry the `runbook` block.',
  examples: {
    bad: exampleRunbook({ runbook: 'severty: high\nresponseTime: soon' }),
    good: exampleRunbook({ runbook: 'responseTime: 5m' }),
  },
});

export const schemaYaml = modelRule({
  id: 'schema/yaml',
  category: 'schema',
  severity: 'error',
  description: 'Frontmatter and service files must be valid YAML.',
  docs: 'A YAML syntax error (bad indentation, an unclosed bracket, a duplicated key) makes the whole frontmatter unreadable; it is reported where the parser stopped.',
  examples: {
    bad: exampleRunbook({ runbook: 'tags: [latency' }),
    good: exampleRunbook({ runbook: 'tags: [latency]' }),
  },
});

export const schemaDuplicate = modelRule({
  id: 'schema/duplicate',
  category: 'schema',
  severity: 'error',
  description: 'Runbook ids and aliases must be unique across all runbooks, alert names within a service.',
  docs: "Tools find a runbook by its id, any alias or any of its alert names (`runbook show PodCrashLooping`, `/alerts/PodCrashLooping/`). An id or an alias must lead to exactly one runbook. An alert name leads to one runbook per service: runbooks of different services may declare the same alert (a cluster-wide `KubePodCrashLooping`), and then `/alerts/<name>/` lets the reader choose, or picks from `?service=` or the alert's labels. The message points at the second use and names the first.",
  examples: {
    bad: exampleRunbook({ runbook: 'aliases: [RB-1, RB-1]' }),
    good: exampleRunbook({ runbook: 'aliases: [RB-1]' }),
  },
});

export const schemaReference = modelRule({
  id: 'schema/reference',
  category: 'schema',
  severity: 'error',
  description: '`service` and `related` must name things that exist, and a runbook lives in its service folder.',
  docs: "A runbook's `service` must be a file in the services folder; each id in `related` must be a runbook. A runbook file sits in `runbooks/<service>/`, so the sidebar groups it with its service.",
  examples: {
    bad: exampleRunbook({ runbook: 'related: [shop-no-such-runbook]' }),
    good: exampleRunbook(),
  },
});

export const schemaService = modelRule({
  id: 'schema/service',
  category: 'schema',
  severity: 'error',
  description: 'Service files must match the service schema (name, owner, escalation levels).',
  docs: 'Each file in the services folder declares a service: `name`, `owner`, an optional `description` and an ordered `escalation` list of `who`, `when` and `contact`. Contacts are placeholders (a pager schedule, a channel), never real phone numbers.',
  examples: {
    kind: 'service',
    bad: 'name: Tickets\nowner: tickets-team\nescalation:\n  - who: On-call engineer\n    when: immediately\n    contact: "+1 415 867 5309"\n',
    good: 'name: Tickets\nowner: tickets-team\nescalation:\n  - who: On-call engineer\n    when: immediately\n    contact: "PagerDuty: tickets-primary"\n',
  },
});

export const mdxSyntax = modelRule({
  id: 'mdx/syntax',
  category: 'schema',
  severity: 'error',
  description: 'The page must be valid MDX.',
  docs: 'MDX reads `<` as the start of a component and `{` as the start of an expression, so prose such as `latency < 500ms` or `{namespace}` breaks the page. Put such text in backticks or escape it (`&lt;`, `\\{`).',
  examples: {
    bad: exampleRunbook({ body: '## Symptoms\n\nLatency goes above {threshold.\n' }),
    good: exampleRunbook({
      body: '## Symptoms\n\nLatency goes above `{threshold}`.\n\n## Investigation\n\n### Check the pods\n\n```bash\nkubectl -n shop get pods\n```\n',
    }),
  },
});

export const fencesAttributes = modelRule({
  id: 'fences/attributes',
  category: 'commands',
  severity: 'error',
  description: 'Code block attributes must be known and well-formed (`risk`, `long-running`, `id`, ...).',
  docs: "Attributes after a fence's language use Expressive Code's `key=\"value\"` syntax. Our attributes are `id`, `risk` (read, change, destructive), `long-running`, `interactive`, `target`, `text`, `timeout` and `lint-ignore`; Expressive Code's own (`title`, `frame`, `mark`, ...) are allowed too. A misspelt attribute would silently do nothing, so it is an error.",
  examples: {
    bad: exampleRunbook({
      body: '## Symptoms\n\nSlow.\n\n## Resolution\n\n### Restart\n\n```bash risk="moderate" longrunning\nkubectl -n shop rollout restart deployment/api\n```\n',
    }),
    good: exampleRunbook({
      body: '## Symptoms\n\nSlow.\n\n## Resolution\n\n### Restart\n\n```bash risk="change"\nkubectl -n shop rollout restart deployment/api\n```\n',
    }),
  },
});

export const idsUnique = modelRule(
  {
    id: 'ids/unique',
    category: 'schema',
    severity: 'error',
    description: 'Step and command ids must be unique within a runbook.',
    docs: "A step's id is the slug of its heading and a command's id is `<runbook-id>/<step-id>[-n]` or its `id` attribute. Tools refer to steps and commands by these ids (`runbook run x --step check-logs`), so two steps with the same heading, or two blocks with the same `id`, are errors.",
    examples: {
      bad: exampleRunbook({
        body: '## Symptoms\n\nSlow.\n\n## Investigation\n\n### Check logs\n\n```bash\nkubectl -n shop logs deploy/api\n```\n\n## Verification\n\n### Check logs\n\n```bash\nkubectl -n shop logs deploy/api --since=5m\n```\n',
      }),
      good: exampleRunbook({
        body: '## Symptoms\n\nSlow.\n\n## Investigation\n\n### Check logs\n\n```bash\nkubectl -n shop logs deploy/api\n```\n\n## Verification\n\n### Check recent logs\n\n```bash\nkubectl -n shop logs deploy/api --since=5m\n```\n',
      }),
    },
  },
  'ids/unique',
);
