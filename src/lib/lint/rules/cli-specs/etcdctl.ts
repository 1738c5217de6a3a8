// etcdctl (API v3, the default since etcd 3.4): fig has no spec, so this table is ours, from `etcdctl --help`
// and `etcdctl <command> --help` of etcd 3.5/3.6. Every command is known (an unknown one is reported: most are
// v2 commands — `cluster-health`, `ls`, `set`, `rm` — that v3 does not have); flags are checked where marked.
import type { ProgramTable } from './spec.ts';

const GLOBAL = [
  '--cacert= --cert= --key= --endpoints= --command-timeout= --debug --dial-timeout= -d,--discovery-srv= --discovery-srv-name=',
  '--hex --insecure-discovery --insecure-skip-tls-verify --insecure-transport --keepalive-time= --keepalive-timeout=',
  '--password= --user= -w,--write-out= --auth-jwt-token= --max-request-bytes= --max-recv-bytes= -h,--help',
].join(' ');

const V2 = 'an etcd v2 command; etcdctl v3 (the default) has';
const KEY = { name: 'KEY', hint: 'Name the key (`etcdctl get /registry/pods --prefix --keys-only`).' };

export const ETCDCTL: ProgramTable = {
  commands: {
    // The v2 commands people still write, with their v3 form.
    '': {
      persistent: GLOBAL,
      closed: true,
      hints: {
        'cluster-health': `${V2} \`etcdctl endpoint health --cluster\``,
        ls: `${V2} \`etcdctl get <prefix> --prefix --keys-only\``,
        set: `${V2} \`etcdctl put KEY VALUE\``,
        rm: `${V2} \`etcdctl del KEY\``,
        mk: `${V2} \`etcdctl put KEY VALUE\``,
        backup: `${V2} \`etcdctl snapshot save FILE\``,
      },
    },
    get: {
      checked: true,
      flags:
        '--consistency= --count-only --from-key --keys-only --limit= --order= --prefix --print-value-only --rev= --sort-by= --max-create-rev= --min-create-rev= --max-mod-rev= --min-mod-rev=',
      operand: KEY,
    },
    put: { flags: '--ignore-lease --ignore-value --lease= --prev-kv', operand: { name: 'KEY', hint: 'Name the key and its value (`etcdctl put KEY VALUE`).' } },
    del: { checked: true, flags: '--from-key --prefix --prev-kv --range', operand: KEY },
    txn: { flags: '-i,--interactive' },
    compaction: { flags: '--physical', operand: { name: 'REVISION', hint: 'Give the revision to compact to (`etcdctl compaction <revision>`).' } },
    watch: { flags: '--prefix --rev= --prev-kv --progress-notify -i,--interactive' },
    lease: { closed: true },
    'lease grant': {},
    'lease revoke': {},
    'lease timetolive': {},
    'lease list': {},
    'lease keep-alive': {},
    member: { closed: true },
    'member add': {},
    'member remove': { operand: { name: 'MEMBER_ID', hint: 'Give the member ID from `etcdctl member list -w table`.' } },
    'member update': {},
    'member promote': {},
    'member list': { checked: true, flags: '--consistency=' },
    endpoint: { closed: true },
    'endpoint health': { checked: true, flags: '--cluster' },
    'endpoint status': { checked: true, flags: '--cluster' },
    'endpoint hashkv': { flags: '--cluster --rev=' },
    'move-leader': { operand: { name: 'MEMBER_ID', hint: 'Give the ID of the member that becomes leader (`etcdctl member list -w table`).' } },
    alarm: { closed: true },
    'alarm list': { checked: true },
    'alarm disarm': { checked: true },
    defrag: { checked: true, flags: '--cluster --data-dir=' },
    snapshot: { closed: true },
    'snapshot save': { checked: true, operand: { name: 'FILE', hint: 'Name the file to write (`etcdctl snapshot save /var/backups/etcd-$(date +%F).db`).' } },
    'snapshot status': { operand: { name: 'FILE', hint: 'Name the snapshot file.' } },
    'snapshot restore': { operand: { name: 'FILE', hint: 'Name the snapshot file.' } },
    'make-mirror': {},
    lock: {},
    elect: {},
    version: {},
    check: {},
    'check perf': {},
    'check datascale': {},
    downgrade: {},
    completion: {},
    help: {},
    auth: { closed: true },
    'auth enable': {},
    'auth disable': {},
    'auth status': {},
    user: {},
    role: {},
  },
};
