// What running a block risks. A maintained table says which commands change or destroy state
// (shell programs, SQL statements, Redis commands) and why; the inference looks up each command
// the block would run (shell/commands.ts reads them). The linter, the runner and verify use it.
import type { BlockKind, CommandLanguage, Risk } from './model/types.ts';
import { commandsToRun, findFlag, place, valuePlacement, type Placement, type RunCommand } from './shell/commands.ts';
import { commandPositionals, glob, indexByProgram, matchCommand, programArgs, showWords, type CommandPattern, type PatternMatch } from './shell/patterns.ts';
import { sqlArguments } from './shell/sql-arguments.ts';
import { neutralisePlaceholders, simpleCommands, type Word } from './shell/words.ts';
import { sqlStatements, type SqlToken } from './text/sql.ts';

export type ChangingRisk = Exclude<Risk, 'read'>;

export interface RiskEntry {
  /** What the pattern is matched against: a shell command, a SQL statement, a Redis command. */
  kind: 'shell' | 'sql' | 'redis';
  /**
   * shell: the program and the subcommand words after it, options skipped: `kubectl rollout undo`;
   * `*` is any one word, `**` any number of words, `a|b` either, `delete-*` a prefix.
   * sql: the statement's leading keywords (`DROP`, `SET GLOBAL`), or `name()` for a function called anywhere.
   * redis: the command and its subcommand (`FLUSHDB`, `CONFIG SET`).
   */
  pattern: string;
  /** Only when one of these options is given (`--force`); `-x` also matches inside `-xyz`. */
  withFlag?: readonly string[];
  /** sql: only when this keyword follows at the statement's top level (`ALTER TABLE ... DROP COLUMN`). */
  contains?: string;
  /** sql: only when this keyword is in the option list after the leading keywords (`VACUUM (FULL)`). */
  option?: string;
  /** shell: not when one of these options is given (`curl -d` without `-G`). */
  withoutFlag?: readonly string[];
  /** shell: a further condition, for what options cannot say (the URL `curl` posts to). */
  when?: (command: RunCommand) => boolean;
  /** shell: only when the command reads a file (`-f FILE`, `< FILE`) whose name matches. */
  input?: RegExp;
  risk: ChangingRisk;
  /** Why, shown after the command: "`kubectl delete pod` deletes Kubernetes objects". */
  reason: string;
}

const D = 'destructive' as const;
const C = 'change' as const;

/**
 * The risk table. `destructive` = loses data or is hard to undo (delete, flush, drop, truncate,
 * terminate, restore over live data, uninstall, force-push); `change` = a reversible change of state
 * (scale, restart, set, roll back). Where several entries match a command, the most specific wins.
 */
export const RISK_TABLE: readonly RiskEntry[] = [
  // Kubernetes
  { kind: 'shell', pattern: 'kubectl delete', risk: D, reason: 'deletes Kubernetes objects' },
  { kind: 'shell', pattern: 'kubectl drain', risk: C, reason: 'evicts every pod from a node' },
  { kind: 'shell', pattern: 'kubectl cordon|uncordon', risk: C, reason: 'changes whether pods are scheduled on a node' },
  { kind: 'shell', pattern: 'kubectl taint', risk: C, reason: 'changes which pods a node accepts' },
  { kind: 'shell', pattern: 'kubectl scale|autoscale', risk: C, reason: 'changes the number of replicas' },
  { kind: 'shell', pattern: 'kubectl rollout restart', risk: C, reason: 'restarts every pod of a workload' },
  { kind: 'shell', pattern: 'kubectl rollout undo', risk: C, reason: 'rolls a workload back to an earlier revision' },
  { kind: 'shell', pattern: 'kubectl rollout pause|resume', risk: C, reason: 'pauses or resumes a rollout' },
  { kind: 'shell', pattern: 'kubectl patch', risk: C, reason: 'changes live Kubernetes objects' },
  { kind: 'shell', pattern: 'kubectl set', risk: C, reason: "changes a workload's image, resources or environment" },
  { kind: 'shell', pattern: 'kubectl edit', risk: C, reason: 'edits live Kubernetes objects' },
  { kind: 'shell', pattern: 'kubectl apply', risk: C, reason: 'applies manifests to the cluster' },
  { kind: 'shell', pattern: 'kubectl apply', withFlag: ['--prune'], risk: D, reason: 'deletes objects that are not in the manifests (--prune)' },
  { kind: 'shell', pattern: 'kubectl replace', risk: C, reason: 'replaces live Kubernetes objects' },
  { kind: 'shell', pattern: 'kubectl replace', withFlag: ['--force'], risk: D, reason: 'deletes and recreates Kubernetes objects (--force)' },
  { kind: 'shell', pattern: 'kubectl create|run|expose', risk: C, reason: 'creates Kubernetes objects' },
  { kind: 'shell', pattern: 'kubectl label|annotate', risk: C, reason: 'changes labels or annotations of live objects' },
  { kind: 'shell', pattern: 'kubectl certificate approve|deny', risk: C, reason: 'approves or denies a certificate request' },
  { kind: 'shell', pattern: 'helm install', risk: C, reason: 'installs a release into the cluster' },
  { kind: 'shell', pattern: 'helm upgrade', risk: C, reason: 'upgrades a release' },
  { kind: 'shell', pattern: 'helm rollback', risk: C, reason: 'rolls a release back to an earlier revision' },
  { kind: 'shell', pattern: 'helm uninstall|delete|del|un', risk: D, reason: 'removes a release and its Kubernetes objects' },
  // Cloud CLIs
  { kind: 'shell', pattern: 'aws * delete-*|terminate-*|purge-*|remove-*-from-*', risk: D, reason: 'deletes AWS resources' },
  { kind: 'shell', pattern: 'aws * restore-*', risk: D, reason: 'restores from a backup (restored data replaces what is there now)' },
  // RDS (and DocumentDB, Neptune) never restore in place: every restore-* operation creates a new instance or cluster.
  { kind: 'shell', pattern: 'aws rds|docdb|neptune restore-db-*-from-*snapshot', risk: C, reason: 'creates a new instance from a snapshot; the live one is untouched' },
  { kind: 'shell', pattern: 'aws rds|docdb|neptune restore-db-*-to-point-in-time', risk: C, reason: 'creates a new instance from a point-in-time backup; the live one is untouched' },
  { kind: 'shell', pattern: 'aws rds|docdb|neptune restore-db-*-from-s3', risk: C, reason: 'creates a new instance from a backup in S3; the live one is untouched' },
  { kind: 'shell', pattern: 'aws * promote-*', risk: D, reason: 'promotes a replica (replication cannot be resumed)' },
  { kind: 'shell', pattern: 'aws * modify-*|update-*|put-*|set-*|reset-*', risk: C, reason: 'changes AWS resources' },
  { kind: 'shell', pattern: 'aws * reboot-*|stop-*|start-*|failover-*', risk: C, reason: 'stops, starts or fails over AWS resources' },
  { kind: 'shell', pattern: 'aws * revoke-*|authorize-*', risk: C, reason: 'changes network or access rules' },
  { kind: 'shell', pattern: 'aws * create-*|run-*|attach-*|detach-*|associate-*|disassociate-*|register-*|deregister-*|enable-*|disable-*|cancel-*|invoke|send-*|publish|copy-*|import-*|add-*|tag-*|untag-*', risk: C, reason: 'changes AWS resources' },
  { kind: 'shell', pattern: 'aws s3 rm|rb', risk: D, reason: 'deletes S3 objects or buckets' },
  { kind: 'shell', pattern: 'aws s3 sync', withFlag: ['--delete'], risk: D, reason: 'deletes S3 objects that are not in the source (--delete)' },
  { kind: 'shell', pattern: 'aws s3 mv', risk: C, reason: 'moves S3 objects' },
  { kind: 'shell', pattern: 'gcloud ** delete', risk: D, reason: 'deletes Google Cloud resources' },
  { kind: 'shell', pattern: 'gcloud ** create|update|patch|stop|start|reset|resize|restart|set-*|add-*|remove-*|deploy|rollback|failover|promote-replica|restore', risk: C, reason: 'changes Google Cloud resources' },
  { kind: 'shell', pattern: 'az ** delete', risk: D, reason: 'deletes Azure resources' },
  { kind: 'shell', pattern: 'az ** create|update|set|stop|start|restart|scale|restore|failover|deallocate', risk: C, reason: 'changes Azure resources' },
  { kind: 'shell', pattern: 'terraform|tofu apply', risk: C, reason: 'changes infrastructure to match the configuration' },
  { kind: 'shell', pattern: 'terraform|tofu apply', withFlag: ['-destroy'], risk: D, reason: 'destroys infrastructure' },
  { kind: 'shell', pattern: 'terraform|tofu destroy', risk: D, reason: 'destroys infrastructure' },
  { kind: 'shell', pattern: 'terraform|tofu import|taint|untaint', risk: C, reason: 'changes the Terraform state' },
  { kind: 'shell', pattern: 'terraform|tofu state rm|mv|push|replace-provider', risk: D, reason: 'rewrites the Terraform state' },
  // Databases and caches from the shell (SQL and Redis commands inside are looked up separately)
  { kind: 'shell', pattern: 'psql', input: /backup|dump|restore|snapshot/i, risk: D, reason: 'restores a dump over the database (it overwrites live data)' },
  { kind: 'shell', pattern: 'mysql|mariadb', input: /backup|dump|restore|snapshot/i, risk: D, reason: 'restores a dump over the database (it overwrites live data)' },
  { kind: 'shell', pattern: 'pg_restore', withFlag: ['-d', '--dbname'], risk: D, reason: 'restores a dump over the database (it overwrites live data)' },
  { kind: 'shell', pattern: 'dropdb|dropuser', risk: D, reason: 'drops a database or role' },
  { kind: 'shell', pattern: 'createdb|createuser', risk: C, reason: 'creates a database or role' },
  { kind: 'shell', pattern: 'pg_ctl|pg_ctlcluster stop|restart|reload|kill', risk: C, reason: 'stops or restarts PostgreSQL' },
  { kind: 'shell', pattern: 'pg_ctl|pg_ctlcluster promote', risk: D, reason: 'promotes a standby to primary (it cannot be demoted)' },
  { kind: 'shell', pattern: 'patronictl switchover|failover|restart|reload|pause|resume', risk: C, reason: 'changes the PostgreSQL cluster' },
  { kind: 'shell', pattern: 'patronictl remove|reinit', risk: D, reason: 'wipes a PostgreSQL cluster member' },
  // Hosts, files and services
  { kind: 'shell', pattern: 'rm|shred|srm', risk: D, reason: 'deletes files' },
  { kind: 'shell', pattern: 'find', withFlag: ['-delete'], risk: D, reason: 'deletes the files it finds (-delete)' },
  { kind: 'shell', pattern: 'truncate', risk: D, reason: 'cuts files to a size (the rest is lost)' },
  { kind: 'shell', pattern: 'dd', risk: D, reason: 'overwrites a file or device' },
  { kind: 'shell', pattern: 'mkfs|mkfs.*|wipefs|fdisk|parted', risk: D, reason: 'erases a disk or file system' },
  { kind: 'shell', pattern: 'iptables|ip6tables', withFlag: ['-A', '-I', '-D', '-R', '-F', '-X', '-P', '-N', '-Z', '-E', '--append', '--insert', '--delete', '--replace', '--flush', '--delete-chain', '--policy', '--new-chain', '--zero'], risk: C, reason: 'changes firewall rules' },
  { kind: 'shell', pattern: 'iptables-restore|ip6tables-restore', risk: C, reason: 'replaces firewall rules' },
  { kind: 'shell', pattern: 'ufw allow|deny|reject|limit|delete|insert|enable|disable|reset|default', risk: C, reason: 'changes firewall rules' },
  { kind: 'shell', pattern: 'nft add|delete|flush|insert|replace|create|destroy', risk: C, reason: 'changes firewall rules' },
  { kind: 'shell', pattern: 'systemctl restart|stop|start|reload|try-restart|reload-or-restart|kill|disable|enable|mask|unmask|isolate|daemon-reload', risk: C, reason: 'starts, stops or reconfigures a service' },
  { kind: 'shell', pattern: 'service * restart|stop|start|reload|force-reload', risk: C, reason: 'starts, stops or restarts a service' },
  { kind: 'shell', pattern: 'kill|pkill|killall', risk: C, reason: 'kills processes' },
  { kind: 'shell', pattern: 'reboot|shutdown|halt|poweroff', risk: C, reason: 'restarts or stops the host' },
  { kind: 'shell', pattern: 'crontab', withFlag: ['-r'], risk: D, reason: 'deletes the crontab' },
  { kind: 'shell', pattern: 'docker rm|rmi', risk: D, reason: 'deletes containers or images' },
  { kind: 'shell', pattern: 'docker container|image|volume|network rm|prune', risk: D, reason: 'deletes Docker objects' },
  { kind: 'shell', pattern: 'docker system|builder prune', risk: D, reason: 'deletes unused Docker data' },
  { kind: 'shell', pattern: 'docker kill|stop|restart|pause|unpause|update', risk: C, reason: 'stops, restarts or changes containers' },
  { kind: 'shell', pattern: 'docker container kill|stop|restart', risk: C, reason: 'stops or restarts containers' },
  { kind: 'shell', pattern: 'docker compose down|stop|restart|up|kill|rm|pull', risk: C, reason: 'stops, starts or recreates services' },
  { kind: 'shell', pattern: 'docker compose down|rm', withFlag: ['-v', '--volumes'], risk: D, reason: 'deletes service volumes (-v)' },
  { kind: 'shell', pattern: 'docker service scale|update|rollback', risk: C, reason: 'changes a Swarm service' },
  { kind: 'shell', pattern: 'docker service rm', risk: D, reason: 'removes a Swarm service' },
  // Version control
  { kind: 'shell', pattern: 'git push', risk: C, reason: 'changes a remote repository' },
  { kind: 'shell', pattern: 'git push', withFlag: ['--force', '-f', '--force-with-lease', '--delete', '-d', '--mirror'], risk: D, reason: 'rewrites or deletes remote history' },
  { kind: 'shell', pattern: 'git revert', risk: C, reason: 'adds a commit that undoes another' },
  { kind: 'shell', pattern: 'git reset', withFlag: ['--hard'], risk: D, reason: 'discards local changes (--hard)' },
  { kind: 'shell', pattern: 'git clean', withFlag: ['-f', '--force'], risk: D, reason: 'deletes untracked files' },
  // HTTP: a request that sends data or names a writing method calls an API that changes something (PagerDuty's
  // enqueue pages people), unless it goes to an endpoint that only reads (a Prometheus or Elasticsearch query).
  { kind: 'shell', pattern: 'curl', withFlag: ['-X DELETE', '--request DELETE'], risk: D, reason: 'sends an HTTP DELETE request' },
  { kind: 'shell', pattern: 'curl', withFlag: ['-X POST', '-X PUT', '-X PATCH', '--request POST', '--request PUT', '--request PATCH'], when: (command) => !readsOnly(command), risk: C, reason: 'sends an HTTP request that changes something on the server' },
  {
    kind: 'shell',
    pattern: 'curl',
    withFlag: ['-d', '--data', '--data-raw', '--data-binary', '--data-urlencode', '--data-ascii', '--json', '-F', '--form', '--form-string', '-T', '--upload-file'],
    withoutFlag: ['-G', '--get', '-I', '--head', '-X GET', '--request GET', '-X HEAD', '--request HEAD'],
    when: (command) => !readsOnly(command),
    risk: C,
    reason: 'sends data in a POST request, which changes something on the server',
  },
  { kind: 'shell', pattern: 'wget', withFlag: ['--method DELETE'], risk: D, reason: 'sends an HTTP DELETE request' },
  { kind: 'shell', pattern: 'wget', withFlag: ['--method POST', '--method PUT', '--method PATCH', '--post-data', '--post-file', '--body-data', '--body-file'], when: (command) => !readsOnly(command), risk: C, reason: 'sends an HTTP request that changes something on the server' },
  // Package managers
  { kind: 'shell', pattern: 'npm audit fix', risk: C, reason: "updates dependencies and rewrites the project's lock file" },
  { kind: 'shell', pattern: 'npm install|i|add|update|upgrade|up|uninstall|un|remove|rm', risk: C, reason: "changes the project's dependencies and lock file" },

  // SQL (PostgreSQL and MySQL)
  { kind: 'sql', pattern: 'DROP', risk: D, reason: 'drops a database object and its data' },
  { kind: 'sql', pattern: 'TRUNCATE', risk: D, reason: 'empties tables' },
  { kind: 'sql', pattern: 'DELETE', risk: D, reason: 'deletes rows' },
  { kind: 'sql', pattern: 'UPDATE', risk: D, reason: 'overwrites rows (the old values are lost)' },
  { kind: 'sql', pattern: 'MERGE', risk: D, reason: 'inserts, updates or deletes rows' },
  { kind: 'sql', pattern: 'REPLACE', risk: D, reason: 'replaces rows' },
  { kind: 'sql', pattern: 'INSERT', risk: C, reason: 'inserts rows' },
  { kind: 'sql', pattern: 'COPY', contains: 'FROM', risk: C, reason: 'loads rows into a table' },
  { kind: 'sql', pattern: 'LOAD', risk: C, reason: 'loads rows into a table' },
  { kind: 'sql', pattern: 'ALTER', risk: C, reason: "changes a database object's definition" },
  { kind: 'sql', pattern: 'ALTER', contains: 'DROP COLUMN', risk: D, reason: 'drops a column and its data' },
  { kind: 'sql', pattern: 'CREATE', risk: C, reason: 'creates a database object' },
  { kind: 'sql', pattern: 'RENAME', risk: C, reason: 'renames tables' },
  { kind: 'sql', pattern: 'GRANT|REVOKE', risk: C, reason: 'changes privileges' },
  { kind: 'sql', pattern: 'COMMENT', risk: C, reason: 'changes a comment on a database object' },
  { kind: 'sql', pattern: 'VACUUM', risk: C, reason: 'reclaims dead rows (heavy I/O on a busy database)' },
  { kind: 'sql', pattern: 'ANALYZE|ANALYSE', risk: C, reason: 'recomputes planner statistics (query plans may change)' },
  { kind: 'sql', pattern: 'VACUUM', contains: 'FULL', risk: C, reason: 'rewrites tables under an exclusive lock' },
  { kind: 'sql', pattern: 'VACUUM', option: 'FULL', risk: C, reason: 'rewrites tables under an exclusive lock' },
  { kind: 'sql', pattern: 'REINDEX', risk: C, reason: 'rebuilds indexes under a lock' },
  { kind: 'sql', pattern: 'CLUSTER|OPTIMIZE', risk: C, reason: 'rewrites a table under an exclusive lock' },
  { kind: 'sql', pattern: 'REFRESH', risk: C, reason: 'recomputes a materialized view' },
  { kind: 'sql', pattern: 'LOCK', risk: C, reason: 'locks tables' },
  { kind: 'sql', pattern: 'DO|CALL', risk: C, reason: 'runs a procedure that may change anything' },
  { kind: 'sql', pattern: 'SET GLOBAL|PERSIST', risk: C, reason: 'changes a server setting' },
  { kind: 'sql', pattern: 'KILL', risk: D, reason: 'kills a connection (its transaction is rolled back)' },
  { kind: 'sql', pattern: 'KILL QUERY', risk: C, reason: 'cancels a running query' },
  { kind: 'sql', pattern: 'FLUSH', risk: C, reason: 'flushes server caches or logs' },
  { kind: 'sql', pattern: 'PURGE', risk: D, reason: 'deletes binary logs' },
  { kind: 'sql', pattern: 'pg_terminate_backend()', risk: D, reason: 'terminates database sessions (their transactions are rolled back)' },
  { kind: 'sql', pattern: 'pg_cancel_backend()', risk: C, reason: 'cancels running queries' },
  { kind: 'sql', pattern: 'pg_reload_conf()', risk: C, reason: 'reloads the server configuration' },
  { kind: 'sql', pattern: 'pg_drop_replication_slot()', risk: D, reason: 'drops a replication slot (its consumer must be rebuilt)' },
  { kind: 'sql', pattern: 'pg_create_physical_replication_slot()|pg_create_logical_replication_slot()', risk: C, reason: 'creates a replication slot (WAL is kept until it is consumed)' },
  { kind: 'sql', pattern: 'pg_promote()', risk: D, reason: 'promotes a standby to primary (it cannot be demoted)' },
  { kind: 'sql', pattern: 'pg_wal_replay_pause()|pg_wal_replay_resume()', risk: C, reason: 'pauses or resumes replication replay' },
  { kind: 'sql', pattern: 'pg_stat_reset()|pg_stat_statements_reset()|pg_stat_reset_shared()', risk: C, reason: 'resets collected statistics' },
  { kind: 'sql', pattern: 'setval()', risk: C, reason: 'moves a sequence' },
  { kind: 'sql', pattern: 'lo_unlink()', risk: D, reason: 'deletes a large object' },

  // Redis
  { kind: 'redis', pattern: 'FLUSHDB', risk: D, reason: 'deletes every key in the database' },
  { kind: 'redis', pattern: 'FLUSHALL', risk: D, reason: 'deletes every key in every database' },
  { kind: 'redis', pattern: 'DEL|UNLINK|GETDEL', risk: D, reason: 'deletes keys' },
  { kind: 'redis', pattern: 'HDEL|SREM|ZREM|ZREMRANGEBYSCORE|ZREMRANGEBYRANK|ZREMRANGEBYLEX|LREM|LTRIM|LPOP|RPOP|SPOP|XDEL|XTRIM', risk: D, reason: 'removes elements from a key' },
  { kind: 'redis', pattern: 'SHUTDOWN', risk: D, reason: 'stops the server (unsaved data is lost)' },
  { kind: 'redis', pattern: 'REPLICAOF|SLAVEOF', risk: D, reason: 'makes the server a replica (its data is replaced)' },
  { kind: 'redis', pattern: 'REPLICAOF|SLAVEOF NO ONE', risk: C, reason: 'promotes a replica to primary' },
  { kind: 'redis', pattern: 'MIGRATE', risk: D, reason: 'moves keys to another server' },
  { kind: 'redis', pattern: 'CLUSTER RESET|FORGET', risk: D, reason: 'removes a node from the cluster' },
  { kind: 'redis', pattern: 'CLUSTER FAILOVER|SETSLOT|ADDSLOTS|DELSLOTS|MEET', risk: C, reason: 'changes the cluster layout' },
  { kind: 'redis', pattern: 'FUNCTION FLUSH|DELETE', risk: D, reason: 'deletes server-side functions' },
  { kind: 'redis', pattern: 'SCRIPT FLUSH', risk: C, reason: 'empties the script cache' },
  { kind: 'redis', pattern: 'DEBUG', risk: D, reason: 'can crash or block the server' },
  { kind: 'redis', pattern: 'CONFIG SET|REWRITE|RESETSTAT', risk: C, reason: 'changes the server configuration' },
  { kind: 'redis', pattern: 'CLIENT KILL|PAUSE|NO-EVICT', risk: C, reason: 'disconnects or pauses clients' },
  { kind: 'redis', pattern: 'ACL SETUSER|DELUSER|LOAD', risk: C, reason: 'changes users and permissions' },
  { kind: 'redis', pattern: 'FAILOVER', risk: C, reason: 'fails over to a replica' },
  { kind: 'redis', pattern: 'SET|SETEX|PSETEX|SETNX|MSET|MSETNX|GETSET|SETRANGE|APPEND|INCR|INCRBY|INCRBYFLOAT|DECR|DECRBY|HSET|HSETNX|HMSET|HINCRBY|LPUSH|RPUSH|LSET|LINSERT|SADD|SMOVE|ZADD|ZINCRBY|XADD|RENAME|RENAMENX|COPY|MOVE|SWAPDB|RESTORE', risk: C, reason: 'writes keys' },
  { kind: 'redis', pattern: 'EXPIRE|PEXPIRE|EXPIREAT|PEXPIREAT|PERSIST', risk: C, reason: 'changes when keys expire' },
  { kind: 'redis', pattern: 'BGREWRITEAOF|BGSAVE|SAVE', risk: C, reason: 'writes the data set to disk' },
];

/**
 * Commands that a broad pattern of the table would take for a change but that change nothing
 * (`aws * start-*` is right for `start-instances`, wrong for `ssm start-session`).
 */
export const READ_ONLY: readonly (CommandPattern & { reason: string })[] = [
  { pattern: 'aws ssm start-session', reason: 'opens a session or a port forward; it starts no resource' },
  { pattern: 'aws logs start-query|start-live-tail', reason: 'starts a log query; it changes nothing' },
];

/** HTTP API endpoints that only read, though they take a POST: Prometheus-style and Loki queries, Elasticsearch searches. */
const READ_ENDPOINT = /(?:\/api\/v1\/(?:query|query_range|query_exemplars|series|labels|label\/[^/]+\/values|format_query|parse_query)|\/_(?:search|msearch|count|field_caps|mget|validate\/query))\/?$/;

/** True when every URL a `curl` or `wget` command names is an endpoint that only reads. */
function readsOnly(command: RunCommand): boolean {
  const args = programArgs(command);
  const urls = commandPositionals(command).map((word) => word.value);
  args.forEach((word, i) => {
    if (word.value === '--url' && args[i + 1]) urls.push(args[i + 1].value);
    else if (word.value.startsWith('--url=')) urls.push(word.value.slice('--url='.length));
  });
  return urls.length > 0 && urls.every((url) => READ_ENDPOINT.test(url.replace(/[?#].*$/s, '')));
}

// ---------------------------------------------------------------------------------------------
// SQL: what a statement runs.

/** The tokens that run: `EXPLAIN ANALYZE x` runs x, plain `EXPLAIN` runs nothing, `WITH ... DELETE` deletes. */
function effectiveTokens(tokens: SqlToken[]): SqlToken[] {
  const first = tokens[0];
  if (!first || first.quoted) return [];
  if (first.value === 'EXPLAIN') {
    let i = 1;
    let analyze = false;
    if (tokens[1]?.value === '(') {
      for (i = 2; i < tokens.length && tokens[i].value !== ')'; i++) {
        if (/^ANALY[SZ]E$/.test(tokens[i].value)) analyze = !/^(FALSE|OFF|0)$/.test(tokens[i + 1]?.value ?? '');
      }
      i++;
    } else {
      while (/^(ANALY[SZ]E|VERBOSE)$/.test(tokens[i]?.value ?? '')) {
        if (tokens[i].value !== 'VERBOSE') analyze = true;
        i++;
      }
    }
    return analyze ? effectiveTokens(tokens.slice(i)) : [];
  }
  if (first.value === 'WITH') {
    const dml = tokens.findIndex((token, i) => /^(DELETE|UPDATE|INSERT|MERGE)$/.test(token.value) && !token.quoted && !/^(FOR|KEY|DO)$/.test(tokens[i - 1]?.value ?? ''));
    return dml === -1 ? tokens : tokens.slice(dml);
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Inference.

export interface RiskFinding {
  risk: ChangingRisk;
  reason: string;
  /** The command as written, shortened: `kubectl delete pod`, `DELETE FROM sessions`, `redis-cli FLUSHDB`. */
  command: string;
  /** Offsets into the code. */
  start: number;
  end: number;
  entry: RiskEntry;
}

export interface RiskInference {
  /** The highest risk found (`read` when nothing in the table matched). */
  risk: Risk;
  /** Why, for the first command of that risk ('' for `read`). */
  reason: string;
  /** That command, and its offsets into the code. */
  command?: string;
  span?: { start: number; end: number };
  /** Every command that changes something, in order. */
  findings: RiskFinding[];
}

const RANK: Record<Risk, number> = { read: 0, change: 1, destructive: 2 };

/** Compares risks: negative when `a` is lower than `b`. */
export function compareRisk(a: Risk, b: Risk): number {
  return RANK[a] - RANK[b];
}

const shellEntries = indexByProgram(RISK_TABLE.filter((entry) => entry.kind === 'shell'));
/** SQL statement entries by leading keyword, their words compiled. */
const sqlStatementEntries = new Map<string, { entry: RiskEntry; words: RegExp[] }[]>();
for (const entry of RISK_TABLE) {
  if (entry.kind !== 'sql' || entry.pattern.endsWith('()')) continue;
  const [first, ...rest] = entry.pattern.split(' ');
  const compiled = { entry, words: [first, ...rest].map((word) => glob(word)) };
  for (const keyword of first.split('|')) sqlStatementEntries.set(keyword, [...(sqlStatementEntries.get(keyword) ?? []), compiled]);
}
const sqlFunctions = new Map<string, RiskEntry>();
for (const entry of RISK_TABLE) {
  if (entry.kind === 'sql' && entry.pattern.endsWith('()')) for (const name of entry.pattern.split('|')) sqlFunctions.set(name.slice(0, -2).toUpperCase(), entry);
}
const redisEntries = RISK_TABLE.filter((entry) => entry.kind === 'redis');

/** How specific an entry is: more pattern words and conditions win over fewer. */
const specificity = (entry: RiskEntry) => entry.pattern.split(' ').length + (entry.withFlag ? 1 : 0) + (entry.contains ? entry.contains.split(' ').length : 0) + (entry.option ? 1 : 0) + (entry.input ? 1 : 0);
/** Wildcards of a pattern: between entries as specific, the one with fewer (`aws rds restore-db-*` over `aws * restore-*`) wins. */
const wildcards = (entry: RiskEntry) => entry.pattern.split('*').length;

function mostSpecific<T extends { entry: RiskEntry }>(candidates: T[]): T | undefined {
  let best: T | undefined;
  for (const candidate of candidates) {
    const difference = best ? specificity(candidate.entry) - specificity(best.entry) : 1;
    if (difference > 0 || (difference === 0 && wildcards(candidate.entry) < wildcards(best!.entry))) best = candidate;
  }
  return best;
}

const readOnlyIndex = indexByProgram(READ_ONLY);

const DRY_RUN = ['--dry-run', '--dryrun', '--help'];

function shellFinding(code: string, command: RunCommand): RiskFinding | undefined {
  const entries = shellEntries(command);
  if (!entries.length) return undefined;
  const args = programArgs(command);
  const dryRun = findFlag(command.program, args, DRY_RUN);
  if (dryRun && !/=(none|false)$/.test(dryRun.value)) return undefined;
  if (readOnlyIndex(command).some((pattern) => matchCommand(command, pattern))) return undefined;
  const candidates: { entry: RiskEntry; match: PatternMatch }[] = [];
  for (const entry of entries) {
    const match = matchCommand(command, entry);
    if (!match || (entry.when && !entry.when(command))) continue;
    if (entry.input && !(command.input && entry.input.test(command.input.value)) && !inputFileOption(command, entry.input)) continue;
    candidates.push({ entry, match });
  }
  const best = mostSpecific(candidates);
  if (!best) return undefined;
  const { entry, match } = best;
  const shown = [...match.shown, ...(entry.input && command.input ? [command.input] : [])];
  const end = Math.max(...shown.map((word) => word.end));
  return { risk: entry.risk, reason: entry.reason, command: showWords(code, shown, 60, entry.input && command.input ? command.input : undefined), start: command.words[0].start, end, entry };
}

function inputFileOption(command: RunCommand, pattern: RegExp): boolean {
  const args = programArgs(command);
  return args.some((word, i) => ((word.value === '-f' || word.value === '--file') && pattern.test(args[i + 1]?.value ?? '')) || (word.value.startsWith('--file=') && pattern.test(word.value)));
}

/**
 * The SQL a command runs: `psql -c`/`-Atc`/`-cSQL`/`--command[=]`, `mysql -e`/`-Ne`/`--execute[=]`, a heredoc; with
 * where the text sits in `code` (placeholders neutral).
 */
function sqlOf(code: string, command: RunCommand): { text: string; placement: Placement }[] {
  const sources: { text: string; placement: Placement }[] = [];
  for (const { word, skip } of sqlArguments(command.program, programArgs(command))?.scripts ?? []) {
    const text = word.value.slice(skip);
    // `-c"..."`, `--command=...`: exact offsets only when the option itself is written plainly.
    const plain = code.slice(word.start, word.start + skip) === word.value.slice(0, skip);
    sources.push({ text, placement: plain ? valuePlacement(code, { value: text, start: word.start + skip, end: word.end }) : { collapse: [word.start, word.end] } });
  }
  if (command.heredoc) sources.push({ text: command.heredoc.text, placement: { offset: command.heredoc.start } });
  return sources;
}

/** Findings of SQL text; offsets placed into the code. */
function sqlFindings(sql: string, placement: Placement): RiskFinding[] {
  return sqlStatements(sql).flatMap((statement) => statementFindings(statement, sql, placement));
}

function statementFindings(statement: SqlToken[], sql: string, placement: Placement): RiskFinding[] {
  const findings: RiskFinding[] = [];
  const tokens = effectiveTokens(statement);
  if (!tokens.length) return findings;
  const candidates: { entry: RiskEntry }[] = [];
  for (const { entry, words } of sqlStatementEntries.get(tokens[0].value) ?? []) {
    if (!words.every((word, i) => tokens[i] && !tokens[i].quoted && word.test(tokens[i].value))) continue;
    if (entry.contains && !containsAtTop(tokens, words.length, entry.contains)) continue;
    if (entry.option && !(tokens[words.length]?.value === '(' && optionList(tokens, words.length).includes(entry.option))) continue;
    candidates.push({ entry });
  }
  const best = mostSpecific(candidates);
  if (best) {
    // Shown: up to three leading words (`DELETE FROM sessions`, `DROP TABLE users`).
    const punctuation = tokens.findIndex((token) => /^[(),]$/.test(token.value));
    const last = tokens[Math.max(0, Math.min(3, punctuation === -1 ? 3 : punctuation, tokens.length) - 1)];
    const [start] = place(placement, tokens[0].start, tokens[0].end);
    const [, end] = place(placement, last.start, last.end);
    findings.push({ risk: best.entry.risk, reason: best.entry.reason, command: sql.slice(tokens[0].start, last.end).replace(/\s+/g, ' '), start, end, entry: best.entry });
  }
  for (let i = 0; i < tokens.length - 1; i++) {
    const entry = sqlFunctions.get(tokens[i].value);
    if (!entry || tokens[i].quoted || tokens[i + 1].value !== '(') continue;
    const [start, end] = place(placement, tokens[i].start, tokens[i].end);
    findings.push({ risk: entry.risk, reason: entry.reason, command: `${sql.slice(tokens[i].start, tokens[i].end)}()`, start, end, entry });
  }
  return findings;
}

/** Statement keywords that are no program: a shell block that holds SQL (pasted into a `psql` session). */
const SQL_IN_SHELL = /^(SELECT|WITH|DELETE|UPDATE|INSERT|DROP|TRUNCATE|ALTER|CREATE|GRANT|REVOKE|VACUUM|REINDEX|EXPLAIN|COPY|MERGE|CALL|CLUSTER|REFRESH|LOCK)$/;

function containsAtTop(tokens: SqlToken[], from: number, keywords: string): boolean {
  const words = keywords.split(' ');
  for (let i = from; i <= tokens.length - words.length; i++) {
    if (tokens[i].depth === 0 && words.every((word, k) => tokens[i + k].value === word && !tokens[i + k].quoted)) return true;
  }
  return false;
}

function optionList(tokens: SqlToken[], open: number): string[] {
  const options: string[] = [];
  for (let i = open + 1; i < tokens.length && tokens[i].value !== ')'; i++) options.push(tokens[i].value);
  return options;
}

/** The Redis command `redis-cli` runs: its positional words. */
function redisFinding(code: string, command: RunCommand): RiskFinding | undefined {
  const words = commandPositionals(command);
  if (!words.length) return undefined;
  return redisEntryFinding(words, command.words[0], code);
}

function redisEntryFinding(words: Word[], program: Word | undefined, code: string): RiskFinding | undefined {
  const candidates: { entry: RiskEntry; count: number }[] = [];
  for (const entry of redisEntries) {
    const parts = entry.pattern.split(' ');
    if (parts.every((part, i) => words[i] && glob(part, 'i').test(words[i].value))) candidates.push({ entry, count: parts.length });
  }
  const best = mostSpecific(candidates);
  if (!best) return undefined;
  const shown = [...(program ? [program] : []), ...words.slice(0, best.count)];
  return { risk: best.entry.risk, reason: best.entry.reason, command: showWords(code, shown), start: shown[0].start, end: shown[shown.length - 1].end, entry: best.entry };
}

/**
 * Every command of the code that changes or destroys something, in order. `language` is the block's
 * (SQL blocks are read as SQL, shell and console blocks as shell with SQL and Redis inside); `kind`
 * 'console' reads only prompt lines.
 */
export function findRisks(code: string, language: CommandLanguage | 'redis' = 'shell', kind: BlockKind = 'command'): RiskFinding[] {
  if (language === 'promql') return [];
  if (language === 'sql') return sqlFindings(code, { offset: 0 });
  if (language === 'redis') {
    const findings: RiskFinding[] = [];
    for (const command of simpleCommands(neutralisePlaceholders(code))) {
      const finding = redisEntryFinding(command.words, undefined, code);
      if (finding) findings.push(finding);
    }
    return findings;
  }
  const findings: RiskFinding[] = [];
  let neutral: string | undefined;
  let sqlUntil = -1;
  for (const command of commandsToRun(code, kind)) {
    if (kind !== 'console' && SQL_IN_SHELL.test(command.program) && command.parent === undefined && command.words[0].start >= sqlUntil) {
      // SQL where shell was expected: read it as SQL, up to the end of the statement.
      const start = command.words[0].start;
      const [statement] = sqlStatements(code.slice(start));
      sqlUntil = start + statement[statement.length - 1].end;
      findings.push(...statementFindings(statement, code.slice(start), { offset: start }));
      continue;
    }
    if (command.words[0].start < sqlUntil) continue;
    const shell = shellFinding(code, command);
    if (shell) findings.push(shell);
    if (command.program === 'redis-cli') {
      const redis = redisFinding(code, command);
      if (redis) findings.push(redis);
    }
    if (command.program === 'psql' || command.program === 'mysql') {
      neutral ??= neutralisePlaceholders(code);
      for (const source of sqlOf(neutral, command)) findings.push(...sqlFindings(source.text, source.placement));
    }
  }
  return findings.sort((a, b) => a.start - b.start);
}

/** The risk a block really carries: what it declares, raised to what its commands do when that is more. */
export interface EffectiveRisk {
  risk: Risk;
  /** Set when the risk is above the declared one: why (`deletes Kubernetes objects`) and the command. */
  raised?: { reason: string; command?: string };
}

const inferences = new Map<string, RiskInference>();

/**
 * The risk to act on for a block: the declared risk, or the inferred one when the commands carry more (a
 * block declared `read` that runs `kubectl delete` is destructive wherever it is shown, copied or run).
 * Blocks that are not run (snippets, text) keep what they declare. Memoised: the site, the registry and
 * the runner ask about the same blocks.
 */
export function effectiveRisk(code: string, language: CommandLanguage | undefined, kind: BlockKind, declared: Risk): EffectiveRisk {
  if ((kind !== 'command' && kind !== 'console') || !language) return { risk: declared };
  const key = `${language}\0${kind}\0${code}`;
  let inferred = inferences.get(key);
  if (!inferred) {
    inferred = inferRisk(code, language, kind);
    if (inferences.size >= 5000) inferences.clear();
    inferences.set(key, inferred);
  }
  if (compareRisk(inferred.risk, declared) <= 0) return { risk: declared };
  return { risk: inferred.risk, raised: { reason: inferred.reason, ...(inferred.command ? { command: inferred.command } : {}) } };
}

/** The risk of running `code`: the highest of its commands, with the reason and place of the first such command. */
export function inferRisk(code: string, language: CommandLanguage | 'redis' = 'shell', kind: BlockKind = 'command'): RiskInference {
  const findings = findRisks(code, language, kind);
  let top: RiskFinding | undefined;
  for (const finding of findings) if (!top || compareRisk(finding.risk, top.risk) > 0) top = finding;
  if (!top) return { risk: 'read', reason: '', findings };
  return { risk: top.risk, reason: top.reason, command: top.command, span: { start: top.start, end: top.end }, findings };
}
