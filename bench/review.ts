// Benchmarks of the review tools: `runbook alerts check` of N alerting rules against N runbooks, and
// `runbook diff` of two git revisions of N runbooks (the second with a few runbooks changed, moved and
// added), each timed in fresh processes; the diff with its per-file cache warm (one untimed run first).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeCorpus } from './corpus.ts';
import { median, runNode } from './measure.ts';

const REPO = process.cwd();
const CLI = join(REPO, 'scripts/runbook.js');

export interface ReviewFigures {
  alertRules: number;
  alertsCheckMs: number[];
  diffRunbooks: number;
  diffColdMs: number;
  diffWarmMs: number[];
}

/** A Prometheus rule file for the corpus's alerts: one rule per runbook alert, every 20th alert without a runbook, links of each kind. */
function ruleFile(count: number, corpusAlerts: string[]): string {
  const lines = ['# Synthetic alerting rules for the benchmark.', 'groups:'];
  for (let index = 0; index < count; index++) {
    if (index % 50 === 0) lines.push(`  - name: group-${index / 50}`, '    rules:');
    const alert = index % 20 === 19 ? `UnansweredAlert${index}` : corpusAlerts[index % corpusAlerts.length];
    const url =
      index % 3 === 0
        ? `https://runbooks.example.com/alerts/${alert}/?pod={{ $labels.pod }}`
        : index % 3 === 1
          ? 'https://runbooks.example.com/alerts/{{ $labels.alertname }}/'
          : `https://wiki.example.com/${alert}`;
    lines.push(
      `      - alert: ${alert}`,
      `        expr: sum by (pod) (rate(http_requests_total{service="s${index % 20}", code=~"5.."}[5m])) > ${index}`,
      '        for: 10m',
      '        labels:',
      `          severity: ${index % 2 ? 'warning' : 'critical'}`,
      '        annotations:',
      `          summary: "{{ $labels.pod }} fails ({{ $value }})"`,
      `          runbook_url: "${url}"`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.email=bench@example.com', '-c', 'user.name=bench', ...args], { cwd, stdio: 'pipe' });

function project(root: string, n: number): string[] {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const files = writeCorpus(join(root, 'src/content'), { count: n, services: 20 });
  // writeCorpus puts runbooks under <dir>/runbooks and services under <dir>/services; the project's layout has docs/runbooks.
  mkdirSync(join(root, 'src/content/docs'), { recursive: true });
  renameSync(join(root, 'src/content/runbooks'), join(root, 'src/content/docs/runbooks'));
  writeFileSync(join(root, 'runbook.config.yaml'), 'site: https://runbooks.example.com\nnow: 2026-11-24\n');
  // The CLI's module cache and the diff's per-file cache live under node_modules/.cache of the project.
  mkdirSync(join(root, 'node_modules'), { recursive: true });
  return files.flatMap((file) => [...file.content.matchAll(/^ {4}- name: (\S+)$/gm)].map((match) => match[1]));
}

export async function reviewFigures(
  work: string,
  { rules = 500, runbooks = 2000, runs = 3 }: { rules?: number; runbooks?: number; runs?: number } = {},
): Promise<ReviewFigures> {
  // alerts check: N rules against a project of N runbooks.
  const alertsRoot = join(work, `alerts-${rules}`);
  const alerts = project(alertsRoot, rules);
  writeFileSync(join(alertsRoot, 'rules.yaml'), ruleFile(rules, alerts));
  const check = async () => {
    const result = await runNode([CLI, 'alerts', 'check', 'rules.yaml', '--format', 'json'], alertsRoot);
    const parsed = JSON.parse(result.output.slice(0, result.output.lastIndexOf('}') + 1)) as { alerts: unknown[] };
    if (parsed.alerts.length !== rules) throw new Error(`alerts check read ${parsed.alerts.length} rules, expected ${rules}`);
    return result.ms;
  };
  await check(); // Node's compile cache, as on any second run
  const alertsCheckMs: number[] = [];
  for (let run = 0; run < runs; run++) alertsCheckMs.push(await check());

  // diff: two revisions of N runbooks; the head changes 1% of them.
  const diffRoot = join(work, `diff-${runbooks}`);
  project(diffRoot, runbooks);
  git(diffRoot, 'init', '-q');
  git(diffRoot, 'add', '-A');
  git(diffRoot, 'commit', '-qm', 'base');
  const dir = join(diffRoot, 'src/content/docs/runbooks/checkout');
  const names = execFileSync('git', ['ls-files', '--', 'src/content/docs/runbooks/checkout'], { cwd: diffRoot, encoding: 'utf8' }).trim().split('\n');
  for (const [index, file] of names.slice(0, Math.max(4, runbooks / 100)).entries()) {
    const path = join(diffRoot, file);
    const text = readFileSync(path, 'utf8');
    if (index % 4 === 0)
      writeFileSync(
        path,
        text.replace('rollout restart deployment', 'delete deployment').replace('```bash risk="change"\nkubectl', '```bash risk="destructive"\nkubectl'),
      );
    else if (index % 4 === 1) writeFileSync(path, text.replace('  alerts:\n', '  alerts:\n    - name: AddedAlertForTheBench\n'));
    else if (index % 4 === 2) git(diffRoot, 'mv', file, file.replace(/\.mdx$/, '-moved.mdx'));
    else writeFileSync(path, text.replace('### Check the pods\n', '### Check the pods\n\n```bash\nkubectl get events --sort-by=.lastTimestamp\n```\n'));
  }
  cpSync(join(dir, names[0].split('/').pop()!), join(dir, 'bench-added.mdx'));
  writeFileSync(
    join(dir, 'bench-added.mdx'),
    readFileSync(join(dir, 'bench-added.mdx'), 'utf8')
      .replace(/^ {2}id: .*$/m, '  id: bench-added-runbook')
      .replace(/^ {2}aliases: .*$/m, '  aliases: []'),
  );
  git(diffRoot, 'add', '-A');
  git(diffRoot, 'commit', '-qm', 'head');
  const diff = async () => {
    const result = await runNode([CLI, 'diff', 'HEAD~1', 'HEAD', '--format', 'json'], diffRoot);
    const parsed = JSON.parse(result.output.slice(0, result.output.lastIndexOf('}') + 1)) as { changed: unknown[]; moved: unknown[]; added: unknown[] };
    if (!parsed.changed.length || !parsed.moved.length || parsed.added.length !== 1)
      throw new Error(`diff found ${parsed.changed.length} changed, ${parsed.moved.length} moved, ${parsed.added.length} added`);
    return result.ms;
  };
  rmSync(join(diffRoot, 'node_modules/.cache'), { recursive: true, force: true });
  const diffColdMs = await diff();
  const diffWarmMs: number[] = [];
  for (let run = 0; run < runs; run++) diffWarmMs.push(await diff());
  return { alertRules: rules, alertsCheckMs, diffRunbooks: runbooks, diffColdMs, diffWarmMs };
}

const ms = (values: number[]) => `${median(values).toFixed(0)} ms`;
const range = (values: number[]) => `${ms(values)} (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)} ms)`;

export function reviewTable(review: ReviewFigures): string {
  const rows: [string, string][] = [
    [`\`runbook alerts check\`, ${review.alertRules} rules against ${review.alertRules} runbooks`, range(review.alertsCheckMs)],
    [`\`runbook diff\` of two revisions of ${review.diffRunbooks.toLocaleString('en-US')} runbooks, cache warm`, range(review.diffWarmMs)],
    ['`runbook diff`, the same, cache cold (first run)', `${review.diffColdMs.toFixed(0)} ms`],
  ];
  return ['### Review tools (fresh processes)', '', '| measure | time |', '| --- | --- |', ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

export function reviewBudgets(review: ReviewFigures): { name: string; ok: boolean; detail: string }[] {
  return [
    { name: `alerts check of ${review.alertRules} rules ≤ 1 s`, ok: median(review.alertsCheckMs) <= 1000, detail: ms(review.alertsCheckMs) },
    {
      name: `diff of two revisions of ${review.diffRunbooks.toLocaleString('en-US')} runbooks, cache warm, ≤ 2 s`,
      ok: median(review.diffWarmMs) <= 2000,
      detail: ms(review.diffWarmMs),
    },
  ];
}
