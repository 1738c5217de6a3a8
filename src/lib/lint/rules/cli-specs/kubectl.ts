// kubectl: fig's spec (subcommand names; flags of ~2021, without most global flags, `top` empty)
// completed from `kubectl <command> --help` and `kubectl options` of kubectl 1.33. Only the commands
// marked `checked` below have their flags verified complete; every other command is not checked.
import type { ProgramTable } from './spec.ts';

/** `kubectl options`, plus the klog flags kubectl accepted before 1.26 (accepting them is harmless). */
const GLOBAL = [
  '--as= --as-group= --as-uid= --as-user-extra= --cache-dir= --certificate-authority= --client-certificate= --client-key=',
  '--cluster= --context= --disable-compression --insecure-skip-tls-verify --kubeconfig= --kuberc= --match-server-version',
  '-n,--namespace= --password= --profile= --profile-output= --request-timeout= -s,--server= --tls-server-name= --token=',
  '--user= --username= -v,--v= --vmodule= --warnings-as-errors --log-flush-frequency= -h,--help',
  '--add-dir-header --alsologtostderr --log-backtrace-at= --log-dir= --log-file= --log-file-max-size= --logtostderr',
  '--one-output --skip-headers --skip-log-headers --stderrthreshold=',
].join(' ');

/** kubectl's printing flags (`-o` and friends). */
const PRINT = '--allow-missing-template-keys -o,--output= --show-managed-fields --template=';
const FILES = '-f,--filename= -k,--kustomize= -R,--recursive';
const DRY_RUN_CHANGE = `${PRINT} ${FILES} --dry-run --field-manager= -l,--selector=`;

const TOP_WATCH = 'kubectl top has no watch mode; run it under watch: `watch -n 5 kubectl top pods`';

export const KUBECTL: ProgramTable = {
  fig: 'kubectl',
  commands: {
    // Commands of OpenShift's oc written after kubectl: kubectl has none of them (plugins aside, none by these names).
    '': {
      persistent: GLOBAL,
      hints: {
        rsh: 'kubectl has no rsh; that is `oc rsh` (OpenShift). With kubectl: `kubectl exec -it POD -- sh`',
        'new-project': 'kubectl has no new-project; that is `oc new-project` (OpenShift). With kubectl: `kubectl create namespace NAME`',
        'new-app': 'kubectl has no new-app; that is `oc new-app` (OpenShift)',
        'start-build': 'kubectl has no start-build; that is `oc start-build` (OpenShift)',
        adm: 'kubectl has no adm; that is `oc adm` (OpenShift)',
      },
    },
    get: {
      checked: true,
      flags: `-A,--all-namespaces --chunk-size= --field-selector= --ignore-not-found -L,--label-columns= --no-headers --output-watch-events --raw= -l,--selector= --server-print --show-kind --show-labels --sort-by= --subresource= -w,--watch --watch-only ${PRINT} ${FILES}`,
    },
    describe: {
      checked: true,
      flags: `-A,--all-namespaces --chunk-size= -l,--selector= --show-events ${FILES}`,
      hints: { '-w': '`kubectl describe` has no watch mode; use `kubectl get -w`', '--watch': '`kubectl describe` has no watch mode; use `kubectl get -w`' },
    },
    logs: {
      checked: true,
      flags:
        '--all-containers --all-pods -c,--container= -f,--follow --ignore-errors --insecure-skip-tls-verify-backend --limit-bytes= --max-log-requests= --pod-running-timeout= --prefix -p,--previous -l,--selector= --since= --since-time= --tail= --timestamps',
      hints: { '-w': '`kubectl logs` streams with -f/--follow, not -w', '--watch': '`kubectl logs` streams with -f/--follow, not --watch' },
      operand: {
        name: 'POD or TYPE/NAME',
        unless: '-l,--selector',
        hint: 'Name a pod (`kubectl logs <pod>`), a workload (`kubectl logs deployment/api` reads one of its pods) or select pods by label (`kubectl logs -l app=api --tail=100`).',
      },
    },
    top: { closed: true },
    'top pod': {
      aliases: ['pods', 'po'],
      checked: true,
      flags: '-A,--all-namespaces --containers --field-selector= --no-headers -l,--selector= --sort-by= --sum --use-protocol-buffers',
      hints: {
        '-w': TOP_WATCH,
        '--watch': TOP_WATCH,
        '-o': 'kubectl top has no -o/--output; its columns are fixed',
        '--output': 'kubectl top has no -o/--output; its columns are fixed',
      },
    },
    'top node': {
      aliases: ['nodes', 'no'],
      checked: true,
      flags: '--no-headers -l,--selector= --show-capacity --sort-by= --use-protocol-buffers',
      hints: {
        '-w': TOP_WATCH.replace('top pods', 'top nodes'),
        '--watch': TOP_WATCH.replace('top pods', 'top nodes'),
        '-o': 'kubectl top has no -o/--output; its columns are fixed',
      },
    },
    exec: {
      checked: true,
      flags: '-c,--container= -f,--filename= --pod-running-timeout= -q,--quiet -i,--stdin -t,--tty',
      operand: {
        name: 'POD or TYPE/NAME',
        unless: '-f,--filename',
        hint: 'Name the pod (`kubectl exec -it <pod> -- sh`) or a workload (`kubectl exec deploy/api -- env`).',
      },
      runs: {
        hint: 'Give the command after `--`: `kubectl exec POD -- etcdctl endpoint health` runs one command; `kubectl exec -it POD -- sh` opens a shell (mark the block interactive).',
      },
    },
    'port-forward': {
      checked: true,
      flags: '--address= --pod-running-timeout=',
      operand: { name: 'POD or TYPE/NAME', hint: 'Name the pod or service and the ports (`kubectl port-forward svc/grafana 3000:80`).' },
    },
    scale: {
      checked: true,
      flags: `--all --current-replicas= --replicas= --resource-version= --timeout= --record ${DRY_RUN_CHANGE}`,
      requires: { flags: '--replicas=', hint: 'Say how many: `kubectl scale deployment/api --replicas=3`.' },
      operand: {
        name: 'TYPE/NAME',
        typeAndName: true,
        unless: '-f,--filename -k,--kustomize -l,--selector --all',
        hint: 'Name the workload with its type: `kubectl scale deployment/api --replicas=3` (or `kubectl scale deployment api ...`).',
      },
    },
    rollout: { closed: true },
    'rollout status': {
      checked: true,
      flags: `--revision= --timeout= -w,--watch -l,--selector= ${FILES}`,
      operand: {
        name: 'TYPE/NAME',
        unless: '-f,--filename -k,--kustomize -l,--selector',
        hint: 'Name the workload (`kubectl rollout status deployment/api`).',
      },
    },
    'rollout restart': {
      checked: true,
      flags: DRY_RUN_CHANGE,
      operand: {
        name: 'TYPE/NAME',
        unless: '-f,--filename -k,--kustomize -l,--selector',
        hint: 'Name the workload (`kubectl rollout status deployment/api`).',
      },
    },
    'rollout undo': {
      checked: true,
      flags: `--to-revision= ${DRY_RUN_CHANGE}`,
      operand: {
        name: 'TYPE/NAME',
        unless: '-f,--filename -k,--kustomize -l,--selector',
        hint: 'Name the workload (`kubectl rollout status deployment/api`).',
      },
    },
    'rollout history': { checked: true, flags: `--revision= -l,--selector= ${PRINT} ${FILES}` },
    'rollout pause': { checked: true, flags: DRY_RUN_CHANGE },
    'rollout resume': { checked: true, flags: DRY_RUN_CHANGE },
    delete: {
      checked: true,
      flags: `--all -A,--all-namespaces --cascade --dry-run --field-selector= --force --grace-period= --ignore-not-found -i,--interactive --now -o,--output= --raw= -l,--selector= --timeout= --wait ${FILES}`,
      operand: {
        name: 'TYPE and NAME',
        typeAndName: true,
        unless: '-f,--filename -k,--kustomize -l,--selector --all --field-selector= --raw=',
        hint: 'Name what to delete (`kubectl delete pod api-1`, `kubectl delete pod/api-1`), select it (`-l app=api`), or say --all (with -A: in every namespace).',
      },
    },
    'set env': { checked: true, flags: `--all -c,--containers= -e,--env= --from= --keys= --list --local --overwrite --prefix= --resolve ${DRY_RUN_CHANGE}` },
    'set image': { checked: true, flags: `--all --local ${DRY_RUN_CHANGE}` },
    'set resources': { checked: true, flags: `--all -c,--containers= --limits= --local --requests= ${DRY_RUN_CHANGE}` },
    patch: {
      checked: true,
      flags: `--local -p,--patch= --patch-file= --subresource= --type= ${DRY_RUN_CHANGE}`,
      requires: { flags: '-p,--patch= --patch-file=', hint: 'Give the change: `kubectl patch deployment api -p \'{"spec": {"replicas": 3}}\'`.' },
    },
    events: {
      checked: true,
      flags: `-A,--all-namespaces --chunk-size= --for= --no-headers --types= -w,--watch ${PRINT}`,
    },
    cordon: {
      checked: true,
      flags: '--dry-run -l,--selector=',
      operand: { name: 'NODE', unless: '-l,--selector', hint: 'Name the node (`kubectl get nodes` lists them).' },
    },
    uncordon: {
      checked: true,
      flags: '--dry-run -l,--selector=',
      operand: { name: 'NODE', unless: '-l,--selector', hint: 'Name the node (`kubectl get nodes` lists them).' },
    },
    drain: {
      checked: true,
      flags:
        '--chunk-size= --delete-emptydir-data --disable-eviction --dry-run --force --grace-period= --ignore-daemonsets --ignore-errors --pod-selector= -l,--selector= --skip-wait-for-delete-timeout= --timeout=',
      hints: { '--delete-local-data': '--delete-local-data was deprecated in kubectl 1.20 and has since been removed; use --delete-emptydir-data' },
      operand: { name: 'NODE', unless: '-l,--selector', hint: 'Name the node (`kubectl drain <node> --ignore-daemonsets --delete-emptydir-data`).' },
    },
    // Known commands fig lacks; their flags are not checked.
    // `kubectl debug` needs an image for its debug container, unless it copies the pod with its own.
    debug: {
      requires: {
        flags: '--image= --copy-to=',
        hint: 'Give the image: `kubectl debug node/NODE -it --image=busybox` (a node is then at /host: `chroot /host`), `kubectl debug POD -it --image=busybox --target=CONTAINER`.',
      },
    },
    options: {},
    'auth whoami': {},
  },
};
