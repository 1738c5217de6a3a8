// Temporary projects on disk for tests: config, services and runbooks from strings.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const SERVICE_YAML = `name: Tickets
owner: tickets-team
escalation:
  - who: On-call engineer
    when: immediately
    contact: "PagerDuty: tickets-primary"
`;

export interface ProjectFiles {
  /** Runbooks by path under src/content/docs/runbooks/. */
  runbooks?: Record<string, string>;
  /** Service YAML by id. */
  services?: Record<string, string>;
  /** Other files by path from the root. */
  files?: Record<string, string>;
  config?: string;
}

export function makeProject({ runbooks = {}, services = { tickets: SERVICE_YAML }, files = {}, config }: ProjectFiles): string {
  const root = mkdtempSync(join(tmpdir(), 'runbooks-test-'));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  for (const [path, text] of Object.entries(runbooks)) write(`src/content/docs/runbooks/${path}`, text);
  for (const [id, text] of Object.entries(services)) write(`src/content/services/${id}.yaml`, text);
  for (const [path, text] of Object.entries(files)) write(path, text);
  if (config !== undefined) write('runbook.config.yaml', config);
  return root;
}

/** A valid runbook; `runbook` lines are added to the runbook block, `body` replaces the body. */
export function runbookSource({
  id = 'tickets-sample',
  service = 'tickets',
  extra = '',
  body = '## Symptoms\n\nSomething is slow.\n\n## Investigation\n\n### Check pods\n\n```bash\nkubectl get pods\n```\n',
  title = 'Sample runbook',
}: { id?: string; service?: string; extra?: string; body?: string; title?: string } = {}): string {
  return `---\ntitle: ${title}\nrunbook:\n  id: ${id}\n  service: ${service}\n  severity: high\n  lastReviewed: 2026-11-01\n${extra}---\n\n${body}`;
}
