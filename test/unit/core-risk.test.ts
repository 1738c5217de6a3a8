// The risk the analysis core gives real-world commands: each line is a command as runbooks write it, and the
// level the core must give the block (FORMAT.md's three levels), with the reason it must name where it matters.
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeBlock, type CommandLanguage } from '../../src/lib/core/block.ts';
import { effectiveRisk } from '../../src/lib/core/risk/effective.ts';
import { loadCore } from '../../src/lib/core/load.ts';

type Level = 'read' | 'change' | 'destructive';

const SHELL: [string, Level, RegExp?][] = [
  // Kubernetes and OpenShift
  ['kubectl -n shop get pods -o wide', 'read'],
  ['kubectl -n shop describe pod api-7d9f', 'read'],
  ['kubectl -n shop logs deploy/api --since=15m', 'read'],
  ['kubectl -n shop delete pod api-7d9f', 'destructive', /deletes Kubernetes objects/],
  ['oc -n openshift-etcd delete lease kube-controller-manager', 'destructive'],
  ['kubectl delete pod x --dry-run=client', 'read'],
  ['kubectl -n shop scale deploy/api --replicas=5', 'change'],
  ['kubectl -n shop rollout restart deploy/api', 'change'],
  ['kubectl -n shop rollout undo deploy/api', 'change'],
  ['kubectl -n shop rollout status deploy/api', 'read'],
  ['kubectl -n shop patch deploy api -p \'{"spec":{"replicas":3}}\'', 'change'],
  ['kubectl replace --force -f pod.yaml', 'destructive'],
  ['kubectl label node n1 role=db --overwrite', 'change'],
  ['kubectl annotate pod x a=b --overwrite', 'change'],
  ['kubectl cordon node-1', 'change'],
  ['kubectl drain node-1 --ignore-daemonsets', 'change'],
  ['oc adm cordon node-1', 'change'],
  ['oc adm drain node-1 --ignore-daemonsets --delete-emptydir-data', 'change'],
  ['oc adm taint nodes node-1 key=value:NoSchedule', 'change'],
  ['oc adm top nodes', 'read'],
  ['oc adm must-gather', 'read'],
  ['kubectl apply -f deploy.yaml', 'change'],
  ['kubectl apply --prune -l app=api -f dir/', 'destructive'],
  ['helm -n shop rollback api 41', 'change'],
  ['helm -n shop history api', 'read'],
  ['helm uninstall api -n shop', 'destructive'],
  ['kubectl -n shop exec deploy/api -- rm -rf /tmp/cache', 'destructive'],
  ['kubectl -n db exec -i pg-0 -- psql -c "DROP TABLE sessions"', 'destructive'],
  ['$K delete pod x', 'change', /only known when it runs/],
  // etcd, container runtimes, GitLab
  ['etcdctl get /registry --prefix --keys-only', 'read'],
  ['etcdctl del /registry/pods/x', 'destructive'],
  ['etcdctl member remove 8e9e05c52164694d', 'destructive'],
  ['etcdctl snapshot restore snap.db --data-dir /var/lib/etcd-new', 'destructive'],
  ['etcdctl defrag --cluster', 'change'],
  ['etcdctl endpoint health --cluster', 'read'],
  ['crictl ps -a', 'read'],
  ['crictl rmi --prune', 'destructive'],
  ['crictl rm 1f2e3d', 'destructive'],
  ['praefect -config /etc/praefect.toml accept-dataloss -virtual-storage default -repository x -authoritative-storage s1', 'destructive'],
  ['praefect -config /etc/praefect.toml dataloss', 'read'],
  ['sudo gitlab-ctl restart puma', 'change'],
  ['sudo gitlab-ctl status', 'read'],
  // Hosts and files
  ['systemctl status nginx', 'read'],
  ['sudo systemctl restart nginx', 'change'],
  ['systemctl stop postgresql', 'change'],
  ['systemctl disable --now chronyd', 'change'],
  ['systemctl mask sleep.target', 'change'],
  ['systemctl reboot', 'change'],
  ['journalctl -u nginx --since "1 hour ago"', 'read'],
  ['rm -rf /var/lib/app/cache', 'destructive'],
  ['find /var/log/app -name "*.gz" -mtime +7 -delete', 'destructive'],
  ['find /var/log/app -name "*.gz" -exec rm -f {} \\;', 'destructive'],
  ['find /var/log -name "*.log" -size +1G', 'read'],
  [': > /var/log/app/huge.log', 'change', /empties the file/],
  ['cat /dev/null > /var/log/app.log', 'change'],
  ['truncate -s 0 /var/log/app.log', 'destructive'],
  ['df -h && du -sh /var/lib/*', 'read'],
  ['kill -9 4242', 'change'],
  ['pkill -HUP nginx', 'change'],
  ['sudo reboot', 'change'],
  ['ls -la /etc | grep nginx', 'read'],
  // Code fetched or decoded and then run
  ['curl -fsSL https://example.com/install.sh | bash', 'destructive', /downloaded/],
  ['wget -qO- https://example.com/x.sh | sudo sh', 'destructive'],
  ['echo ZWNobyBoaQ== | base64 -d | sh', 'destructive', /decoded/],
  ['sh -c "$(curl -fsSL https://example.com/x.sh)"', 'destructive'],
  ['bash <(curl -s https://example.com/x.sh)', 'destructive'],
  ['eval "$(curl -s https://example.com/env)"', 'destructive'],
  // Databases and caches
  ['psql "$DATABASE_URL" -c "SELECT count(*) FROM pg_stat_activity"', 'read'],
  ['psql "$DATABASE_URL" -c "DELETE FROM sessions WHERE expires_at < now()"', 'destructive'],
  ['psql "$DATABASE_URL" -Atc "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE state = \'idle\'"', 'change'],
  ['echo \'DROP TABLE x\' | psql "$DATABASE_URL"', 'destructive'],
  ['psql "$DATABASE_URL" <<\'SQL\'\nTRUNCATE audit_log;\nSQL', 'destructive'],
  ['psql "$DATABASE_URL" < backup-2024-01-01.sql', 'destructive'],
  ['pg_dump "$DATABASE_URL" > dump.sql', 'read'],
  ['psql -c "SELECT pg_drop_replication_slot(\'old\')"', 'destructive'],
  ['mysql -e "KILL 42"', 'destructive'],
  ['redis-cli INFO memory', 'read'],
  ['redis-cli -h cache FLUSHDB', 'destructive'],
  ['redis-cli CONFIG SET maxmemory-policy allkeys-lru', 'change'],
  ['redis-cli --scan --pattern "session:*" | xargs redis-cli DEL', 'destructive'],
  // Cloud
  ['aws ec2 describe-instances --instance-ids i-0abc', 'read'],
  ['aws ec2 terminate-instances --instance-ids i-0abc', 'destructive'],
  ['aws s3 rm s3://bucket/key', 'destructive'],
  ['aws s3 sync ./site s3://bucket --delete', 'destructive'],
  ['aws rds reboot-db-instance --db-instance-identifier db1', 'change'],
  ['aws rds restore-db-instance-from-db-snapshot --db-instance-identifier new --db-snapshot-identifier snap', 'change'],
  ['aws ssm start-session --target i-0abc', 'read'],
  ['gcloud compute instances delete vm-1 --zone europe-west1-b', 'destructive'],
  ['terraform plan -out=tfplan', 'read'],
  ['terraform apply tfplan', 'change'],
  ['terraform destroy -auto-approve', 'destructive'],
  // HTTP
  ['curl -s "$PROMETHEUS_URL/api/v1/query" --data-urlencode "query=up"', 'read'],
  ['curl -X DELETE https://api.example.com/v1/items/1', 'destructive'],
  ['curl -X POST https://events.pagerduty.com/v2/enqueue -d @event.json', 'change'],
  // Found in public runbook collections (kubevirt/monitoring, openshift/runbooks, GitLab's runbooks)
  ['virtctl stop my-vm -n vms', 'change', /stops, restarts, pauses or moves a virtual machine/],
  ['virtctl restart my-vm -n vms', 'change'],
  ['virtctl migrate my-vm', 'change'],
  ['virtctl pause vm my-vm', 'change'],
  ['virtctl stop my-vm --force --grace-period=0', 'destructive', /--force/],
  ['virtctl console my-vm', 'read'],
  ['virtctl version', 'read'],
  ['virsh destroy guest1', 'change'],
  ['virsh undefine guest1 --remove-all-storage', 'destructive'],
  ['virsh list --all', 'read'],
  ['tf state rm module.gitlab-gke.google_container_node_pool.node_pool[0]', 'destructive', /rewrites the Terraform state/],
  ['tf import module.x.google_container_node_pool.node_pool[0] proj/zone/cluster/pool', 'change'],
  ['tf plan', 'read'],
  ['tf apply', 'change'],
  ['tf destroy -target=module.x', 'destructive'],
  ['terraform state mv module.a module.b', 'destructive'],
  ['terraform state list', 'read'],
  ['terraform force-unlock 1a2b3c', 'change'],
  ["bundle exec knife ssh -aipaddress 'role:gitlab-cluster-worker' 'sudo chef-client'", 'change', /runs Chef on the node/],
  ["knife ssh 'role:db' 'uptime' -x ops", 'read'],
  ['sudo chef-client', 'change'],
  ['sudo chef-client --why-run', 'read'],
  ['knife node delete web-01 -y', 'destructive'],
  ['knife node show web-01', 'read'],
  ['ansible-playbook -i prod site.yml', 'change'],
  ['ansible-playbook -i prod site.yml --check', 'read'],
  ['puppet agent -t', 'change'],
  ['puppet agent -t --noop', 'read'],
  ['SENTRY_CONF=/etc/sentry /usr/share/nginx/sentry/bin/sentry queues purge', 'destructive', /every event waiting/],
  ['SENTRY_CONF=/etc/sentry sentry queues list', 'read'],
  ['celery -A proj purge -f', 'destructive', /every waiting task/],
  ['celery -A proj inspect active', 'read'],
  ['celery -A proj control shutdown', 'change'],
  ['rabbitmqctl purge_queue orders', 'destructive'],
  ['rabbitmqctl list_queues name messages', 'read'],
  ['rabbitmqadmin purge queue name=orders', 'destructive'],
  ['redis-cli -h cache FLUSHALL', 'destructive'],
  ['oc patch pdb $PDB -n $NS --type=merge -p \'{"spec":{"minAvailable":0}}\'', 'change', /opens a PodDisruptionBudget/],
  ['kubectl patch poddisruptionbudget api -p \'{"spec":{"maxUnavailable":"100%"}}\'', 'change', /opens a PodDisruptionBudget/],
  ['oc patch pod <pod_name> -p \'{"metadata":{"finalizers":null}}\' -n <namespace_name>', 'destructive', /removes finalizers/],
  ['kubectl patch pvc data-0 -p \'{"metadata":{"finalizers":[]}}\'', 'destructive', /removes finalizers/],
  ['kubectl patch ns stuck --type=json -p \'[{"op":"remove","path":"/metadata/finalizers"}]\'', 'destructive', /removes finalizers/],
  ['kubectl patch deploy api -p \'{"metadata":{"finalizers":["x"]}}\'', 'change'],
  ['oc edit pvc data-observability-thanos-compact-0 -n open-cluster-management-observability', 'change', /edits live Kubernetes objects/],
  ['kubectl edit cm -n kube-system kube-proxy-config', 'change'],
  ['oc delete pod <pod-name> --force=true --grace-period=0', 'destructive', /force-deletes/],
  ['kubectl delete pod -l k8s-app=kube-proxy -n kube-system', 'destructive'],
  ['kubectl scale deployments/gitlab-sidekiq-memory-bound-v1 --replicas=0', 'change', /stops every pod/],
  ['kubectl scale sts/web --replicas 0', 'change', /stops every pod/],
  ['aws --endpoint-url <S3_ENDPOINT> --no-verify-ssl s3 rm s3://<BUCKET_NAME>/<CORRUPTED_BLOCK_ID>/ --recursive', 'destructive', /deletes S3 objects/],
  ['aws s3 ls s3://bucket/', 'read'],
  ['gsutil -m rm -r gs://bucket/prefix', 'destructive'],
  ['gsutil ls -l gs://bucket', 'read'],
  ['gsutil rsync -d -r ./dir gs://bucket/dir', 'destructive'],
  ['gcloud storage rm --recursive gs://bucket/prefix', 'destructive'],
  ['s3cmd del s3://bucket/key', 'destructive'],
  ['rclone purge remote:bucket/dir', 'destructive'],
  ['rclone ls remote:bucket', 'read'],
  ['lvremove -y vg0/data', 'destructive'],
  ['xfs_growfs /var/lib/data', 'change'],
  ['ceph osd out 3', 'change'],
  ['ceph osd purge 3 --yes-i-really-mean-it', 'destructive'],
  ['ceph osd pool delete rbd rbd --yes-i-really-really-mean-it', 'destructive'],
  ['ceph osd tree', 'read'],
  ['nodetool decommission', 'destructive'],
  ['nodetool status', 'read'],
  ['kubeadm reset -f', 'destructive'],
  ['kubeadm certs check-expiration', 'read'],
  ['mysqladmin -u root shutdown', 'change'],
  ['gh release delete v1.2.3 --yes', 'destructive'],
  ['git push --force origin main', 'destructive'],
  ['docker system prune -af', 'destructive'],
];

const SQL: [string, Level][] = [
  ['SELECT * FROM pg_stat_activity;', 'read'],
  ['EXPLAIN SELECT * FROM orders WHERE id = 1;', 'read'],
  ['EXPLAIN ANALYZE DELETE FROM orders WHERE id = 1;', 'destructive'],
  ['WITH gone AS (DELETE FROM sessions RETURNING id) SELECT count(*) FROM gone;', 'destructive'],
  ['UPDATE accounts SET locked = false WHERE id = 7;', 'destructive'],
  ['CREATE INDEX CONCURRENTLY idx ON orders (created_at);', 'change'],
  ['ALTER TABLE orders DROP COLUMN legacy;', 'destructive'],
  ['ALTER TABLE orders ADD COLUMN note text;', 'change'],
  ['VACUUM (VERBOSE, ANALYZE) orders;', 'change'],
  ['SELECT pg_cancel_backend(42);', 'change'],
  ['SELECT pg_reload_conf();', 'change'],
  ['DROP INDEX CONCURRENTLY idx;', 'destructive'],
];

function levelOf(code: string, language: CommandLanguage): { level: Level; reasons: string } {
  const analysis = analyzeBlock({ code, kind: 'command', language });
  const risk = effectiveRisk('command', { risk: 'read', riskDeclared: false }, analysis.risk);
  return { level: risk.risk, reasons: [risk.raised?.reason ?? '', ...analysis.risk.findings.map((finding) => finding.reason)].join('; ') };
}

beforeAll(loadCore);

describe('risk of real-world shell commands', () => {
  it.each(SHELL.map(([code, level, reason]) => [code, level, reason] as const))('%s → %s', (code, level, reason) => {
    const found = levelOf(code, 'shell');
    expect(found.level).toBe(level);
    if (reason) expect(found.reasons).toMatch(reason);
  });
  it('has at least 80 commands, with every level', () => {
    expect(SHELL.length + SQL.length).toBeGreaterThanOrEqual(80);
    expect(new Set(SHELL.map(([, level]) => level))).toEqual(new Set(['read', 'change', 'destructive']));
  });
});

describe('risk of SQL blocks', () => {
  it.each(SQL)('%s → %s', (code, level) => expect(levelOf(code, 'sql').level).toBe(level));
});
