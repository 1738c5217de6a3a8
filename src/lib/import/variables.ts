// The variables (`<placeholder>`) and environment (`$NAME`) a runbook's commands use, read from the
// model's blocks so they are exactly what the linter checks; descriptions and examples are inferred
// from the name where that is safe, and left as TODO (which the linter flags) where it is not.
import type { Runbook } from '../model/types.ts';

export interface VariableDraft {
  description: string;
  example: string;
  pattern?: string;
}

interface KnownVariable extends VariableDraft {
  test: RegExp;
}

const KNOWN_VARIABLES: KnownVariable[] = [
  {
    test: /^pod([-_]?name)?$/i,
    description: 'Name of the pod (from `kubectl get pods`)',
    example: 'api-7d9f8c6b5-x2k4q',
    pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$',
  },
  { test: /^(namespace|ns)$/i, description: 'Kubernetes namespace', example: 'monitoring', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' },
  {
    test: /^node([-_]?name)?$/i,
    description: 'Name of the node (from `kubectl get nodes`)',
    example: 'worker-1.example.internal',
    pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$',
  },
  { test: /^container([-_]?name)?$/i, description: 'Name of the container in the pod', example: 'app', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' },
  { test: /(^|[-_])ip([-_]?addr(ess)?)?$/i, description: 'IP address', example: '203.0.113.10', pattern: '^[0-9]{1,3}([.][0-9]{1,3}){3}$' },
  { test: /(^|[-_])(sha|commit([-_]?(sha|hash))?)$/i, description: 'a Git commit SHA', example: '4f2a9c1', pattern: '^[0-9a-f]{7,40}$' },
];

const ACRONYMS = new Set(['ip', 'id', 'sha', 'dns', 'alb', 'elb', 'url', 'arn', 'db', 'aws', 'ecs', 'rds', 'sg', 'acl', 'waf', 'api', 'k8s', 'cpu']);

/** `suspicious-ip` → "Suspicious IP", `PREVIOUS_SHA` → "Previous SHA". */
export function humanise(name: string): string {
  const words = name
    .split(/[-_\s]+/)
    .filter(Boolean)
    .map((word) => (ACRONYMS.has(word.toLowerCase()) ? word.toUpperCase() : word.toLowerCase()));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function inferVariable(name: string): VariableDraft & { inferred: boolean } {
  const known = KNOWN_VARIABLES.find((variable) => variable.test.test(name));
  if (known) {
    const description =
      known.description === 'IP address'
        ? humanise(name).replace(/\bIP$/, 'IP address')
        : known.description.startsWith('a ')
          ? `${humanise(name)}: ${known.description}`
          : known.description;
    return { description, example: known.example, ...(known.pattern ? { pattern: known.pattern } : {}), inferred: true };
  }
  return { description: humanise(name).replace(/\bDNS$/, 'DNS name'), example: 'TODO', inferred: false };
}

const KNOWN_ENV: Record<string, string> = {
  DATABASE_URL: 'Connection string of the PostgreSQL database the commands use',
  PROMETHEUS_URL: 'Base URL of Prometheus, e.g. http://localhost:9090',
  AWS_PROFILE: 'AWS CLI profile of the account',
  AWS_REGION: 'AWS region of the resources',
  AWS_DEFAULT_REGION: 'AWS region of the resources',
  KUBECONFIG: 'Path of the kubeconfig for the cluster',
  REDIS_URL: 'Connection URL of Redis',
};

export function inferEnv(name: string): { description: string; inferred: boolean } {
  const known = KNOWN_ENV[name];
  return known ? { description: known, inferred: true } : { description: `TODO: what $${name} holds and where to get it`, inferred: false };
}

/** Placeholder names in command blocks, in order of first use. */
export function usedPlaceholders(runbook: Runbook): string[] {
  return [...new Set(runbook.blocks.flatMap((block) => block.placeholders.map((ref) => ref.name)))];
}

/**
 * Environment names the commands use: `$NAME` in shell commands, and DATABASE_URL / PROMETHEUS_URL
 * for SQL and PromQL blocks (which run through psql "$DATABASE_URL" and $PROMETHEUS_URL).
 */
export function usedEnv(runbook: Runbook): string[] {
  const names = runbook.blocks.flatMap((block) => block.env.map((ref) => ref.name));
  const runs = (language: string) => runbook.blocks.some((block) => block.language === language && block.kind === 'command' && !block.attributes.target);
  if (runs('sql')) names.push('DATABASE_URL');
  if (runs('promql')) names.push('PROMETHEUS_URL');
  return [...new Set(names)];
}

/** Values in commands that look like placeholders but are not written as `<name>` (`[commit-hash]`, `xxxxx`, `YOUR_KEY`). */
export function informalPlaceholders(runbook: Runbook): string[] {
  const found = new Set<string>();
  for (const block of runbook.blocks) {
    if (block.kind !== 'command' && block.kind !== 'console') continue;
    for (const match of block.code.matchAll(
      /\[[a-z]+(?:[-_][a-z]+)+\]|\b(?:YOUR|REPLACE|CHANGE)_[A-Z0-9_]+\b|\b[a-z0-9-]*x{3,}[a-z0-9-]*\b|\b[A-Z]+_BACKUP\b/g,
    )) {
      found.add(match[0]);
    }
  }
  return [...found];
}

/** Environment an operator's shell has or sets up once (not a value of one incident): never made a placeholder. */
const WELL_KNOWN_ENV = new Set([
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'PWD',
  'TERM',
  'LANG',
  'TZ',
  'EDITOR',
  'VISUAL',
  'PAGER',
  'TMPDIR',
  'DISPLAY',
  'HOSTNAME',
  'SUDO_USER',
  'KUBECONFIG',
  'KUBE_CONTEXT',
  'KUBECTL_CONTEXT',
  'DATABASE_URL',
  'PROMETHEUS_URL',
  'ALERTMANAGER_URL',
  'REDIS_URL',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'SSH_AUTH_SOCK',
  'GOPATH',
  'JAVA_HOME',
  'PGHOST',
  'PGPORT',
  'PGUSER',
  'PGPASSWORD',
  'PGDATABASE',
  'PGSSLMODE',
  'MYSQL_PWD',
  'CLOUDSDK_CORE_PROJECT',
  'VAULT_ADDR',
  'VAULT_TOKEN',
  'VAULT_NAMESPACE',
  'CI',
  'GITLAB_TOKEN',
  'GITHUB_TOKEN',
]);
const WELL_KNOWN_PREFIX =
  /^(AWS|AZURE|ARM|GOOGLE|GCP|GCLOUD|CLOUDSDK|KUBE|KUBECTL|HELM|DOCKER|VAULT|CI|GITLAB|GITHUB|XDG|LC|SSH|TF|TERRAFORM|CONSUL|NOMAD|OS|OPENSTACK|ANSIBLE)_/;
const WELL_KNOWN_SUFFIX =
  /_(URL|URI|ADDR|ADDRESS|TOKEN|KEY|SECRET|PASSWORD|PASSWD|PASS|PROFILE|REGION|CONFIG|CONFIGFILE|HOME|PATH|DIR|FILE|ENDPOINT|API|CREDENTIALS|AUTH|USER|USERNAME)$/;

/** A `$NAME` the operator's environment provides: the shell's own, a tool's configuration, a URL or a credential. */
export function isWellKnownEnv(name: string): boolean {
  return WELL_KNOWN_ENV.has(name) || WELL_KNOWN_PREFIX.test(name) || WELL_KNOWN_SUFFIX.test(name);
}

/** `$COREDNS_POD_NAME` → the placeholder `coredns-pod-name`. */
export const placeholderOfEnv = (name: string) => name.toLowerCase().replace(/_+/g, '-').replace(/^-|-$/g, '') || name.toLowerCase();
