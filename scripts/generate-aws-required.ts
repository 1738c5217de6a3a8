// Writes src/lib/lint/rules/cli-specs/aws-required.ts: the required parameters of AWS CLI operations, for
// cli/flags. @withfig/autocomplete's aws specs list every option of an operation but do not say which are
// required, so this reads botocore's service models (the ones the AWS CLI itself is built from) and keeps,
// for the services operational runbooks use, each operation's required members as the options fig names.
//
//   npx node scripts/generate-aws-required.ts "$(python3 -c 'import botocore, os; print(os.path.dirname(botocore.__file__))')/data"
//
// Left out, so the check stays conservative: idempotency tokens (the CLI fills them in), members the fig
// spec of the operation does not list as an option (CLI customizations such as `ec2 run-instances --count`
// replacing --min-count/--max-count, streaming bodies read from a positional file) and operations fig lacks.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** CLI service names (fig spec files under aws/) of the services runbooks use. Add one and run the script again. */
const SERVICES = [
  'acm',
  'apigateway',
  'apigatewayv2',
  'application-autoscaling',
  'athena',
  'autoscaling',
  'backup',
  'batch',
  'cloudformation',
  'cloudfront',
  'cloudtrail',
  'cloudwatch',
  'docdb',
  'dynamodb',
  'ec2',
  'ecr',
  'ecs',
  'efs',
  'eks',
  'elasticache',
  'elb',
  'elbv2',
  'es',
  'events',
  'firehose',
  'guardduty',
  'health',
  'iam',
  'kafka',
  'kinesis',
  'kms',
  'lambda',
  'logs',
  'memorydb',
  'mq',
  'neptune',
  'opensearch',
  'rds',
  'redshift',
  'route53',
  's3api',
  'secretsmanager',
  'servicediscovery',
  'shield',
  'sns',
  'sqs',
  'ssm',
  'stepfunctions',
  'sts',
  'wafv2',
  'xray',
];
/** Where a CLI service's model lives in botocore, when the names differ. */
const BOTOCORE_NAMES: Record<string, string> = { s3api: 's3' };

interface Shape {
  type?: string;
  required?: string[];
  members?: Record<string, { shape: string; idempotencyToken?: boolean }>;
}
interface Model {
  operations: Record<string, { name: string; input?: { shape: string } }>;
  shapes: Record<string, Shape>;
}
interface FigCommand {
  name: string | string[];
  options?: { name: string | string[] }[];
  subcommands?: FigCommand[];
}

/** botocore's xform_name with `-`: `CacheNodeIdsToReboot` → `cache-node-ids-to-reboot`, `ListARNs` → `list-arns`. */
function xformName(name: string): string {
  let text = name;
  const special = /[A-Z]{2,}s$/.exec(text);
  if (special) text = `${text.slice(0, -special[0].length)}-${special[0].toLowerCase()}`;
  return text
    .replace(/(.)([A-Z][a-z]+)/g, '$1-$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
}

function readModel(data: string, service: string): Model {
  const directory = join(data, BOTOCORE_NAMES[service] ?? service);
  const version = readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .at(-1);
  if (!version) throw new Error(`no model version in ${directory}`);
  const file = join(directory, version, 'service-2.json');
  return JSON.parse(existsSync(file) ? readFileSync(file, 'utf8') : gunzipSync(readFileSync(`${file}.gz`)).toString('utf8')) as Model;
}

async function readFig(service: string): Promise<FigCommand> {
  const directory = dirname(createRequire(import.meta.url).resolve('@withfig/autocomplete'));
  return ((await import(pathToFileURL(join(directory, 'aws', `${service}.js`)).href)) as { default: FigCommand }).default;
}

const names = (value: string | string[]) => (Array.isArray(value) ? value : [value]);

async function main(): Promise<void> {
  const data = process.argv[2];
  if (!data || !existsSync(data)) throw new Error('usage: npx node scripts/generate-aws-required.ts BOTOCORE_DATA_DIRECTORY');
  const version = /__version__ = '([^']+)'/.exec(readFileSync(join(data, '..', '__init__.py'), 'utf8'))?.[1] ?? 'unknown';
  const lines: string[] = [];
  for (const service of SERVICES) {
    const model = readModel(data, service);
    const fig = await readFig(service);
    const operations = new Map((fig.subcommands ?? []).flatMap((command) => names(command.name).map((name) => [name, command] as const)));
    for (const operation of Object.values(model.operations).sort((a, b) => xformName(a.name).localeCompare(xformName(b.name)))) {
      const command = operations.get(xformName(operation.name));
      const input = operation.input && model.shapes[operation.input.shape];
      if (!command || !input?.required?.length) continue;
      const options = new Set((command.options ?? []).flatMap((option) => names(option.name)));
      const required = input.required
        .filter((member) => !input.members?.[member]?.idempotencyToken)
        .map(xformName)
        .filter((option) => options.has(`--${option}`));
      if (required.length) lines.push(`${service} ${xformName(operation.name)} ${required.join(' ')}`);
    }
  }
  const out = `// Generated by scripts/generate-aws-required.ts from botocore ${version}'s service models: do not edit.
// Required parameters of AWS CLI operations, as options without their \`--\`: one operation a line,
// \`service operation option...\`, for the services the script lists.
export const BOTOCORE_VERSION = '${version}';

export const AWS_REQUIRED = \`
${lines.join('\n')}
\`;
`;
  writeFileSync(new URL('../src/lib/lint/rules/cli-specs/aws-required.ts', import.meta.url), out);
  console.log(`${lines.length} operations of ${SERVICES.length} services (botocore ${version})`);
}

await main();
