// aws: fig's specs are generated from the AWS CLI's service models (one file per service, loaded
// when a runbook uses the service), so an operation's parameters are complete as of the spec's
// build; the global options and the hand-written customizations (`aws logs tail`) are added here.
// The AWS CLI parses with argparse, which accepts any unambiguous prefix of a long option.
import type { ProgramTable } from './spec.ts';

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
