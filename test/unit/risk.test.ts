// Risk inference over a table of commands: what is read-only, what changes, what destroys, and where.
import { describe, expect, it } from 'vitest';
import { effectiveRisk, findRisks, inferRisk, READ_ONLY, RISK_TABLE } from '../../src/lib/risk.ts';
import { commandsToRun, reparsedRanges } from '../../src/lib/shell/commands.ts';
import type { Risk } from '../../src/lib/model/types.ts';

type Row = [code: string, risk: Risk, command?: string];

/** [code, risk, the command as shown and the text its span covers] */
const SHELL: Row[] = [
  // read-only
  ['kubectl -n shop get pods -o wide', 'read'],
  ['kubectl get pods -owide -w', 'read'],
  ['kubectl -n shop logs <pod> --previous --tail=100', 'read'],
  ['kubectl -n shop rollout status deployment/api --timeout=5m', 'read'],
  ['kubectl -n shop delete pod api-1 --dry-run=server', 'read'],
  ['kubectl delete --help', 'read'],
  ['helm -n shop history api', 'read'],
  ['aws ec2 describe-instance-status --filters Name=instance-state-name,Values=running', 'read'],
  ['aws s3 cp s3://backups/shop/latest.sql.gz .', 'read'],
  ['redis-cli INFO stats', 'read'],
  ['redis-cli --bigkeys', 'read'],
  ['psql "$DATABASE_URL" -c "SELECT count(*) FROM pg_stat_activity"', 'read'],
  ['psql "$DATABASE_URL" -c "EXPLAIN DELETE FROM jobs"', 'read'],
  ['iptables -L -n', 'read'],
  ['git log --oneline -5', 'read'],
  ['echo "kubectl delete pod x"', 'read'],
  ['# kubectl delete pod x', 'read'],
  ['terraform plan', 'read'],
  ['systemctl status nginx', 'read'],
  ['curl -X POST https://search.internal/_search', 'read'],
  ['aws ssm start-session --target i-0abc123def4567890', 'read'],
  ['aws ssm start-session --target i-0abc --document-name AWS-StartPortForwardingSession --parameters portNumber=9229', 'read'],
  ['aws logs start-query --log-group-name /ecs/api --start-time 1 --end-time 2 --query-string "fields @message"', 'read'],
  ['curl -fsS "$PROMETHEUS_URL/api/v1/query" --data-urlencode \'query=up\'', 'read'],
  ['curl -sS "$PROMETHEUS_URL/api/v1/query_range?start=1" -d query=up', 'read'],
  ['curl -G https://api.internal/search -d q=error', 'read'],
  ['curl -sI https://api.internal/health', 'read'],
  ['curl -X GET https://api.internal/items -d limit=10', 'read'],
  ['wget -qO- https://api.internal/health', 'read'],
  ['psql "$DATABASE_URL" -c "EXPLAIN ANALYZE SELECT 1"', 'read'],
  ['psql "$DATABASE_URL" -At -c "SELECT count(*) FROM sessions"', 'read'],
  ['psql "$DATABASE_URL" -Atc "SELECT count(*) FROM sessions"', 'read'],
  ['mysql -Ne "SELECT COUNT(*) FROM sessions"', 'read'],
  ['npm audit --json', 'read'],
  // change
  ['kubectl -n shop scale deployment/api --replicas=6', 'change', 'kubectl scale deployment/api'],
  ['kubectl -n shop rollout restart deployment/api', 'change', 'kubectl rollout restart deployment/api'],
  ['kubectl -n tickets-dev rollout undo deployment/backend', 'change', 'kubectl rollout undo deployment/backend'],
  ['kubectl drain node-1 --ignore-daemonsets', 'change', 'kubectl drain node-1'],
  ['kubectl cordon node-1', 'change', 'kubectl cordon node-1'],
  ["kubectl patch deployment api -p '{\"spec\":{\"replicas\":0}}'", 'change', 'kubectl patch deployment'],
  ['kubectl set image deployment/api api=shop/api:1.2.3', 'change', 'kubectl set image'],
  ['kubectl apply -f k8s/production/deployment.yaml', 'change', 'kubectl apply'],
  ['kubectl label pod api-1 tier=web --overwrite', 'change', 'kubectl label pod'],
  ['helm -n shop rollback api 3', 'change', 'helm rollback api'],
  ['helm upgrade --install api ./chart', 'change', 'helm upgrade'],
  ['aws autoscaling set-desired-capacity --auto-scaling-group-name shop --desired-capacity 6', 'change', 'aws autoscaling set-desired-capacity'],
  ['aws --region eu-west-1 ecs update-service --cluster shop --service api --force-new-deployment', 'change', 'aws ecs update-service'],
  ['aws rds reboot-db-instance --db-instance-identifier shop', 'change', 'aws rds reboot-db-instance'],
  ['aws ec2 authorize-security-group-ingress --group-id sg-1 --port 443', 'change', 'aws ec2 authorize-security-group-ingress'],
  ['redis-cli -h cache CONFIG SET maxmemory 2gb', 'change', 'redis-cli CONFIG SET'],
  ['redis-cli REPLICAOF NO ONE', 'change', 'redis-cli REPLICAOF NO ONE'],
  ['psql "$DATABASE_URL" -c "CREATE INDEX CONCURRENTLY idx_users_email ON users(email)"', 'change', 'CREATE INDEX CONCURRENTLY'],
  ['psql "$DATABASE_URL" -c "VACUUM FULL users"', 'change', 'VACUUM FULL users'],
  ['psql "$DATABASE_URL" -c "SELECT pg_cancel_backend(4242)"', 'change', 'pg_cancel_backend()'],
  ['sudo systemctl restart nginx', 'change', 'systemctl restart nginx'],
  ['ssh db-1 "sudo systemctl stop postgresql"', 'change', 'systemctl stop postgresql'],
  ['iptables -A INPUT -s 203.0.113.7 -j DROP', 'change', 'iptables -A INPUT'],
  ['terraform apply -auto-approve', 'change', 'terraform apply'],
  ['git revert HEAD', 'change', 'git revert HEAD'],
  ['docker restart api', 'change', 'docker restart api'],
  ['aws rds restore-db-instance-from-db-snapshot --db-instance-identifier shop-restored --db-snapshot-identifier shop-2026-11-24', 'change', 'aws rds restore-db-instance-from-db-snapshot'],
  ['aws rds restore-db-instance-to-point-in-time --source-db-instance-identifier shop --target-db-instance-identifier shop-pitr', 'change', 'aws rds restore-db-instance-to-point-in-time'],
  ['aws rds restore-db-cluster-from-snapshot --db-cluster-identifier c2 --snapshot-identifier s --engine aurora-postgresql', 'change', 'aws rds restore-db-cluster-from-snapshot'],
  ['aws rds restore-db-cluster-to-point-in-time --db-cluster-identifier c2 --source-db-cluster-identifier c1', 'change', 'aws rds restore-db-cluster-to-point-in-time'],
  ['aws ssm start-automation-execution --document-name AWS-RestartEC2Instance', 'change', 'aws ssm start-automation-execution'],
  ['curl -fsS -X POST https://events.pagerduty.com/v2/enqueue -H "Content-Type: application/json" -d @event.json', 'change', 'curl -X POST'],
  ['curl --request PATCH https://api.internal/flags/checkout', 'change', 'curl --request PATCH'],
  ['curl -sS https://hooks.internal/deploy -d ref=main', 'change', 'curl -sS https://hooks.internal/deploy -d'],
  ["curl --json '{\"paused\": true}' https://api.internal/queues/mail", 'change', 'curl --json'],
  ['wget --post-data "state=paused" https://api.internal/queues/mail', 'change', 'wget --post-data'],
  ['psql "$DATABASE_URL" -c "VACUUM ANALYZE users"', 'change', 'VACUUM ANALYZE users'],
  ['psql "$DATABASE_URL" -c "ANALYZE household_members"', 'change', 'ANALYZE household_members'],
  ['npm audit fix', 'change', 'npm audit fix'],
  ['npm update <package-name>', 'change', 'npm update <package-name>'],
  // destructive
  ['kubectl -n shop delete pod <pod>', 'destructive', 'kubectl delete pod'],
  ['kubectl delete deployment architect-api -n architect-production', 'destructive', 'kubectl delete deployment'],
  ['kubectl get pods -o name | xargs kubectl delete', 'destructive', 'kubectl delete'],
  ['kubectl replace --force -f pod.yaml', 'destructive', 'kubectl replace --force'],
  ['helm uninstall api', 'destructive', 'helm uninstall api'],
  ['aws ec2 terminate-instances --instance-ids i-1', 'destructive', 'aws ec2 terminate-instances'],
  ['aws s3 rm s3://backups/shop --recursive', 'destructive', 'aws s3 rm s3://backups/shop'],
  ['gcloud compute instances delete vm-1 --zone europe-west1-b', 'destructive', 'gcloud compute instances delete vm-1'],
  ['redis-cli FLUSHDB', 'destructive', 'redis-cli FLUSHDB'],
  ['redis-cli -n 2 flushall', 'destructive', 'redis-cli flushall'],
  ['redis-cli DEL session:42', 'destructive', 'redis-cli DEL'],
  ['redis-cli SHUTDOWN NOSAVE', 'destructive', 'redis-cli SHUTDOWN'],
  ["psql \"$DATABASE_URL\" -c \"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE state = 'idle'\"", 'destructive', 'pg_terminate_backend()'],
  ['psql "$DATABASE_URL" -c "TRUNCATE sessions"', 'destructive', 'TRUNCATE sessions'],
  ['psql $DATABASE_URL < backup_*.sql', 'destructive', 'psql $DATABASE_URL < backup_*.sql'],
  ['pg_restore --clean -d "$DATABASE_URL" latest.dump', 'destructive', 'pg_restore -d'],
  ['mysql -e "DROP TABLE sessions"', 'destructive', 'DROP TABLE sessions'],
  // psql and mysql read SQL from every spelling of their option, not only a separate -c / -e.
  ['psql "$DATABASE_URL" -Atc "DELETE FROM sessions"', 'destructive', 'DELETE FROM sessions'],
  ['psql "$DATABASE_URL" -X -q -Atc "UPDATE jobs SET state = \'queued\'"', 'destructive', 'UPDATE jobs SET'],
  ['psql "$DATABASE_URL" -c"DROP TABLE users"', 'destructive', 'DROP TABLE users'],
  ['psql "$DATABASE_URL" --command="TRUNCATE sessions"', 'destructive', 'TRUNCATE sessions'],
  ['psql "$DATABASE_URL" --command "DELETE FROM sessions"', 'destructive', 'DELETE FROM sessions'],
  ['psql -v ON_ERROR_STOP=1 -d "$DATABASE_URL" -c "SELECT 1" -c "DROP TABLE tmp_import"', 'destructive', 'DROP TABLE tmp_import'],
  ['mysql -Ne "DROP TABLE users"', 'destructive', 'DROP TABLE users'],
  ['mysql -uroot --execute="DELETE FROM sessions"', 'destructive', 'DELETE FROM sessions'],
  ['mariadb -e"TRUNCATE sessions"', 'destructive', 'TRUNCATE sessions'],
  // getopt_long takes unambiguous abbreviations of long options.
  ['psql "$DATABASE_URL" --comm "DROP TABLE users"', 'destructive', 'DROP TABLE users'],
  ['psql "$DATABASE_URL" --co="DELETE FROM sessions"', 'destructive', 'DELETE FROM sessions'],
  ['mysql --exec "DROP TABLE users"', 'destructive', 'DROP TABLE users'],
  ['eval "kubectl delete pod stuck-1"', 'destructive', 'kubectl delete pod'],
  ['rm -rf /var/lib/shop/cache', 'destructive', 'rm -rf /var/lib/shop/cache'],
  ['find /tmp -name "*.log" -delete', 'destructive', 'find /tmp -delete'],
  ['git push --force origin main', 'destructive', 'git push --force'],
  ['terraform destroy -target=module.cache', 'destructive', 'terraform destroy'],
  ['docker rm api', 'destructive', 'docker rm api'],
  ['docker compose down -v', 'destructive', 'docker compose down -v'],
  ['curl -X DELETE https://search.internal/logs-2026.01', 'destructive', 'curl -X DELETE'],
  ['curl -X DELETE https://api.internal/items/7 -d reason=cleanup', 'destructive', 'curl -X DELETE'],
  ['wget --method=DELETE https://api.internal/items/7', 'destructive', 'wget --method=DELETE'],
  ['watch -n 5 "kubectl delete pod stuck-1"', 'destructive', 'kubectl delete pod'],
  ['bash -c "rm -rf /tmp/shop"', 'destructive', 'rm -rf /tmp/shop'],
  ['timeout 60 kubectl delete pod x', 'destructive', 'kubectl delete pod'],
  ['kubectl exec -it deploy/api -- psql -c "DELETE FROM jobs WHERE state = \'stuck\'"', 'destructive', 'DELETE FROM jobs'],
  ["SELECT pg_terminate_backend(pid)\nFROM pg_stat_activity\nWHERE state = 'idle';", 'destructive', 'pg_terminate_backend()'],
];

const SQL: Row[] = [
  ['SELECT * FROM pg_stat_activity;', 'read'],
  ["SELECT 'DROP TABLE users' AS text; -- DELETE FROM users", 'read'],
  ['/* UPDATE users SET x = 1; */ SELECT 1;', 'read'],
  ['SELECT "delete" FROM audit;', 'read'],
  ['EXPLAIN DELETE FROM jobs;', 'read'],
  ['EXPLAIN (COSTS off) UPDATE jobs SET a = 1;', 'read'],
  ['WITH a AS (SELECT * FROM jobs FOR UPDATE) SELECT 1;', 'read'],
  ['COPY (SELECT * FROM jobs) TO STDOUT;', 'read'],
  ['VACUUM ANALYZE jobs;', 'change', 'VACUUM ANALYZE jobs'],
  ['SELECT $$DROP TABLE x$$;', 'read'],
  ['\\x\nSELECT 1;', 'read'],
  ['INSERT INTO audit (note) VALUES (\'restart\');', 'change', 'INSERT INTO audit'],
  ['CREATE INDEX idx ON users(email);', 'change', 'CREATE INDEX idx'],
  ['ALTER TABLE users ALTER COLUMN email DROP NOT NULL;', 'change', 'ALTER TABLE users'],
  ['VACUUM (FULL, ANALYZE) users;', 'change', 'VACUUM'],
  ['REINDEX INDEX CONCURRENTLY idx;', 'change', 'REINDEX INDEX CONCURRENTLY'],
  ['GRANT SELECT ON users TO reporting;', 'change', 'GRANT SELECT ON'],
  ['SELECT pg_reload_conf();', 'change', 'pg_reload_conf()'],
  ['DELETE FROM sessions WHERE expires_at < now();', 'destructive', 'DELETE FROM sessions'],
  ['update jobs set state = \'queued\' where id = 7;', 'destructive', 'update jobs set'],
  ['DROP TABLE IF EXISTS tmp_import;', 'destructive', 'DROP TABLE IF'],
  ['ALTER TABLE users DROP COLUMN legacy_id;', 'destructive', 'ALTER TABLE users'],
  ['EXPLAIN ANALYZE DELETE FROM jobs;', 'destructive', 'DELETE FROM jobs'],
  ['EXPLAIN (ANALYZE, BUFFERS) UPDATE jobs SET a = 1;', 'destructive', 'UPDATE jobs SET'],
  ['WITH gone AS (DELETE FROM jobs RETURNING id) SELECT count(*) FROM gone;', 'destructive', 'DELETE FROM jobs'],
  ['SELECT 1;\nTRUNCATE audit;', 'destructive', 'TRUNCATE audit'],
  ['SELECT pg_terminate_backend(12345);', 'destructive', 'pg_terminate_backend()'],
];

describe('inferRisk: shell', () => {
  it.each(SHELL)('%s → %s', (code, risk, command) => {
    const inferred = inferRisk(code, 'shell');
    expect(inferred.risk).toBe(risk);
    if (command) {
      expect(inferred.command).toBe(command);
      expect(inferred.reason).not.toBe('');
    }
  });
});

describe('inferRisk: sql', () => {
  it.each(SQL)('%s → %s', (code, risk, command) => {
    const inferred = inferRisk(code, 'sql');
    expect(inferred.risk).toBe(risk);
    if (command) expect(inferred.command).toBe(command);
  });
});

describe('inferRisk: spans', () => {
  it('spans the command from the program to the object', () => {
    const code = 'kubectl get pods\nkubectl -n shop delete pod <pod>';
    const { span } = inferRisk(code);
    expect(code.slice(span!.start, span!.end)).toBe('kubectl -n shop delete pod');
  });

  it('points inside the quoted SQL of psql -c', () => {
    const code = 'kubectl exec deploy/api -- \\\n  psql -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"';
    const { span } = inferRisk(code);
    expect(code.slice(span!.start, span!.end)).toBe('pg_terminate_backend');
  });

  it('points inside the SQL of -Atc, -cSQL and --command=', () => {
    for (const code of ['psql "$DATABASE_URL" -Atc "DELETE FROM sessions"', 'psql -c"DELETE FROM sessions"', "psql --command='DELETE FROM sessions'"]) {
      const { span } = inferRisk(code);
      expect(code.slice(span!.start, span!.end), code).toBe('DELETE FROM sessions');
    }
  });

  it('points into a heredoc', () => {
    const code = "psql \"$DATABASE_URL\" <<'SQL'\nSELECT 1;\nDELETE FROM jobs WHERE id = 1;\nSQL\n";
    const { span, command } = inferRisk(code);
    expect(command).toBe('DELETE FROM jobs');
    expect(code.slice(span!.start, span!.end)).toBe('DELETE FROM jobs');
  });

  it('reads heredocs whatever their delimiter: quoted with a dash, double-quoted, tab-stripped', () => {
    for (const code of ["psql \"$DATABASE_URL\" <<'END-SQL'\nDROP TABLE users;\nEND-SQL\n", 'psql <<"sql.end"\nDROP TABLE users;\nsql.end\n', "psql <<-EOF-1\n\tDROP TABLE users;\n\tEOF-1\n"]) {
      expect(inferRisk(code).command, code).toBe('DROP TABLE users');
      expect(commandsToRun(code)[0].stdin, code).toBe('heredoc');
    }
  });

  it('reports the riskiest command, and every finding in order', () => {
    const inferred = inferRisk('kubectl scale deployment/api --replicas=0\nredis-cli FLUSHALL\nkubectl delete pod x');
    expect(inferred.risk).toBe('destructive');
    expect(inferred.command).toBe('redis-cli FLUSHALL');
    expect(inferred.findings.map((finding) => finding.risk)).toEqual(['change', 'destructive', 'destructive']);
  });

  it('reads only prompt lines of console blocks', () => {
    const code = '$ kubectl get pods\nNAME    READY\napi-1   1/1\n$ kubectl delete pod api-1\npod "api-1" deleted\n# kubectl drain node-1\nDROP TABLE\n';
    const findings = findRisks(code, 'shell', 'console');
    expect(findings.map((finding) => [finding.command, code.slice(finding.start, finding.end)])).toEqual([
      ['kubectl delete pod', 'kubectl delete pod'],
      ['kubectl drain node-1', 'kubectl drain node-1'],
    ]);
  });

  it('PromQL is always read-only', () => {
    expect(inferRisk('delete(x)', 'promql').risk).toBe('read');
  });

  it('reads Redis blocks as Redis commands', () => {
    expect(inferRisk('INFO memory\nFLUSHDB', 'redis')).toMatchObject({ risk: 'destructive', command: 'FLUSHDB' });
  });
});

describe('effectiveRisk', () => {
  it('is the declared risk, raised to what the commands do', () => {
    expect(effectiveRisk('kubectl delete pod x', 'shell', 'command', 'read')).toEqual({ risk: 'destructive', raised: { reason: 'deletes Kubernetes objects', command: 'kubectl delete pod' } });
    expect(effectiveRisk('kubectl delete pod x', 'shell', 'command', 'destructive')).toEqual({ risk: 'destructive' });
    expect(effectiveRisk('kubectl get pods', 'shell', 'command', 'change')).toEqual({ risk: 'change' });
    expect(effectiveRisk('$ kubectl delete pod x\npod "x" deleted', 'shell', 'console', 'read').risk).toBe('destructive');
    expect(effectiveRisk('NAME\nkubectl delete pod x', 'shell', 'console', 'read').risk).toBe('read');
    expect(effectiveRisk('DELETE FROM sessions', 'sql', 'command', 'change').risk).toBe('destructive');
    expect(effectiveRisk('psql "$DATABASE_URL" -Atc "DELETE FROM sessions"', 'shell', 'command', 'read').risk).toBe('destructive');
  });

  it('leaves blocks that do not run as declared', () => {
    expect(effectiveRisk('kubectl delete pod x', 'shell', 'text', 'read')).toEqual({ risk: 'read' });
    expect(effectiveRisk('kubectl delete pod x', undefined, 'snippet', 'read')).toEqual({ risk: 'read' });
    expect(effectiveRisk('delete(up)', 'promql', 'command', 'read')).toEqual({ risk: 'read' });
  });

  it('answers from memory the second time (the site, the registry and the runner ask about the same blocks)', () => {
    const code = 'kubectl -n memo delete pod memo-1';
    const first = effectiveRisk(code, 'shell', 'command', 'read');
    expect(effectiveRisk(code, 'shell', 'command', 'read')).toEqual(first);
    expect(effectiveRisk(code, 'shell', 'command', 'change')).toEqual(first);
  });
});

describe('reparsedRanges', () => {
  const ranges = (code: string) => reparsedRanges(code).map((range) => [range.language, range.by, code.slice(range.start, range.end)]);
  it('names the words another shell parses again and the SQL psql and mysql parse', () => {
    expect(ranges('sh -c "ls <dir>"')).toEqual([['shell', 'sh -c', '"ls <dir>"']]);
    expect(ranges('ssh -i k db-1 tail <file>')).toEqual([['shell', 'ssh', 'tail'], ['shell', 'ssh', '<file>']]);
    expect(ranges('watch -n 2 kubectl get pod <p>').map(([, by, text]) => `${by}:${text}`)).toEqual(['watch:kubectl', 'watch:get', 'watch:pod', 'watch:<p>']);
    expect(ranges('watch -x kubectl get pod <p>')).toEqual([]);
    expect(ranges("su - app -c 'ls <v>'")).toEqual([['shell', 'su -c', "'ls <v>'"]]);
    expect(ranges('eval "$cmd" <v>')).toEqual([['shell', 'eval', '"$cmd"'], ['shell', 'eval', '<v>']]);
    expect(ranges('psql "$DATABASE_URL" -Atc "SELECT <v>" -v X=1')).toEqual([['sql', 'psql -c', '"SELECT <v>"']]);
    expect(ranges('psql --command="SELECT <v>"')).toEqual([['sql', 'psql -c', '--command="SELECT <v>"']]);
    expect(ranges('mysql -Ne "SELECT <v>"')).toEqual([['sql', 'mysql -e', '"SELECT <v>"']]);
    expect(ranges('kubectl exec p -- ls <v>; psql "<v>" -l')).toEqual([]);
  });
});

describe('commandsToRun', () => {
  it('unwraps wrappers and knows where input comes from', () => {
    const code = "echo 'SELECT 1' | psql \"$DATABASE_URL\"\nsudo -u postgres psql < dump.sql\nkubectl exec -it pod -- /bin/sh\nssh db-1 'uptime'";
    const commands = commandsToRun(code).map((command) => ({ program: command.program, stdin: command.stdin, wrappers: command.wrappers.join(','), wraps: command.wraps ?? false }));
    expect(commands).toEqual([
      { program: 'echo', stdin: undefined, wrappers: '', wraps: false },
      { program: 'psql', stdin: 'pipe', wrappers: '', wraps: false },
      { program: 'sudo', stdin: 'file', wrappers: '', wraps: true },
      { program: 'psql', stdin: 'file', wrappers: 'sudo', wraps: false },
      { program: 'kubectl', stdin: undefined, wrappers: '', wraps: true },
      { program: 'shell', stdin: undefined, wrappers: 'kubectl exec', wraps: false },
      { program: 'ssh', stdin: undefined, wrappers: '', wraps: true },
      { program: 'uptime', stdin: undefined, wrappers: 'ssh', wraps: false },
    ]);
  });

  it('sees a pipe at the end of the line before', () => {
    const [, psql] = commandsToRun('gunzip -c dump.sql.gz |\n  psql "$DATABASE_URL"');
    expect(psql.stdin).toBe('pipe');
  });
});

describe('READ_ONLY', () => {
  it('takes precedence over the broad patterns of the table', () => {
    expect(inferRisk('aws ssm start-session --target i-1').findings).toEqual([]);
    expect(inferRisk('aws ssm start-session --target i-1\naws ec2 start-instances --instance-ids i-1')).toMatchObject({ risk: 'change', command: 'aws ec2 start-instances' });
    for (const entry of READ_ONLY) expect(entry.reason.length).toBeGreaterThan(5);
  });
});

describe('RISK_TABLE', () => {
  it('gives every entry a risk and a short reason', () => {
    for (const entry of RISK_TABLE) {
      expect(['change', 'destructive']).toContain(entry.risk);
      expect(entry.reason.length).toBeGreaterThan(5);
      expect(entry.reason.length).toBeLessThan(80);
      expect(entry.reason).toMatch(/^[a-z]/);
    }
  });
});
