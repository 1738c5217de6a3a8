// aws: fig's specs are generated from the AWS CLI's service models (one file per service, loaded
// when a runbook uses the service), so an operation's parameters are complete as of the spec's
// build; the global options and the hand-written customizations (`aws logs tail`) are added here.
// The AWS CLI parses with argparse, which accepts any unambiguous prefix of a long option.
import type { ProgramTable } from './spec.ts';

let required: Map<string, Record<string, string[]>> | undefined;

/**
 * Required options of the operations of a service (`aws/elasticache`), from botocore's models (fig's aws
 * specs do not mark them): generated into ./aws-required.ts, read on first use.
 */
async function requiredOptions(file: string): Promise<Record<string, string[]> | undefined> {
  if (!required) {
    required = new Map();
    const { AWS_REQUIRED } = await import('./aws-required.ts');
    for (const line of AWS_REQUIRED.split('\n')) {
      const [service, operation, ...options] = line.split(' ');
      if (!operation) continue;
      let byOperation = required.get(`aws/${service}`);
      if (!byOperation) required.set(`aws/${service}`, (byOperation = {}));
      byOperation[operation] = options.map((option) => `--${option}`);
    }
  }
  return required.get(file);
}

/** `aws help` → Global options (AWS CLI v2), with v1's extras. */
const GLOBAL = [
  '--debug --endpoint-url= --no-verify-ssl --no-paginate --output= --query= --profile= --region= --version --color=',
  '--no-sign-request --ca-bundle= --cli-read-timeout= --cli-connect-timeout= --cli-binary-format= --no-cli-pager',
  '--cli-auto-prompt --no-cli-auto-prompt',
].join(' ');

export const AWS: ProgramTable = {
  fig: 'aws',
  abbreviations: true,
  checkLoadedLeaves: true,
  // High-level commands written by hand in the AWS CLI (and in fig): their options move.
  uncheckedFiles: ['aws/s3', 'aws/deploy', 'aws/emr', 'aws/configure', 'aws/history', 'aws/configservice', 'aws/datapipeline'],
  required: requiredOptions,
  // `--cli-input-json FILE` gives every parameter; `--generate-cli-skeleton` prints a template and runs nothing.
  satisfiesRequired: ['--cli-input-json', '--cli-input-yaml', '--generate-cli-skeleton', '--help'],
  commands: {
    '': { persistent: GLOBAL },
    // Customizations inside generated services: known, not checked (an entry never marks a command checked).
    'logs tail': {},
    'ecs deploy': {},
    'eks update-kubeconfig': {},
    'eks get-token': {},
    'ecr get-login-password': {},
    'codeartifact login': {},
    'ecr get-login': {},
    'cloudformation deploy': {},
    'cloudformation package': {},
    'rds generate-db-auth-token': {},
    'sso login': {},
    'sso logout': {},
    configure: {},
    help: {},
  },
};
