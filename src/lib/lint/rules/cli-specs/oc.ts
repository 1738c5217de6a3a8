// oc (OpenShift's client): kubectl's commands and flags (oc embeds kubectl; fig has no oc spec) with the
// commands oc adds, from `oc --help`, `oc adm --help` and `oc rollout --help` of oc 4.16. Only the commands
// kubectl's table marks `checked` are checked; oc's own commands are known by name (so a near-miss is reported)
// but their flags are not checked.
import { KUBECTL } from './kubectl.ts';
import type { CommandTable, ProgramTable } from './spec.ts';

/** Top-level commands oc has besides kubectl's. */
const OC_COMMANDS = [
  'adm',
  'build-logs',
  'cancel-build',
  'extract',
  'get-token',
  'idle',
  'image',
  'import-image',
  'login',
  'logout',
  'new-app',
  'new-build',
  'new-project',
  'observe',
  'policy',
  'process',
  'project',
  'projects',
  'registry',
  'rsh',
  'rsync',
  'secrets',
  'start-build',
  'status',
  'tag',
  'whoami',
  'create-user',
  'serviceaccounts',
  'set',
  'debug',
  'expose',
  'explain',
];

/** `oc adm` commands. */
const ADM_COMMANDS = [
  'build-chain',
  'catalog',
  'certificate',
  'copy-to-node',
  'cordon',
  'create-bootstrap-project-template',
  'create-error-template',
  'create-login-template',
  'create-provider-selection-template',
  'drain',
  'groups',
  'inspect',
  'migrate',
  'must-gather',
  'new-project',
  'node-image',
  'node-logs',
  'ocp-certificates',
  'pod-network',
  'policy',
  'prune',
  'reboot-machine-config-pool',
  'release',
  'restart-kubelet',
  'taint',
  'top',
  'uncordon',
  'upgrade',
  'verify-image-signature',
  'wait-for-node-reboot',
  'wait-for-stable-cluster',
];

const commands: Record<string, CommandTable> = { ...KUBECTL.commands };
for (const name of OC_COMMANDS) commands[name] ??= {};
for (const name of ADM_COMMANDS) commands[`adm ${name}`] = {};
// `oc debug` uses the cluster's tools image: no --image needed.
commands.debug = {};
// `oc logs` also reads builds and deployment configs (`oc logs bc/api --version=3`).
commands.logs = { ...KUBECTL.commands.logs, flags: `${KUBECTL.commands.logs.flags} --version=` };
// oc rollout has the deployment-config commands too.
for (const name of ['latest', 'cancel', 'retry']) commands[`rollout ${name}`] = {};
commands['adm top'] = { closed: true };
commands['adm top pod'] = { ...KUBECTL.commands['top pod'], aliases: ['pods', 'po'] };
commands['adm top node'] = { ...KUBECTL.commands['top node'], aliases: ['nodes', 'no'] };
for (const name of ['images', 'imagestreams', 'persistentvolumeclaims']) commands[`adm top ${name}`] = {};
commands['adm certificate'] = { closed: true };
commands['adm certificate approve'] = {};
commands['adm certificate deny'] = {};
commands['adm node-logs'] = {
  operand: {
    name: 'NODE',
    unless: '-l,--selector --role=',
    hint: 'Name a node (`oc adm node-logs <node> -u kubelet`) or pick nodes with --role=master or -l.',
  },
};

export const OC: ProgramTable = { ...KUBECTL, commands };
