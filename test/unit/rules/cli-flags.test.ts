// cli/flags: kubectl, helm and aws subcommands and flags exist; psql -w is not "watch".
import { cliFlags } from '../../../src/lib/lint/rules/cli-flags.ts';
import { exampleRunbook } from '../../../src/lib/lint/rules/example.ts';
import { ruleTester } from '../../helpers/rule-tester.ts';

/** A runbook whose body starts at line 10; the first code line of `fence` is line 15. */
const doc = (fence: string, code: string) => exampleRunbook({ body: `## Investigation\n\n### Check\n\n${fence}\n${code}\n\`\`\`\n` });
const bash = (code: string) => doc('```bash', code);

ruleTester(cliFlags, {
  valid: [
    {
      name: 'seed kubectl commands',
      code: bash(
        [
          'kubectl top pods -n production --sort-by=memory',
          'kubectl top nodes',
          'kubectl -n tickets-dev top pods',
          'kubectl logs <pod-name> -n production --previous',
          'kubectl logs -n production -l app=api-gateway --since=5m | grep -i error',
          'kubectl logs deployment/architect-api -n architect-production --all-containers=true -f | grep ERROR',
          'kubectl get hpa architect-api -n architect-production --watch',
          "kubectl get events -n production --sort-by='.lastTimestamp'",
          "kubectl -n tickets-dev get deployment backend -o jsonpath='{.spec.replicas}'",
          'kubectl exec -it deployment/api-gateway -n production -- top -b -n 1',
          'kubectl rollout status deployment/api-gateway -n production --timeout=15m',
          'kubectl rollout undo deployment/backend -n tickets-dev',
          'kubectl scale deployment architect-api --replicas=20 -n architect-production',
          'kubectl set resources deployment api-gateway --limits=memory=1Gi -n production',
          "kubectl patch deployment api -n production --type json -p='[]'",
          'kubectl --context prod-eu -n shop get pods -o wide -w',
          'kubectl -n monitoring port-forward svc/kube-prometheus-stack-grafana 3000:80',
          'kubectl describe pod <pod> -n production',
          'kubectl apply -f manifests.yaml --dry-run=client',
          'kubectl neat get pod x -w',
        ].join('\n'),
      ),
    },
    {
      name: 'seed helm commands',
      code: bash(
        'helm rollback azora-prod 1 -n production\nhelm history backend -n tickets-dev\nhelm upgrade backend deploy/helm/backend -n tickets-dev -f values.yaml --set image.tag=sha-<sha>\nhelm lint ./helm/azora\nhelm get values backend -n tickets-dev --revision 3\nhelm diff upgrade x y',
      ),
    },
    {
      name: 'seed aws commands',
      code: bash(
        [
          'aws ecs list-task-definitions --family petforce-api --sort DESC | head -n 5',
          'aws logs tail /ecs/petforce-production --follow --filter-pattern "ERROR"',
          'aws ecs update-service --cluster petforce-production --service api --force-new-deployment',
          'aws rds modify-db-instance --db-instance-identifier petforce-production --db-instance-class db.t3.large --apply-immediately',
          'aws cloudwatch get-metric-statistics --namespace AWS/EC2 --metric-name CPUUtilization --dimensions Name=InstanceId,Value=i-xxx --start-time 2026-02-22T10:00:00Z --end-time 2026-02-22T11:00:00Z --period 60 --statistics Average --region eu-west-1 --output table',
          "aws ecs describe-tasks --cluster petforce-production --tasks $(aws ecs list-tasks --cluster petforce-production --service-name api --query 'taskArns[0]' --output text)",
          'aws s3 cp backup.sql.gz s3://backups/architect/ --profile prod',
          'aws ecs wait services-stable --cluster prod --services api',
          'aws --region us-east-1 sts get-caller-identity',
        ].join('\n'),
      ),
    },
    { name: 'psql -w before the query means --no-password', code: bash('psql -w -h db -U app -c "SELECT 1"') },
    { name: 'the recommended watch', code: bash('watch -n 5 kubectl top pods -n production') },
    { name: 'flags after -- belong to the inner command', code: bash('kubectl exec -it api -- ls -w 80') },
    {
      name: 'placeholders and variables where a subcommand stands',
      code: bash('kubectl top <kind> -n shop\nkubectl rollout $ACTION deployment/api\naws <service> describe-things'),
    },
    {
      name: 'hand-written aws commands are not checked',
      code: bash(
        'aws s3 cp a s3://b/ --checksum-algorithm CRC32\naws ecs deploy --service api --some-new-option x\naws logs tail /ecs/api --follow --since 1h',
      ),
    },
    { name: 'commands in text blocks are not checked', code: doc('```text', 'kubectl top pods -w') },
    {
      name: 'kubectl logs with a pod, a TYPE/NAME or a selector',
      code: bash(
        'kubectl logs api-1\nkubectl logs -n shop deployment/api --since=10m\nkubectl logs -l app=api -n shop\nkubectl logs --selector=app=api\nkubectl logs <pod> -c api\nkubectl logs $POD --previous',
      ),
    },
    {
      name: 'aws operations with their required options (abbreviated, --no- booleans, --cli-input-json)',
      code: bash(
        [
          'aws elasticache reboot-cache-cluster --cache-cluster-id redis-001 --cache-node-ids-to-reboot 0001',
          'aws elasticache reboot-cache-cluster --cache-cluster-id redis-001 --cache-node-ids 0001',
          'aws wafv2 update-ip-set --name blocklist --scope REGIONAL --id <ip-set-id> --addresses 203.0.113.7/32 --lock-token "$lock_token"',
          'aws ecs execute-command --cluster prod --task <task-id> --command "ls" --non-interactive',
          'aws wafv2 update-ip-set --cli-input-json file://ip-set.json',
          'aws wafv2 update-ip-set --generate-cli-skeleton',
          'aws ec2 run-instances --image-id ami-1 --count 1',
        ].join('\n'),
      ),
    },
    { name: 'an operand where none is expected (an expansion may add options)', code: bash('aws wafv2 update-ip-set $ARGS') },
    {
      name: 'kubectl operands and required options given',
      code: bash(
        [
          'kubectl exec -it $POD -n shop -- sh',
          'kubectl scale deploy/api --replicas 3',
          'kubectl patch deploy api --patch-file patch.yaml',
          'kubectl rollout restart deployment -n shop',
          'kubectl rollout status -f deploy.yaml',
          'kubectl drain -l pool=spot --ignore-daemonsets',
          'kubectl get pods -o name | xargs -n1 kubectl exec -- true',
          'kubectl port-forward svc/grafana 3000:80',
        ].join('\n'),
      ),
    },
    {
      name: 'kubectl delete/scale name what they act on; exec runs a command; debug has an image',
      code: bash(
        [
          'kubectl delete pod api-1 -n shop',
          'kubectl delete pod/api-1 pod/api-2',
          'kubectl delete pods --all -n shop',
          'kubectl delete pods -l app=api -A',
          'kubectl delete pods --field-selector=status.phase=Failed -A',
          'kubectl delete -f manifests.yaml',
          'kubectl delete pod $POD',
          'kubectl delete pod <pod>',
          'kubectl delete $(kubectl get pods -o name)',
          'kubectl scale deployment api --replicas=0',
          'kubectl scale --replicas=2 -f deploy.yaml',
          'kubectl scale $WORKLOAD --replicas=2',
          'kubectl exec api-1 -n shop -- ls /data',
          'kubectl debug node/n1 -it --image=busybox',
          'kubectl debug api-1 -it --copy-to=api-debug --container=api -- sh',
          'oc debug node/n1 -- chroot /host uptime',
          'kubectl drain n1 --ignore-daemonsets --delete-emptydir-data',
          'kubectl rsh-plugin x',
        ].join('\n'),
      ),
    },
    {
      name: "oc: kubectl commands and oc's own",
      code: bash(
        [
          'oc get pods -n openshift-etcd -o wide',
          'oc logs bc/api --version=3 -n shop',
          'oc rollout latest dc/api -n shop',
          'oc adm top nodes',
          'oc adm node-logs --role=master -u kubelet',
          'oc adm must-gather --dest-dir=/tmp/mg',
          'oc rsh -n openshift-etcd etcd-master-0',
          'oc debug node/worker-0 -- chroot /host journalctl -u kubelet',
          'oc whoami --show-console',
          'oc project openshift-monitoring',
        ].join('\n'),
      ),
    },
    {
      name: 'etcdctl v3 commands',
      code: bash(
        [
          'etcdctl endpoint health --cluster -w table',
          'etcdctl --endpoints https://10.0.0.1:2379 --cacert /etc/etcd/ca.crt member list -w table',
          'etcdctl get /registry/pods --prefix --keys-only',
          'etcdctl snapshot save /var/backups/etcd.db',
          'etcdctl alarm list',
          'etcdctl defrag --cluster',
          'ETCDCTL_API=2 etcdctl cluster-health',
        ].join('\n'),
      ),
    },
    {
      name: 'systemctl verbs',
      code: bash(
        [
          'sudo systemctl restart kubelet',
          'systemctl status',
          'systemctl -t service list-units --state=failed',
          'systemctl --user daemon-reload',
          'systemctl is-active --quiet crio && echo up',
          'systemctl list-timers --all',
        ].join('\n'),
      ),
    },
  ],
  invalid: [
    {
      name: 'an OpenShift command written after kubectl',
      code: bash('kubectl rsh -c etcdctl -n openshift-etcd etcd-0'),
      errors: [
        {
          message: 'Unknown command "rsh" for `kubectl`: kubectl has no rsh; that is `oc rsh` (OpenShift). With kubectl: `kubectl exec -it POD -- sh`',
          line: 15,
          column: 9,
          endColumn: 12,
        },
      ],
    },
    {
      name: 'kubectl exec without a command',
      code: bash('kubectl exec -c etcdctl -n openshift-etcd $(kubectl get po -l app=etcd -oname | head -1)'),
      errors: [{ message: 'Missing the command to run for `kubectl exec`: it refuses to run without one after `--`', line: 15, column: 9, endColumn: 13 }],
    },
    {
      name: 'kubectl delete and scale with a type alone',
      code: bash('kubectl delete vmim -A\nkubectl scale deployment --replicas=0 -n shop'),
      errors: [
        { message: 'Missing NAME after "vmim" for `kubectl delete`: with a type alone it refuses to run', line: 15, column: 16, endColumn: 20 },
        { message: 'Missing NAME after "deployment" for `kubectl scale`: with a type alone it refuses to run', line: 16, column: 15, endColumn: 25 },
      ],
    },
    {
      name: 'kubectl debug without an image',
      code: bash('kubectl -n default debug node/n1'),
      errors: [{ message: 'Missing --image or --copy-to for `kubectl debug`: it refuses to run without one of them', line: 15, column: 20, endColumn: 25 }],
    },
    {
      name: 'a removed kubectl drain flag',
      code: bash('kubectl drain n1 --force --delete-local-data --ignore-daemonsets'),
      errors: [
        {
          message:
            'Unknown flag --delete-local-data for `kubectl drain`: --delete-local-data was deprecated in kubectl 1.20 and has since been removed; use --delete-emptydir-data',
          line: 15,
          column: 26,
          endColumn: 45,
        },
      ],
    },
    {
      name: 'kubectl top pods -w (seed)',
      code: bash('kubectl top pods -n production -w'),
      errors: [
        {
          message: 'Unknown flag -w for `kubectl top pods`: kubectl top has no watch mode; run it under watch: `watch -n 5 kubectl top pods`',
          line: 15,
          column: 32,
          endLine: 15,
          endColumn: 34,
        },
      ],
    },
    {
      name: 'kubectl logs -w (seed)',
      code: bash('kubectl logs -n production -l app=<service> -w\nkubectl top pods -n production -w'),
      errors: [
        { message: 'Unknown flag -w for `kubectl logs`: `kubectl logs` streams with -f/--follow, not -w', line: 15, column: 45, endColumn: 47 },
        { message: /^Unknown flag -w for `kubectl top pods`/, line: 16, column: 32 },
      ],
    },
    {
      name: 'a short flag inside a cluster, a long flag with a value',
      code: bash('kubectl top node -wA\nkubectl get pods --namespce=shop'),
      errors: [
        { message: /^Unknown flag -w for `kubectl top node`/, line: 15, column: 19, endColumn: 20 },
        { message: /^Unknown flag -A for `kubectl top node`/, line: 15, column: 20, endColumn: 21 },
        { message: 'Unknown flag --namespce for `kubectl get`; did you mean --namespace?', line: 16, column: 18, endColumn: 28 },
      ],
    },
    {
      name: '-o on kubectl top',
      code: bash('kubectl top pods -o wide'),
      errors: [{ message: 'Unknown flag -o for `kubectl top pods`: kubectl top has no -o/--output; its columns are fixed', line: 15, column: 18 }],
    },
    {
      name: 'near-miss subcommands',
      code: bash('kubectl rollout stauts deployment/api\naws ecs desribe-tasks --cluster prod\nhelm get valeus rel'),
      errors: [
        { message: 'Unknown command "stauts" for `kubectl rollout`; did you mean "status"?', line: 15, column: 17, endColumn: 23 },
        { message: 'Unknown command "desribe-tasks" for `aws ecs`; did you mean "describe-tasks"?', line: 16, column: 9 },
        { message: 'Unknown command "valeus" for `helm get`; did you mean "values"?', line: 17, column: 10 },
      ],
    },
    {
      name: 'aws operation parameter that does not exist',
      code: bash('aws ecs update-service \\\n  --cluster prod \\\n  --service api \\\n  --force-deploy'),
      errors: [{ message: /^Unknown flag --force-deploy for `aws ecs update-service`/, line: 18, column: 3, endColumn: 17 }],
    },
    {
      name: 'helm rollback flag',
      code: bash('helm rollback azora-prod 1 -n production --watch'),
      errors: [{ message: /^Unknown flag --watch for `helm rollback`/, line: 15, column: 42 }],
    },
    {
      name: 'psql -w used as watch (seed)',
      code: bash('kubectl exec -it deployment/api-gateway -n production \\\n  -- psql -c "SELECT count(*) FROM pg_stat_activity;" -w'),
      errors: [
        { message: 'Unexpected -w after the query: for psql, -w means --no-password, it does not repeat the query', line: 16, column: 55, endColumn: 57 },
      ],
    },
    {
      name: 'psql -w with an interval',
      code: bash('psql "$DATABASE_URL" -w 5 -c "SELECT 1"'),
      errors: [{ message: /^Unexpected -w after the query/, line: 15, column: 22 }],
    },
    {
      name: 'kubectl logs without a pod (seed)',
      code: bash('kubectl logs -n production --all-containers=true --since=5m | grep -i error'),
      errors: [{ message: 'Missing POD or TYPE/NAME for `kubectl logs`: it refuses to run without one', line: 15, column: 9, endLine: 15, endColumn: 13 }],
    },
    {
      name: 'aws elasticache reboot-cache-cluster without the nodes (seed)',
      code: bash('aws elasticache reboot-cache-cluster \\\n  --cache-cluster-id petforce-redis-001'),
      errors: [
        {
          message: 'Missing required option --cache-node-ids-to-reboot for `aws elasticache reboot-cache-cluster`',
          line: 15,
          column: 17,
          endLine: 15,
          endColumn: 37,
        },
      ],
    },
    {
      name: 'aws cloudwatch get-metric-statistics without --end-time',
      code: bash(
        'aws cloudwatch get-metric-statistics --namespace AWS/EC2 --metric-name CPUUtilization --dimensions Name=InstanceId,Value=i-xxx --start-time 2026-02-22T10:00:00Z --period 60 --statistics Average --region eu-west-1 --output table',
      ),
      errors: [{ message: 'Missing required option --end-time for `aws cloudwatch get-metric-statistics`', line: 15, column: 16, endColumn: 37 }],
    },
    {
      name: 'aws cloudwatch get-metric-statistics without --period',
      code: bash(
        'aws cloudwatch get-metric-statistics --namespace AWS/EC2 --metric-name CPUUtilization \\\n  --start-time 2026-11-24T10:00:00Z --end-time 2026-11-24T11:00:00Z --statistics Average',
      ),
      errors: [{ message: 'Missing required option --period for `aws cloudwatch get-metric-statistics`', line: 15, column: 16, endColumn: 37 }],
    },
    {
      name: 'aws wafv2 update-ip-set without --name (seed)',
      code: bash('aws wafv2 update-ip-set \\\n  --scope REGIONAL \\\n  --id <ip-set-id> \\\n  --lock-token "$lock_token" \\\n  --addresses 192.168.1.1/32'),
      errors: [{ message: 'Missing required option --name for `aws wafv2 update-ip-set`', line: 15, column: 11, endColumn: 24 }],
    },
    {
      name: 'several missing options, after global options',
      code: bash('aws --region eu-west-1 wafv2 update-ip-set --scope REGIONAL'),
      errors: [
        { message: 'Missing required options --name, --id, --addresses, --lock-token for `aws wafv2 update-ip-set`', line: 15, column: 30, endColumn: 43 },
      ],
    },
    {
      name: 'console block and an indented fence',
      code: exampleRunbook({ body: '## Investigation\n\n### Check\n\n1. Watch:\n\n   ```console\n   $ kubectl top pods -w\n   NAME CPU\n   ```\n' }),
      errors: [{ message: /^Unknown flag -w for `kubectl top pods`/, line: 17, column: 23, endColumn: 25 }],
    },
    {
      name: 'kubectl without the operand or option it refuses to run without',
      code: bash('kubectl -n shop logs | grep lead\nkubectl scale deployment api\nkubectl patch deployment api --type merge\nkubectl rollout undo -n shop'),
      errors: [
        { message: 'Missing POD or TYPE/NAME for `kubectl logs`: it refuses to run without one', line: 15, column: 17, endColumn: 21 },
        { message: 'Missing --replicas for `kubectl scale`: it refuses to run without it', line: 16, column: 9, endColumn: 14 },
        { message: 'Missing --patch or --patch-file for `kubectl patch`: it refuses to run without one of them', line: 17, column: 9, endColumn: 14 },
        { message: 'Missing TYPE/NAME for `kubectl rollout undo`: it refuses to run without one', line: 18, column: 17, endColumn: 21 },
      ],
    },
    {
      name: 'helm without the release it acts on',
      code: bash('helm status -n shop\nhelm get values --revision 3\nhelm rollback api 3 -n shop'),
      errors: [
        { message: 'Missing RELEASE for `helm status`: it refuses to run without one', line: 15, column: 6, endColumn: 12 },
        { message: 'Missing RELEASE for `helm get values`: it refuses to run without one', line: 16, column: 10, endColumn: 16 },
      ],
    },
    {
      name: 'oc: a near-miss of an oc command, an unknown flag of a checked kubectl command',
      code: bash('oc adm must-gater\noc rollout lates dc/api\noc logs -w api-0'),
      errors: [
        { message: 'Unknown command "must-gater" for `oc adm`; did you mean "must-gather"?', line: 15, column: 8, endColumn: 18 },
        { message: 'Unknown command "lates" for `oc rollout`; did you mean "latest"?', line: 16, column: 12, endColumn: 17 },
        { message: 'Unknown flag -w for `oc logs`: `kubectl logs` streams with -f/--follow, not -w', line: 17, column: 9, endColumn: 11 },
      ],
    },
    {
      name: 'etcdctl: v2 commands, a missing snapshot file, an unknown flag, on a prompt line',
      code: bash('$ etcdctl cluster-health\n$ etcdctl snapshot save\n$ etcdctl endpoint health --all'),
      errors: [
        {
          message: 'Unknown command "cluster-health" for `etcdctl`: an etcd v2 command; etcdctl v3 (the default) has `etcdctl endpoint health --cluster`',
          line: 15,
          column: 11,
          endColumn: 25,
        },
        { message: 'Missing FILE for `etcdctl snapshot save`: it refuses to run without one', line: 16, column: 20, endColumn: 24 },
        { message: /^Unknown flag --all for `etcdctl endpoint health`/, line: 17, column: 27, endColumn: 32 },
      ],
    },
    {
      name: 'systemctl: an unknown verb and a verb without its unit, in a console block',
      code: doc('```console', '$ sudo systemctl restrat kubelet\n$ sudo systemctl restart\nFailed to restart: too few arguments'),
      errors: [
        { message: 'Unknown command "restrat" for `systemctl`; did you mean "restart"?', line: 15, column: 18, endColumn: 25 },
        { message: 'Missing UNIT for `systemctl restart`: it refuses to run without one', line: 16, column: 18, endColumn: 25 },
      ],
    },
  ],
});
