// The risk table of shell commands, keyed by program like ShellCheck's command checks: each entry names the
// program and the subcommand words after it (options skipped), with conditions on options, and says what
// running it risks. `destructive` = loses data or is hard to undo (delete, flush, drop, truncate, restore over
// live data, uninstall, force-push, code fetched and run); `change` = a reversible change of state (scale,
// restart, set, roll back, cordon). Where several entries match a command, the most specific wins.
import type { Command } from '../shell/commands.ts';
import { optionValue, positionals } from '../shell/programs.ts';

import type { ChangingRisk } from './levels.ts';

export type { ChangingRisk };

export interface ShellRiskEntry {
  /**
   * The program and the subcommand words after it, options skipped: `kubectl rollout undo`; `*` is any one word,
   * `**` any number of words, `a|b` either, `delete-*` a prefix. The program is matched by its family
   * (`oc` is `kubectl`); `name:oc` matches only that name.
   */
  pattern: string;
  /** Only when one of these options is given (`--force`); `-x` also matches inside `-xyz`; `-X DELETE` an option and its value. */
  withFlag?: readonly string[];
  /** Not when one of these options is given. */
  withoutFlag?: readonly string[];
  /** A further condition, for what options cannot say (the URL `curl` posts to). */
  when?: (command: Command) => boolean;
  /** Only when the command reads a file (`-f FILE`, `< FILE`) whose name matches. */
  input?: RegExp;
  risk: ChangingRisk;
  /** Why, shown after the command: "`kubectl delete pod` deletes Kubernetes objects". */
  reason: string;
}

const D = 'destructive' as const;
const C = 'change' as const;

/** HTTP API endpoints that only read, though they take a POST: Prometheus-style and Loki queries, Elasticsearch searches. */
const READ_ENDPOINT =
  /(?:\/api\/v1\/(?:query|query_range|query_exemplars|series|labels|label\/[^/]+\/values|format_query|parse_query)|\/_(?:search|msearch|count|field_caps|mget|validate\/query))\/?$/;

/** True when every URL a `curl` or `wget` command names is an endpoint that only reads. */
function readsOnly(command: Command): boolean {
  const args = command.argv.slice(1);
  const urls = positionals(command.program, args).map((word) => word.value);
  const url = optionValue(args, ['--url']);
  if (url) urls.push(url.value);
  return urls.length > 0 && urls.every((value) => READ_ENDPOINT.test(value.replace(/[?#].*$/s, '')));
}

/** The JSON a `kubectl patch` sends (`-p`/`--patch`), parsed; undefined when it is not JSON. */
function patchPayload(command: Command): unknown {
  const value = optionValue(command.argv.slice(1), ['-p', '--patch'])?.value;
  if (!value) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A patch that empties `metadata.finalizers` (merge: null or []; JSON patch: remove or replace with []). */
function removesFinalizers(command: Command): boolean {
  const payload = patchPayload(command);
  if (Array.isArray(payload)) {
    return payload.some(
      (op) =>
        isObject(op) &&
        typeof op.path === 'string' &&
        /^\/metadata\/finalizers(\/|$)/.test(op.path) &&
        (op.op === 'remove' || ((op.op === 'replace' || op.op === 'add') && (op.value === null || (Array.isArray(op.value) && !op.value.length)))),
    );
  }
  const finalizers = isObject(payload) && isObject(payload.metadata) && 'finalizers' in payload.metadata ? payload.metadata.finalizers : undefined;
  return finalizers === null || (Array.isArray(finalizers) && finalizers.length === 0);
}

/** A patch of a PodDisruptionBudget that lets every pod go: `minAvailable: 0` or `maxUnavailable: 100%`. */
function opensDisruptionBudget(command: Command): boolean {
  const kind = positionals(command.program, command.argv.slice(1))[1]?.value.toLowerCase() ?? '';
  if (!/^(pdb|poddisruptionbudgets?)(\.policy)?(\/|$)/.test(kind)) return false;
  const payload = patchPayload(command);
  const spec = isObject(payload) && isObject(payload.spec) ? payload.spec : undefined;
  if (spec) return spec.minAvailable === 0 || spec.minAvailable === '0' || spec.minAvailable === '0%' || spec.maxUnavailable === '100%';
  return (
    Array.isArray(payload) &&
    payload.some(
      (op) =>
        isObject(op) &&
        ((op.path === '/spec/minAvailable' && (op.value === 0 || op.value === '0%')) || (op.path === '/spec/maxUnavailable' && op.value === '100%')),
    )
  );
}

/** `--replicas=0` / `--replicas 0`. */
function scalesToZero(command: Command): boolean {
  return /^0+$/.test(optionValue(command.argv.slice(1), ['--replicas'])?.value ?? '');
}

/** `--grace-period=0` together with `--force`: the object goes at once, without waiting for the kubelet. */
function forceDelete(command: Command): boolean {
  const args = command.argv.slice(1);
  return /^0$/.test(optionValue(args, ['--grace-period'])?.value ?? '') && args.some((word) => word.value === '--force' || word.value === '--force=true');
}

// One row per line reads as a table (Prettier would spread each row over several lines).
// prettier-ignore
export const SHELL_RISKS: readonly ShellRiskEntry[] = [
  // Kubernetes
  { pattern: 'kubectl delete', risk: D, reason: 'deletes Kubernetes objects' },
  { pattern: 'kubectl drain', risk: C, reason: 'evicts every pod from a node' },
  { pattern: 'kubectl cordon|uncordon', risk: C, reason: 'changes whether pods are scheduled on a node' },
  { pattern: 'kubectl taint', risk: C, reason: 'changes which pods a node accepts' },
  { pattern: 'kubectl scale|autoscale', risk: C, reason: 'changes the number of replicas' },
  { pattern: 'kubectl rollout restart', risk: C, reason: 'restarts every pod of a workload' },
  { pattern: 'kubectl rollout undo', risk: C, reason: 'rolls a workload back to an earlier revision' },
  { pattern: 'kubectl rollout pause|resume', risk: C, reason: 'pauses or resumes a rollout' },
  { pattern: 'kubectl patch', risk: C, reason: 'changes live Kubernetes objects' },
  { pattern: 'kubectl set', risk: C, reason: "changes a workload's image, resources or environment" },
  { pattern: 'kubectl edit', risk: C, reason: 'edits live Kubernetes objects' },
  { pattern: 'kubectl apply', risk: C, reason: 'applies manifests to the cluster' },
  { pattern: 'kubectl apply', withFlag: ['--prune'], risk: D, reason: 'deletes objects that are not in the manifests (--prune)' },
  { pattern: 'kubectl replace', risk: C, reason: 'replaces live Kubernetes objects' },
  { pattern: 'kubectl replace', withFlag: ['--force'], risk: D, reason: 'deletes and recreates Kubernetes objects (--force)' },
  { pattern: 'kubectl create|run|expose', risk: C, reason: 'creates Kubernetes objects' },
  { pattern: 'kubectl label|annotate', risk: C, reason: 'changes labels or annotations of live objects' },
  { pattern: 'kubectl certificate approve|deny', risk: C, reason: 'approves or denies a certificate request' },
  { pattern: 'helm install', risk: C, reason: 'installs a release into the cluster' },
  { pattern: 'helm upgrade', risk: C, reason: 'upgrades a release' },
  { pattern: 'helm rollback', risk: C, reason: 'rolls a release back to an earlier revision' },
  { pattern: 'helm uninstall|delete|del|un', risk: D, reason: 'removes a release and its Kubernetes objects' },
  // Cloud CLIs
  { pattern: 'aws * delete-*|terminate-*|purge-*|remove-*-from-*', risk: D, reason: 'deletes AWS resources' },
  { pattern: 'aws * restore-*', risk: D, reason: 'restores from a backup (restored data replaces what is there now)' },
  // RDS (and DocumentDB, Neptune) never restore in place: every restore-* operation creates a new instance or cluster.
  { pattern: 'aws rds|docdb|neptune restore-db-*-from-*snapshot', risk: C, reason: 'creates a new instance from a snapshot; the live one is untouched' },
  { pattern: 'aws rds|docdb|neptune restore-db-*-to-point-in-time', risk: C, reason: 'creates a new instance from a point-in-time backup; the live one is untouched' },
  { pattern: 'aws rds|docdb|neptune restore-db-*-from-s3', risk: C, reason: 'creates a new instance from a backup in S3; the live one is untouched' },
  { pattern: 'aws * promote-*', risk: D, reason: 'promotes a replica (replication cannot be resumed)' },
  { pattern: 'aws * modify-*|update-*|put-*|set-*|reset-*', risk: C, reason: 'changes AWS resources' },
  { pattern: 'aws * reboot-*|stop-*|start-*|failover-*', risk: C, reason: 'stops, starts or fails over AWS resources' },
  { pattern: 'aws * revoke-*|authorize-*', risk: C, reason: 'changes network or access rules' },
  { pattern: 'aws * create-*|run-*|attach-*|detach-*|associate-*|disassociate-*|register-*|deregister-*|enable-*|disable-*|cancel-*|invoke|send-*|publish|copy-*|import-*|add-*|tag-*|untag-*', risk: C, reason: 'changes AWS resources' },
  { pattern: 'aws s3 rm|rb', risk: D, reason: 'deletes S3 objects or buckets' },
  { pattern: 'aws s3 sync', withFlag: ['--delete'], risk: D, reason: 'deletes S3 objects that are not in the source (--delete)' },
  { pattern: 'aws s3 mv', risk: C, reason: 'moves S3 objects' },
  { pattern: 'gcloud ** delete', risk: D, reason: 'deletes Google Cloud resources' },
  { pattern: 'gcloud ** create|update|patch|stop|start|reset|resize|restart|set-*|add-*|remove-*|deploy|rollback|failover|promote-replica|restore', risk: C, reason: 'changes Google Cloud resources' },
  { pattern: 'az ** delete', risk: D, reason: 'deletes Azure resources' },
  { pattern: 'az ** create|update|set|stop|start|restart|scale|restore|failover|deallocate', risk: C, reason: 'changes Azure resources' },
  { pattern: 'terraform|tofu apply', risk: C, reason: 'changes infrastructure to match the configuration' },
  { pattern: 'terraform|tofu apply', withFlag: ['-destroy'], risk: D, reason: 'destroys infrastructure' },
  { pattern: 'terraform|tofu destroy', risk: D, reason: 'destroys infrastructure' },
  { pattern: 'terraform|tofu import|taint|untaint', risk: C, reason: 'changes the Terraform state' },
  { pattern: 'terraform|tofu state rm|mv|push|replace-provider', risk: D, reason: 'rewrites the Terraform state' },
  // Databases and caches from the shell (SQL and Redis commands inside are looked up separately)
  { pattern: 'psql', input: /backup|dump|restore|snapshot/i, risk: D, reason: 'restores a dump over the database (it overwrites live data)' },
  { pattern: 'mysql|mariadb', input: /backup|dump|restore|snapshot/i, risk: D, reason: 'restores a dump over the database (it overwrites live data)' },
  { pattern: 'pg_restore', withFlag: ['-d', '--dbname'], risk: D, reason: 'restores a dump over the database (it overwrites live data)' },
  { pattern: 'dropdb|dropuser', risk: D, reason: 'drops a database or role' },
  { pattern: 'createdb|createuser', risk: C, reason: 'creates a database or role' },
  { pattern: 'pg_ctl|pg_ctlcluster stop|restart|reload|kill', risk: C, reason: 'stops or restarts PostgreSQL' },
  { pattern: 'pg_ctl|pg_ctlcluster promote', risk: D, reason: 'promotes a standby to primary (it cannot be demoted)' },
  { pattern: 'patronictl switchover|failover|restart|reload|pause|resume', risk: C, reason: 'changes the PostgreSQL cluster' },
  { pattern: 'patronictl remove|reinit', risk: D, reason: 'wipes a PostgreSQL cluster member' },
  // Hosts, files and services
  { pattern: 'rm|shred|srm', risk: D, reason: 'deletes files' },
  { pattern: 'find', withFlag: ['-delete'], risk: D, reason: 'deletes the files it finds (-delete)' },
  { pattern: 'truncate', risk: D, reason: 'cuts files to a size (the rest is lost)' },
  { pattern: 'dd', risk: D, reason: 'overwrites a file or device' },
  { pattern: 'mkfs|mkfs.*|wipefs|fdisk|parted', risk: D, reason: 'erases a disk or file system' },
  { pattern: 'iptables|ip6tables', withFlag: ['-A', '-I', '-D', '-R', '-F', '-X', '-P', '-N', '-Z', '-E', '--append', '--insert', '--delete', '--replace', '--flush', '--delete-chain', '--policy', '--new-chain', '--zero'], risk: C, reason: 'changes firewall rules' },
  { pattern: 'iptables-restore|ip6tables-restore', risk: C, reason: 'replaces firewall rules' },
  { pattern: 'ufw allow|deny|reject|limit|delete|insert|enable|disable|reset|default', risk: C, reason: 'changes firewall rules' },
  { pattern: 'nft add|delete|flush|insert|replace|create|destroy', risk: C, reason: 'changes firewall rules' },
  { pattern: 'systemctl restart|stop|start|reload|try-restart|reload-or-restart|kill|disable|enable|mask|unmask|isolate|daemon-reload', risk: C, reason: 'starts, stops or reconfigures a service' },
  { pattern: 'service * restart|stop|start|reload|force-reload', risk: C, reason: 'starts, stops or restarts a service' },
  { pattern: 'kill|pkill|killall', risk: C, reason: 'kills processes' },
  { pattern: 'reboot|shutdown|halt|poweroff', risk: C, reason: 'restarts or stops the host' },
  { pattern: 'crontab', withFlag: ['-r'], risk: D, reason: 'deletes the crontab' },
  { pattern: 'docker rm|rmi', risk: D, reason: 'deletes containers or images' },
  { pattern: 'docker container|image|volume|network rm|prune', risk: D, reason: 'deletes Docker objects' },
  { pattern: 'docker system|builder prune', risk: D, reason: 'deletes unused Docker data' },
  { pattern: 'docker kill|stop|restart|pause|unpause|update', risk: C, reason: 'stops, restarts or changes containers' },
  { pattern: 'docker container kill|stop|restart', risk: C, reason: 'stops or restarts containers' },
  { pattern: 'docker compose down|stop|restart|up|kill|rm|pull', risk: C, reason: 'stops, starts or recreates services' },
  { pattern: 'docker compose down|rm', withFlag: ['-v', '--volumes'], risk: D, reason: 'deletes service volumes (-v)' },
  { pattern: 'docker service scale|update|rollback', risk: C, reason: 'changes a Swarm service' },
  { pattern: 'docker service rm', risk: D, reason: 'removes a Swarm service' },
  // Version control
  { pattern: 'git push', risk: C, reason: 'changes a remote repository' },
  { pattern: 'git push', withFlag: ['--force', '-f', '--force-with-lease', '--delete', '-d', '--mirror'], risk: D, reason: 'rewrites or deletes remote history' },
  { pattern: 'git revert', risk: C, reason: 'adds a commit that undoes another' },
  { pattern: 'git reset', withFlag: ['--hard'], risk: D, reason: 'discards local changes (--hard)' },
  { pattern: 'git clean', withFlag: ['-f', '--force'], risk: D, reason: 'deletes untracked files' },
  // Kubernetes, further (oc is kubectl for all of these)
  { pattern: 'kubectl adm cordon|uncordon|drain|taint', risk: C, reason: 'changes whether pods are scheduled on a node' },
  { pattern: 'kubectl adm drain', risk: C, reason: 'evicts every pod from a node' },
  { pattern: 'kubectl adm prune', risk: D, reason: 'deletes old images, builds or deployments' },
  { pattern: 'kubectl adm policy|groups add-*|remove-*|new|reconcile-*', risk: C, reason: 'changes access policies' },
  { pattern: 'kubectl adm upgrade', risk: C, reason: 'starts a cluster upgrade' },
  { pattern: 'kubectl adm reboot-machine-config-pool|restart', risk: C, reason: 'restarts cluster nodes' },
  { pattern: 'kubectl adm certificate approve|deny', risk: C, reason: 'approves or denies a certificate request' },
  { pattern: 'kubectl rollout retry|latest|cancel', risk: C, reason: 'starts or cancels a rollout' },
  { pattern: 'kubectl start-build|cancel-build|import-image|tag|new-app|new-build|process', risk: C, reason: 'creates or changes OpenShift objects' },
  { pattern: 'kubectl debug', withFlag: ['--profile sysadmin'], risk: C, reason: 'starts a privileged debug pod' },
  { pattern: 'kubectl cp', risk: C, reason: 'copies files into or out of a container' },
  // etcd
  { pattern: 'etcdctl del', risk: D, reason: 'deletes keys from etcd' },
  { pattern: 'etcdctl member remove', risk: D, reason: 'removes a member from the etcd cluster' },
  { pattern: 'etcdctl snapshot restore', risk: D, reason: 'restores etcd from a snapshot (later writes are lost)' },
  { pattern: 'etcdutl snapshot restore', risk: D, reason: 'restores etcd from a snapshot (later writes are lost)' },
  { pattern: 'etcdctl member add|update|promote', risk: C, reason: 'changes the etcd cluster membership' },
  { pattern: 'etcdctl defrag', risk: C, reason: 'defragments the etcd database (it blocks the member while it runs)' },
  { pattern: 'etcdctl compact|compaction', risk: D, reason: 'discards the key history before a revision' },
  { pattern: 'etcdctl move-leader', risk: C, reason: 'moves the etcd leader' },
  { pattern: 'etcdctl alarm disarm', risk: C, reason: 'clears etcd alarms' },
  { pattern: 'etcdctl lease revoke', risk: D, reason: 'revokes a lease and deletes the keys attached to it' },
  { pattern: 'etcdctl put', risk: C, reason: 'writes a key into etcd' },
  // Container runtimes on nodes
  { pattern: 'crictl rm|rmi|rmp', risk: D, reason: 'deletes containers, images or pods from the node' },
  { pattern: 'crictl stop|stopp|update', risk: C, reason: 'stops or changes containers on the node' },
  { pattern: 'ctr ** rm|delete|remove|del', risk: D, reason: 'deletes containerd objects' },
  // Gitaly / Praefect (GitLab)
  { pattern: 'praefect accept-dataloss|remove-repository', risk: D, reason: 'accepts data loss or removes a repository' },
  { pattern: 'praefect set-replication-factor|track-repository|track-repositories', risk: C, reason: 'changes how Praefect replicates repositories' },
  { pattern: 'gitlab-ctl restart|stop|start|reconfigure|hup|kill|deploy-page', risk: C, reason: 'restarts, stops or reconfigures GitLab services' },
  { pattern: 'gitlab-ctl cleanse|remove-accounts|uninstall', risk: D, reason: 'deletes GitLab data or accounts' },
  { pattern: 'gitlab-rake **', when: (command) => command.argv.slice(1).some((word) => /(destroy|delete|remove|drop|clean|purge|reset)/.test(word.value)), risk: D, reason: 'runs a GitLab task that deletes data' },
  { pattern: 'gitlab-rails runner', risk: C, reason: 'runs Ruby code in the GitLab application' },
  // Consul, Vault, Nomad
  { pattern: 'consul kv delete', risk: D, reason: 'deletes keys from Consul' },
  { pattern: 'consul kv put|import', risk: C, reason: 'writes keys into Consul' },
  { pattern: 'consul operator|leave|force-leave|maint **', risk: C, reason: 'changes the Consul cluster' },
  { pattern: 'vault delete', risk: D, reason: 'deletes Vault data' },
  { pattern: 'vault kv delete|destroy', risk: D, reason: 'deletes Vault secrets' },
  { pattern: 'vault kv metadata delete', risk: D, reason: 'deletes every version of a Vault secret' },
  { pattern: 'vault secrets|auth disable', risk: D, reason: 'disables a Vault engine and deletes its data' },
  { pattern: 'vault lease|token revoke', risk: D, reason: 'revokes Vault leases or tokens' },
  { pattern: 'vault write|seal|unseal', risk: C, reason: 'changes Vault state' },
  { pattern: 'vault kv put|patch', risk: C, reason: 'writes Vault secrets' },
  { pattern: 'vault secrets|auth enable', risk: C, reason: 'enables a Vault engine' },
  { pattern: 'vault operator **', risk: C, reason: 'changes the Vault cluster' },
  { pattern: 'vault policy write|delete', risk: C, reason: 'changes Vault policies' },
  { pattern: 'nomad job stop|run|revert|scale|dispatch', risk: C, reason: 'changes Nomad jobs' },
  { pattern: 'nomad node drain|eligibility', risk: C, reason: 'changes whether a Nomad node takes work' },
  { pattern: 'nomad alloc stop|restart|signal', risk: C, reason: 'stops or restarts a Nomad allocation' },
  { pattern: 'nomad deployment fail|promote|pause|resume', risk: C, reason: 'changes a Nomad deployment' },
  { pattern: 'nomad system gc|reconcile', risk: C, reason: 'garbage-collects Nomad state' },
  { pattern: 'nomad job stop', withFlag: ['-purge'], risk: D, reason: 'stops and purges a Nomad job' },
  // Message queues and caches from the shell
  { pattern: 'kafka-topics|kafka-topics.sh', withFlag: ['--delete'], risk: D, reason: 'deletes Kafka topics' },
  { pattern: 'kafka-topics|kafka-topics.sh', withFlag: ['--create', '--alter'], risk: C, reason: 'creates or changes Kafka topics' },
  { pattern: 'kafka-consumer-groups|kafka-consumer-groups.sh', withFlag: ['--reset-offsets', '--delete', '--delete-offsets'], risk: D, reason: 'resets or deletes consumer offsets' },
  { pattern: 'rabbitmqctl purge_queue|delete_queue|delete_vhost|delete_user|reset|force_reset', risk: D, reason: 'deletes RabbitMQ queues, messages or state' },
  { pattern: 'rabbitmqctl stop_app|start_app|stop|close_connection|set_policy|clear_policy|forget_cluster_node', risk: C, reason: 'changes the RabbitMQ node' },
  // Hosts, further
  { pattern: 'systemctl reboot|poweroff|halt|kexec|suspend|hibernate|emergency|rescue|default', risk: C, reason: 'restarts or stops the host' },
  { pattern: 'systemctl set-property|revert|preset|link|reset-failed', risk: C, reason: 'changes how a service runs' },
  { pattern: 'mount|umount|swapoff|swapon', risk: C, reason: 'changes mounted file systems' },
  { pattern: 'sysctl', withFlag: ['-w', '--write', '-p', '--load', '--system'], risk: C, reason: 'changes kernel parameters' },
  { pattern: 'ip link|addr|address|route|rule|neigh set|add|del|delete|flush|change|replace', risk: C, reason: 'changes network interfaces or routes' },
  { pattern: 'chmod|chown|chgrp|chattr|setfacl', risk: C, reason: 'changes file permissions or owners' },
  { pattern: 'mv', risk: C, reason: 'moves or renames files (an existing target is replaced)' },
  { pattern: 'cp', withFlag: ['-f', '--force', '--remove-destination'], risk: C, reason: 'overwrites files' },
  { pattern: 'rsync', withFlag: ['--delete', '--delete-after', '--delete-before', '--delete-during', '--delete-excluded', '--remove-source-files'], risk: D, reason: 'deletes files at the destination or the source' },
  { pattern: 'ln', withFlag: ['-f', '--force'], risk: C, reason: 'replaces a file with a link' },
  { pattern: 'tee', withoutFlag: ['-a', '--append'], when: (command) => positionals('tee', command.argv.slice(1)).some((word) => word.value !== '/dev/null'), risk: C, reason: 'overwrites the files it writes' },
  { pattern: 'apt|apt-get|yum|dnf|zypper|apk|pip|pip3|gem|brew install|upgrade|update|remove|purge|uninstall|autoremove|erase|add|del', risk: C, reason: 'installs, upgrades or removes packages' },
  { pattern: 'userdel|groupdel', risk: D, reason: 'deletes users or groups' },
  { pattern: 'useradd|usermod|groupadd|passwd|chpasswd', risk: C, reason: 'changes users or passwords' },
  { pattern: 'logrotate', withFlag: ['-f', '--force'], risk: C, reason: 'rotates logs now' },
  { pattern: 'certbot renew|revoke|delete|certonly', risk: C, reason: 'renews, issues or revokes certificates' },
  { pattern: 'nginx|apachectl|httpd', withFlag: ['-s reload', '-s stop', '-s quit', '-s reopen', '-k restart', '-k stop', '-k graceful'], risk: C, reason: 'reloads or stops the web server' },
  { pattern: 'redis-cli', withFlag: ['--cluster fix', '--cluster reshard', '--cluster rebalance', '--cluster del-node', '--cluster add-node'], risk: C, reason: 'changes the Redis cluster layout' },
  { pattern: 'pg_basebackup', withFlag: ['-R', '--write-recovery-conf'], risk: C, reason: 'writes a standby configuration' },
  { pattern: 'pg_resetwal|pg_resetxlog', risk: D, reason: 'resets the write-ahead log (data can be lost)' },
  { pattern: 'pg_rewind', risk: D, reason: 'rewinds a data directory (its divergent changes are lost)' },
  { pattern: 'repmgr standby|primary|node|witness promote|switchover|follow|register|unregister|rejoin|clone', risk: C, reason: 'changes the replication cluster' },
  { pattern: 'kubectl-argo-rollouts promote|abort|retry|undo|restart|set', risk: C, reason: 'changes an Argo rollout' },
  { pattern: 'argocd app sync|rollback|set|patch|terminate-op', risk: C, reason: 'syncs or changes an Argo CD application' },
  { pattern: 'argocd app delete', risk: D, reason: 'deletes an Argo CD application (and its resources with cascade)' },
  { pattern: 'flux reconcile|suspend|resume', risk: C, reason: 'reconciles or suspends Flux objects' },
  { pattern: 'flux delete|uninstall', risk: D, reason: 'deletes Flux objects' },
  { pattern: 'velero restore create', risk: C, reason: 'restores Kubernetes objects from a backup' },
  { pattern: 'velero backup|restore|schedule delete', risk: D, reason: 'deletes Velero backups, restores or schedules' },
  { pattern: 'velero backup|schedule create', risk: C, reason: 'creates a Velero backup or schedule' },
  { pattern: 'mongosh|mongo', when: (command) => /\b(drop|deleteMany|deleteOne|remove)\b/.test(optionValue(command.argv.slice(1), ['--eval'])?.value ?? ''), risk: D, reason: 'drops or deletes MongoDB data' },
  // HTTP: a request that sends data or names a writing method calls an API that changes something (PagerDuty's
  // enqueue pages people), unless it goes to an endpoint that only reads (a Prometheus or Elasticsearch query).
  { pattern: 'curl', withFlag: ['-X DELETE', '--request DELETE'], risk: D, reason: 'sends an HTTP DELETE request' },
  { pattern: 'curl', withFlag: ['-X POST', '-X PUT', '-X PATCH', '--request POST', '--request PUT', '--request PATCH'], when: (command) => !readsOnly(command), risk: C, reason: 'sends an HTTP request that changes something on the server' },
  {
    pattern: 'curl',
    withFlag: ['-d', '--data', '--data-raw', '--data-binary', '--data-urlencode', '--data-ascii', '--json', '-F', '--form', '--form-string', '-T', '--upload-file'],
    withoutFlag: ['-G', '--get', '-I', '--head', '-X GET', '--request GET', '-X HEAD', '--request HEAD'],
    when: (command) => !readsOnly(command),
    risk: C,
    reason: 'sends data in a POST request, which changes something on the server',
  },
  { pattern: 'wget', withFlag: ['--method DELETE'], risk: D, reason: 'sends an HTTP DELETE request' },
  { pattern: 'wget', withFlag: ['--method POST', '--method PUT', '--method PATCH', '--post-data', '--post-file', '--body-data', '--body-file'], when: (command) => !readsOnly(command), risk: C, reason: 'sends an HTTP request that changes something on the server' },
  // Package managers
  { pattern: 'npm audit fix', risk: C, reason: "updates dependencies and rewrites the project's lock file" },
  { pattern: 'npm install|i|add|update|upgrade|up|uninstall|un|remove|rm', risk: C, reason: "changes the project's dependencies and lock file" },

  // Kubernetes, specific cases of the entries above (the more specific entry wins)
  { pattern: 'kubectl patch', when: removesFinalizers, risk: D, reason: 'removes finalizers: the object goes without the cleanup its controllers do (volumes, load balancers, external resources can be left behind)' },
  { pattern: 'kubectl patch', when: opensDisruptionBudget, risk: C, reason: 'opens a PodDisruptionBudget (minAvailable 0): every pod it protects can be evicted at once' },
  { pattern: 'kubectl scale', when: scalesToZero, risk: C, reason: 'stops every pod of the workload (--replicas=0): it serves nothing until scaled back' },
  { pattern: 'kubectl delete', when: forceDelete, risk: D, reason: 'force-deletes without waiting for the kubelet (--force --grace-period=0): the container may keep running, and a StatefulSet can get two pods with one identity' },
  // KubeVirt
  { pattern: 'virtctl stop|restart|pause|soft-reboot|migrate|freeze', risk: C, reason: 'stops, restarts, pauses or moves a virtual machine (its guest is interrupted)' },
  { pattern: 'virtctl start|unpause|unfreeze|migrate-cancel|addvolume|removevolume|expand|expose|image-upload|memory-dump', risk: C, reason: 'changes a virtual machine or its volumes' },
  { pattern: 'virtctl stop', withFlag: ['--force'], risk: D, reason: 'forces the virtual machine off (--force: like pulling the plug, unsaved guest data is lost)' },
  // libvirt
  { pattern: 'virsh destroy|shutdown|reboot|reset|suspend|resume|start|migrate|setmem|setvcpus|attach-*|detach-*', risk: C, reason: 'stops, starts or changes a virtual machine' },
  { pattern: 'virsh undefine|vol-delete|pool-delete|snapshot-delete', risk: D, reason: 'deletes a virtual machine definition, volume or snapshot' },
  // Terraform: `tf` is the wrapper name many teams (GitLab's config-mgmt among them) give terraform; no other
  // common command is called tf, so its subcommands are terraform's.
  { pattern: 'tf apply', risk: C, reason: 'changes infrastructure to match the configuration' },
  { pattern: 'tf apply', withFlag: ['-destroy'], risk: D, reason: 'destroys infrastructure' },
  { pattern: 'tf destroy', risk: D, reason: 'destroys infrastructure' },
  { pattern: 'tf import|taint|untaint', risk: C, reason: 'changes the Terraform state' },
  { pattern: 'tf state rm|mv|push|replace-provider', risk: D, reason: 'rewrites the Terraform state' },
  { pattern: 'terraform|tofu|tf force-unlock', risk: C, reason: 'removes the lock on the Terraform state (another run may be writing it)' },
  // Configuration management: a run applies every pending change to the node
  { pattern: 'chef-client|chef-solo', withoutFlag: ['-W', '--why-run'], risk: C, reason: 'runs Chef on the node, applying every pending configuration change' },
  { pattern: 'knife node|client|role|environment|cookbook delete', risk: D, reason: 'deletes Chef server objects' },
  { pattern: 'knife data bag delete', risk: D, reason: 'deletes a Chef data bag' },
  { pattern: 'knife node|role|environment edit|from|run_list', risk: C, reason: 'changes Chef server objects' },
  { pattern: 'knife data bag edit|from|create', risk: C, reason: 'changes a Chef data bag' },
  { pattern: 'knife bootstrap', risk: C, reason: 'installs Chef on a node and runs it' },
  { pattern: 'puppet agent', withoutFlag: ['--noop'], risk: C, reason: 'runs Puppet on the node, applying every pending configuration change' },
  { pattern: 'puppet apply', withoutFlag: ['--noop'], risk: C, reason: 'applies a Puppet manifest to the node' },
  { pattern: 'ansible-playbook', withoutFlag: ['--check', '-C', '--list-hosts', '--list-tasks', '--syntax-check'], risk: C, reason: 'runs a playbook that changes the hosts it targets' },
  { pattern: 'salt ** state.apply|state.highstate|state.sls|cmd.run|service.restart', risk: C, reason: 'applies states or runs commands on every minion it targets' },
  // Queues: purging drops every waiting message or job
  { pattern: 'sentry queues purge', risk: D, reason: 'purges the queues: every event waiting in them is dropped' },
  { pattern: 'sentry cleanup', risk: D, reason: 'deletes stored events older than the given days' },
  { pattern: 'celery ** purge', risk: D, reason: 'purges the task queues: every waiting task is dropped' },
  { pattern: 'celery ** control|multi shutdown|stop|kill|revoke|terminate|stopwait|restart', risk: C, reason: 'stops workers or revokes tasks' },
  { pattern: 'rabbitmqadmin purge|delete **', risk: D, reason: 'purges or deletes RabbitMQ queues, exchanges or users' },
  { pattern: 'rabbitmq-queues delete_member|shrink|grow|rebalance', risk: C, reason: 'changes where quorum queue replicas live' },
  // Object stores
  { pattern: 'gsutil rm|rb', risk: D, reason: 'deletes Cloud Storage objects or buckets' },
  { pattern: 'gsutil rsync', withFlag: ['-d'], risk: D, reason: 'deletes objects that are not in the source (-d)' },
  { pattern: 'gsutil acl|iam|lifecycle|versioning|retention|defacl set|ch', risk: C, reason: 'changes Cloud Storage settings or access' },
  { pattern: 'gsutil mv|cp|setmeta', risk: C, reason: 'writes Cloud Storage objects or their settings' },
  { pattern: 'gcloud storage rm', risk: D, reason: 'deletes Cloud Storage objects or buckets' },
  { pattern: 'gcloud storage rsync', withFlag: ['--delete-unmatched-destination-objects'], risk: D, reason: 'deletes objects that are not in the source' },
  { pattern: 's3cmd del|rm|rb|delete', risk: D, reason: 'deletes S3 objects or buckets' },
  { pattern: 'mc rm|rb', risk: D, reason: 'deletes objects or buckets' },
  { pattern: 'rclone delete|deletefile|purge|rmdir|rmdirs|cleanup', risk: D, reason: 'deletes remote files' },
  { pattern: 'rclone sync|move', risk: D, reason: 'makes the destination match the source (files only at the destination are deleted) or moves files' },
  // Storage on hosts and clusters
  { pattern: 'lvremove|vgremove|pvremove', risk: D, reason: 'deletes volumes and their data' },
  { pattern: 'zpool|zfs destroy', risk: D, reason: 'destroys a ZFS pool or dataset and its data' },
  { pattern: 'lvextend|lvresize|lvreduce|resize2fs|xfs_growfs|growpart', risk: C, reason: 'resizes a volume or file system' },
  { pattern: 'ceph osd out|in|down|reweight|set|unset', risk: C, reason: 'changes the Ceph cluster' },
  { pattern: 'ceph osd purge|destroy|rm', risk: D, reason: 'removes an OSD and its data from the Ceph cluster' },
  { pattern: 'ceph osd pool delete|rm', risk: D, reason: 'deletes a Ceph pool and its data' },
  { pattern: 'nodetool decommission|removenode|assassinate', risk: D, reason: 'removes a node from the Cassandra ring' },
  { pattern: 'nodetool repair|cleanup|compact|drain|flush|stopdaemon|disablegossip|enablegossip', risk: C, reason: 'changes what the Cassandra node does' },
  { pattern: 'kubeadm reset', risk: D, reason: 'tears down the Kubernetes node (its local state is deleted)' },
  { pattern: 'kubeadm upgrade apply|node', risk: C, reason: 'upgrades the cluster' },
  { pattern: 'kubeadm certs renew', risk: C, reason: 'renews the cluster certificates' },
  { pattern: 'mysqladmin drop', risk: D, reason: 'drops a database' },
  { pattern: 'mysqladmin shutdown|flush-*|kill|reload|refresh|stop-replica|start-replica|stop-slave|start-slave', risk: C, reason: 'stops or changes the MySQL server' },
  { pattern: 'gh release|repo|secret|variable delete', risk: D, reason: 'deletes GitHub objects' },

  ];

/**
 * Commands that a broad pattern of the table would take for a change but that change nothing
 * (`aws * start-*` is right for `start-instances`, wrong for `ssm start-session`).
 */
// prettier-ignore
export const READ_ONLY: readonly { pattern: string; reason: string }[] = [
  { pattern: 'aws ssm start-session', reason: 'opens a session or a port forward; it starts no resource' },
  { pattern: 'aws logs start-query|start-live-tail', reason: 'starts a log query; it changes nothing' },
  { pattern: 'kubectl adm top|inspect|must-gather|node-logs|release|policy who-can|policy scc-review|policy scc-subject-review', reason: 'only reads' },
];
