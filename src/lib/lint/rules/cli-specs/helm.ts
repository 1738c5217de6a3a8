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

export const HELM: ProgramTable = {
  fig: 'helm',
  commands: {
    '': { persistent: GLOBAL },
    rollback: {
      checked: true,
      flags: '--cleanup-on-fail --dry-run --force --force-conflicts --force-replace --history-max= --no-hooks --recreate-pods --server-side --timeout= --wait --wait-for-jobs',
    },
    history: { aliases: ['hist'], checked: true, flags: '--max= -o,--output=' },
    status: { checked: true, flags: `-o,--output= ${REVISION} --show-desc --show-resources` },
    list: {
      aliases: ['ls'],
      checked: true,
      flags: '-a,--all -A,--all-namespaces -d,--date --deployed --failed -f,--filter= -m,--max= --no-headers --offset= -o,--output= --pending -r,--reverse -l,--selector= -q,--short --superseded --time-format= --uninstalled --uninstalling',
    },
    uninstall: {
      aliases: ['un', 'delete', 'del'],
      checked: true,
      flags: '--cascade= --description= --dry-run --ignore-not-found --keep-history --no-hooks --timeout= --wait',
    },
    get: { closed: true },
    'get all': { checked: true, flags: `${REVISION} --template=` },
    'get hooks': { checked: true, flags: REVISION },
    'get manifest': { checked: true, flags: REVISION },
    'get metadata': { checked: true, flags: `-o,--output= ${REVISION}` },
    'get notes': { checked: true, flags: REVISION },
    'get values': { checked: true, flags: `-a,--all -o,--output= ${REVISION}` },
  },
};
