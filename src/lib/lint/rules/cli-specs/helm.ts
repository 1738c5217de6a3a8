// helm: fig's spec (helm 3.8-era commands and flags) completed from `helm <command> --help` of
// helm 3.17 and helm 4.0; flags of both majors are accepted. Only the commands marked `checked`
// have their flags verified complete (install/upgrade/template change too often to be checked).
import type { ProgramTable } from './spec.ts';

const GLOBAL = [
  '--burst-limit= --debug --kube-apiserver= --kube-as-group= --kube-as-user= --kube-ca-file= --kube-context=',
  '--kube-insecure-skip-tls-verify --kube-tls-server-name= --kube-token= --kubeconfig= -n,--namespace= --qps=',
  '--registry-config= --repository-cache= --repository-config= --content-cache= --color= --colour= --log-level= -h,--help',
].join(' ');

const REVISION = '--revision=';

/** The release a command acts on: helm refuses to run without it (`Error: "helm status" requires 1 argument`). */
const RELEASE = (command: string) => ({
  name: 'RELEASE',
  hint: `Name the release: \`helm ${command} <release> -n <namespace>\` (\`helm list -A\` lists them).`,
});

export const HELM: ProgramTable = {
  fig: 'helm',
  commands: {
    '': { persistent: GLOBAL },
    rollback: {
      checked: true,
      flags:
        '--cleanup-on-fail --dry-run --force --force-conflicts --force-replace --history-max= --no-hooks --recreate-pods --server-side --timeout= --wait --wait-for-jobs',
      operand: RELEASE('rollback'),
    },
    history: { aliases: ['hist'], checked: true, flags: '--max= -o,--output=', operand: RELEASE('history') },
    status: { checked: true, flags: `-o,--output= ${REVISION} --show-desc --show-resources`, operand: RELEASE('status') },
    list: {
      aliases: ['ls'],
      checked: true,
      flags:
        '-a,--all -A,--all-namespaces -d,--date --deployed --failed -f,--filter= -m,--max= --no-headers --offset= -o,--output= --pending -r,--reverse -l,--selector= -q,--short --superseded --time-format= --uninstalled --uninstalling',
    },
    uninstall: {
      aliases: ['un', 'delete', 'del'],
      checked: true,
      flags: '--cascade= --description= --dry-run --ignore-not-found --keep-history --no-hooks --timeout= --wait',
      operand: RELEASE('uninstall'),
    },
    get: { closed: true },
    'get all': { checked: true, flags: `${REVISION} --template=`, operand: RELEASE('get all') },
    'get hooks': { checked: true, flags: REVISION, operand: RELEASE('get hooks') },
    'get manifest': { checked: true, flags: REVISION, operand: RELEASE('get manifest') },
    'get metadata': { checked: true, flags: `-o,--output= ${REVISION}`, operand: RELEASE('get metadata') },
    'get notes': { checked: true, flags: REVISION, operand: RELEASE('get notes') },
    'get values': { checked: true, flags: `-a,--all -o,--output= ${REVISION}`, operand: RELEASE('get values') },
  },
};
