import { exampleRunbook } from '../../../src/lib/lint/rules/example.ts';
import { commandsInteractive, commandsLongRunning } from '../../../src/lib/lint/rules/never-ends.ts';
import { ruleTester } from '../../helpers/rule-tester.ts';

/** A runbook with one block under "### Look"; its first code line is line 19 of the file. */
const step = (fence: string, code: string) => exampleRunbook({ body: `## Symptoms\n\nSlow.\n\n## Investigation\n\n### Look\n\n${fence}\n${code}\n\`\`\`\n` });
/** The same with the fence inside a list item, indented by three spaces; first code line 21. */
const listed = (fence: string, code: string) =>
  exampleRunbook({ body: `## Symptoms\n\nSlow.\n\n## Investigation\n\n### Look\n\n1. Look:\n\n   ${fence}\n${code.replace(/^/gm, '   ')}\n   \`\`\`\n` });

const LR = (command: string, reason: string) => `\`${command}\` ${reason}: mark the block long-running`;
const IA = (command: string, reason: string) => `\`${command}\` ${reason}: mark the block interactive`;

ruleTester(commandsLongRunning, {
  valid: [
    { name: 'logs without -f', code: step('```bash', 'kubectl -n shop logs deployment/api --since=15m --tail=200') },
    { name: 'psql -w is --no-password', code: step('```bash', 'psql -w "$DATABASE_URL" -c "SELECT 1"') },
    { name: 'grep -w is a word match', code: step('```bash', 'grep -w ERROR /var/log/app.log | tail -n 20') },
    { name: 'top in batch mode with a count', code: step('```bash', 'top -b -n 1 | head -20\ntop -bn1') },
    { name: 'under timeout', code: step('```bash', 'timeout 60 kubectl -n shop logs deployment/api -f') },
    { name: 'marked long-running', code: step('```bash long-running', 'kubectl -n shop logs deployment/api -f') },
    { name: 'rollout status ends', code: step('```bash', 'kubectl -n shop rollout status deployment/api --timeout=5m') },
    { name: 'console output is not a command', code: step('```console', '$ cat notes.txt\nrun tail -f /var/log/app.log\nkubectl logs -f api') },
    { name: 'docker stats snapshot', code: step('```bash', 'docker stats --no-stream') },
    { name: 'short options with a value', code: step('```bash', 'kubectl get pods -owide') },
    { name: 'ping with a count, vmstat with a count', code: step('```bash', 'ping -c 3 db.internal\nvmstat 1 5\ndstat -cdn 1 10') },
    // gitlab-com runbooks, docs/redis/redis.md: one 30 s capture file, then tcpdump exits.
    {
      name: 'tcpdump bounded by a count, a time-rotated file count, a file read, a listing',
      code: step(
        '```bash',
        'sudo tcpdump -G 30 -W 1 -s 65535 tcp port 6379 -w redis.pcap -i ens4\ntcpdump -i any -c100 port 53\ntcpdump -r redis.pcap -nn\ntcpdump -D',
      ),
    },
    { name: 'snippets are not commands', code: step('```', 'kubectl logs -f api') },
    { name: 'redis-cli commands that end', code: step('```bash', 'redis-cli --bigkeys\nredis-cli INFO stats') },
    { name: 'pprof printing a report', code: step('```bash', 'go tool pprof -top heap.prof\ngo tool pprof -svg -output=heap.svg heap.prof') },
    {
      name: 'an ssm shell session (interactive, ends with the shell)',
      code: step('```bash interactive', 'aws ssm start-session --target i-0abc123def4567890'),
    },
  ],
  invalid: [
    {
      name: 'kubectl logs -f',
      code: step('```bash', 'kubectl -n shop logs deployment/api -f'),
      errors: [{ message: LR('kubectl logs -f', 'follows the log'), line: 19, column: 1, endLine: 19, endColumn: 39 }],
    },
    {
      name: 'kubectl get -w',
      code: step('```bash', 'kubectl get pods -w'),
      errors: [{ message: LR('kubectl get -w', 'watches for changes'), line: 19, column: 1, endColumn: 20 }],
    },
    {
      name: 'journalctl -f',
      code: step('```bash', 'journalctl -u nginx -f'),
      errors: [{ message: LR('journalctl -f', 'follows the journal'), line: 19, column: 1, endColumn: 23 }],
    },
    {
      name: 'tail -F',
      code: step('```bash', 'tail -F /var/log/app.log'),
      errors: [{ message: LR('tail -F', 'follows the file'), line: 19, column: 1, endColumn: 8 }],
    },
    {
      name: 'tail -fn (clustered)',
      code: step('```bash', 'tail -fn 100 /var/log/app.log'),
      errors: [{ message: LR('tail -fn', 'follows the file'), line: 19, column: 1, endColumn: 9 }],
    },
    {
      name: 'redis-cli MONITOR',
      code: step('```bash', '# Real-time commands\nredis-cli MONITOR'),
      errors: [{ message: LR('redis-cli MONITOR', 'streams until stopped'), line: 20, column: 1, endColumn: 18 }],
    },
    {
      name: 'top',
      code: step('```bash', '# Top processes\ntop'),
      errors: [{ message: LR('top', 'refreshes until stopped'), line: 20, column: 1, endColumn: 4 }],
    },
    {
      name: 'watch',
      code: step('```bash', "watch 'ps aux | grep node | grep -v grep'"),
      errors: [{ message: LR('watch', 'repeats the command until stopped'), line: 19, column: 1, endColumn: 6 }],
    },
    {
      name: 'kubectl port-forward',
      code: step('```bash', 'kubectl -n tickets-dev port-forward svc/backend 8000:8000'),
      errors: [{ message: LR('kubectl port-forward', 'forwards a port until stopped'), line: 19, column: 1, endColumn: 36 }],
    },
    {
      name: 'kubectl proxy',
      code: step('```bash', 'kubectl proxy --port=8001'),
      errors: [{ message: LR('kubectl proxy', 'serves the Kubernetes API until stopped'), line: 19, column: 1, endColumn: 14 }],
    },
    {
      name: 'console prompt line',
      code: step('```console', '$ docker logs -f api\n2026-11-24T10:00:00Z ready'),
      errors: [{ message: LR('docker logs -f', 'follows the log'), line: 19, column: 3, endColumn: 17 }],
    },
    {
      name: 'fence inside a list',
      code: listed('```bash', 'kubectl top pods -n production -w'),
      errors: [{ message: LR('kubectl top -w', 'watches for changes'), line: 21, column: 4, endLine: 21, endColumn: 37 }],
    },
    {
      name: 'inside kubectl exec',
      code: step('```bash', 'kubectl exec api-1 -- tail -f /var/log/app.log'),
      errors: [{ message: LR('tail -f', 'follows the file'), line: 19, column: 23, endColumn: 30 }],
    },
    {
      name: 'dstat with a delay and no count',
      code: step('```bash', 'dstat -cdn 5'),
      errors: [{ message: LR('dstat', 'samples until stopped'), line: 19, column: 1, endColumn: 6 }],
    },
    {
      name: 'tcpdump ringing over size-rotated files never stops',
      code: step('```bash', 'tcpdump -i any -C 100 -W 5 -w ring.pcap'),
      errors: [{ message: LR('tcpdump', 'captures until stopped'), line: 19, column: 1, endColumn: 8 }],
    },
    {
      name: 'ping without a count',
      code: step('```bash', 'ping db.internal'),
      errors: [{ message: LR('ping', 'pings until stopped'), line: 19, column: 1, endColumn: 5 }],
    },
    {
      name: 'vmstat with an interval only',
      code: step('```bash', 'vmstat 1'),
      errors: [{ message: LR('vmstat', 'samples until stopped (an interval without a count)'), line: 19, column: 1, endColumn: 7 }],
    },
    {
      name: 'redis-cli --latency',
      code: step('```bash', 'redis-cli --latency-history'),
      errors: [{ message: LR('redis-cli --latency-history', 'samples until stopped'), line: 19, column: 1, endColumn: 28 }],
    },
    {
      name: 'ssm port forwarding',
      code: step('```bash interactive', 'aws ssm start-session --target i-0abc \\\n  --document-name AWS-StartPortForwardingSession'),
      errors: [{ message: LR('aws ssm start-session', 'forwards a port until stopped'), line: 19, column: 1, endLine: 19, endColumn: 22 }],
    },
    {
      name: 'pprof -http',
      code: step('```bash', 'go tool pprof -http=:8080 heap.prof'),
      errors: [{ message: LR('go tool pprof', 'serves the profile viewer until stopped'), line: 19, column: 1, endColumn: 14 }],
    },
    {
      name: 'etcdctl watch',
      code: step('```bash', 'etcdctl watch --prefix /registry/pods'),
      errors: [{ message: LR('etcdctl watch', 'watches keys until stopped'), line: 19, column: 1, endColumn: 14 }],
    },
    {
      name: 'strace -p',
      code: step('```bash', 'strace -f -p 1234'),
      errors: [{ message: LR('strace -p', 'traces the process until stopped'), line: 19, column: 1, endColumn: 13 }],
    },
    {
      name: 'each command of a block',
      code: step('```bash', 'kubectl -n shop logs api-1 -f\nkubectl -n shop get pods --watch'),
      errors: [
        { message: LR('kubectl logs -f', 'follows the log'), line: 19, column: 1 },
        { message: LR('kubectl get --watch', 'watches for changes'), line: 20, column: 1 },
      ],
    },
  ],
});

ruleTester(commandsInteractive, {
  valid: [
    { name: 'exec without a terminal', code: step('```bash', 'kubectl exec deploy/api -- psql -c "SELECT 1"') },
    { name: 'psql fed by a pipe', code: step('```bash', 'echo "SELECT 1;" | psql "$DATABASE_URL"') },
    { name: 'psql fed by a heredoc', code: step('```bash', 'psql "$DATABASE_URL" <<\'SQL\'\nSELECT 1;\nSQL') },
    { name: 'psql fed by a file', code: step('```bash', 'psql "$DATABASE_URL" < report.sql\npsql "$DATABASE_URL" -f report.sql\npsql -l') },
    { name: 'psql with a query', code: step('```bash', 'psql $DATABASE_URL -c "SELECT count(*) FROM pg_stat_activity;"') },
    { name: 'redis-cli with a command', code: step('```bash', "redis-cli INFO memory\nredis-cli --scan --pattern 'session:*'") },
    { name: 'ssh with a remote command', code: step('```bash', 'ssh db-1 uptime\nssh -N -L 5432:db:5432 bastion') },
    { name: 'top in batch mode', code: step('```bash', 'top -b -n 1') },
    { name: 'sudo with a command', code: step('```bash', 'sudo -u postgres psql -c "SELECT 1"') },
    { name: 'marked interactive', code: step('```bash interactive', 'kubectl -n shop exec -it deploy/api -- sh') },
    { name: 'exec -i with input', code: step('```bash', 'kubectl exec -i deploy/api -- psql < report.sql') },
    { name: 'mysql with a query', code: step('```bash', 'mysql -h db -e "SHOW PROCESSLIST"') },
    { name: 'a script', code: step('```bash', 'python3 scripts/check.py') },
    { name: 'a detached container', code: step('```bash', 'docker run -d -t --name probe busybox sleep 60') },
    { name: 'console output is not a command', code: step('```console', '$ echo done\npsql\nvim') },
    {
      name: 'pprof with a report option',
      code: step('```bash', 'go tool pprof -top heap.prof\ngo tool pprof -text -nodecount=20 cpu.prof\ngo tool pprof -png heap.prof > heap.png'),
    },
    {
      name: 'git commit with a message, revert without the editor',
      code: step(
        '```bash',
        'git commit -m "fix: patch lodash"\ngit commit -am "wip"\ngit commit --amend --no-edit\ngit revert --no-edit HEAD\ngit revert -n HEAD~2..HEAD',
      ),
    },
    { name: 'a pager word that is an argument', code: step('```bash', 'grep -c less /etc/services\necho more') },
    {
      name: 'terraform: a plan, a saved plan applied, -auto-approve',
      code: step(
        '```bash',
        'terraform -chdir=infra plan -target=module.rds -out=rds.tfplan\nterraform -chdir=infra apply rds.tfplan\nterraform apply -auto-approve -var "size=db.r6g.large"',
      ),
    },
    {
      name: 'debug sessions and shells given their command',
      code: step(
        '```bash',
        'oc debug node/n1 -- chroot /host systemctl status kubelet\noc rsh -n openshift-etcd etcd-0 etcdctl member list\nchroot /host journalctl -u kubelet -n 50\nvirtctl ssh vm1 --command "uptime"\ngitlab-psql -c "SELECT 1"\nopenssl s_client -connect db:5432 -starttls postgres </dev/null\ngdb -batch -ex bt -p 1234\naws configure set region eu-west-1\nvault login -method=oidc\netcdctl txn <<EOF\nput a 1\n\nEOF',
      ),
    },
    // openshift/runbooks, kubevirt/monitoring: `-it` given to a command that ends by itself is needless, not interactive.
    {
      name: 'exec -it of commands that end by themselves',
      code: step(
        '```bash',
        'oc exec -it virt-launcher-vm1 -n shop -- virsh dumpxml shop_vm1\nkubectl exec -it prometheus-k8s-0 -n openshift-monitoring -- curl -k https://localhost:9091/metrics\nkubectl exec -it <pod-name> -n production -- env | grep -E "DATABASE|JWT"\noc debug node/n1 -it --image=busybox -- chroot /host df -h\ndocker run -it --rm busybox ls /\ncrictl exec -it 1f2e3d ls -l /var/log',
      ),
    },
    { name: 'the editor variable as an argument', code: step('```bash', 'echo "$EDITOR"\ngit config core.editor "$VISUAL"') },
    { name: 'PromQL pasted into a shell block is not a session', code: step('```sh', 'up{job="api"} == 0\nrate(http_requests_total{code=~"5.."}[5m]) > 0.1') },
  ],
  invalid: [
    {
      name: 'kubectl exec -it (the shell inside is the same problem)',
      code: step('```bash', 'kubectl -n shop exec -it deployment/api -- sh'),
      errors: [{ message: IA('kubectl exec -it', 'asks for a terminal'), line: 19, column: 1, endLine: 19, endColumn: 25 }],
    },
    {
      name: 'kubectl exec -i -t',
      code: step('```bash', 'kubectl exec -i -t api-1 -- bash'),
      errors: [{ message: IA('kubectl exec -t', 'asks for a terminal'), line: 19, column: 1, endColumn: 19 }],
    },
    {
      name: 'docker exec -it',
      code: step('```bash', 'docker exec -it api sh'),
      errors: [{ message: IA('docker exec -it', 'asks for a terminal'), line: 19, column: 1, endColumn: 16 }],
    },
    {
      name: 'bare psql',
      code: step('```bash', 'psql $DATABASE_URL\n\n-- Connection count\nSELECT datname, count(*) FROM pg_stat_activity GROUP BY datname;'),
      errors: [{ message: IA('psql', 'opens an interactive session'), line: 19, column: 1, endColumn: 5 }],
    },
    {
      name: 'bare redis-cli',
      code: step('```bash', 'redis-cli -h cache.internal'),
      errors: [{ message: IA('redis-cli', 'opens an interactive session'), line: 19, column: 1, endColumn: 10 }],
    },
    {
      name: 'ssh without a command',
      code: step('```bash', '# SSH to instance\nssh ec2-user@instance-ip'),
      errors: [{ message: IA('ssh', 'opens a remote shell'), line: 20, column: 1, endColumn: 4 }],
    },
    {
      name: 'kubectl edit',
      code: step('```bash', 'kubectl -n tickets-dev edit deployment/backend'),
      errors: [{ message: IA('kubectl edit', 'opens an editor'), line: 19, column: 1, endColumn: 28 }],
    },
    {
      name: 'bare mysql',
      code: step('```bash', 'mysql -u app -h db'),
      errors: [{ message: IA('mysql', 'opens an interactive session'), line: 19, column: 1, endColumn: 6 }],
    },
    {
      name: 'an editor',
      code: step('```bash', 'vim /etc/nginx/nginx.conf'),
      errors: [{ message: IA('vim', 'opens an editor'), line: 19, column: 1, endColumn: 4 }],
    },
    {
      name: 'a pager',
      code: step('```bash', 'kubectl logs api-1 | less'),
      errors: [{ message: IA('less', 'opens a pager'), line: 19, column: 22, endColumn: 26 }],
    },
    {
      name: 'a shell inside exec without -it',
      code: step('```bash', 'kubectl exec deploy/api -- /bin/sh'),
      errors: [{ message: IA('/bin/sh', 'starts an interactive shell'), line: 19, column: 28, endColumn: 35 }],
    },
    {
      name: 'console prompt line',
      code: step('```console', '$ psql "$DATABASE_URL"\npsql (16.2)\nshop=>'),
      errors: [{ message: IA('psql', 'opens an interactive session'), line: 19, column: 3, endColumn: 7 }],
    },
    { name: 'top', code: step('```bash', 'top'), errors: [{ message: IA('top', 'is a full-screen display'), line: 19, column: 1, endColumn: 4 }] },
    {
      name: 'watch (seed)',
      code: step('```bash long-running', "watch 'ps aux | grep node | grep -v grep'"),
      errors: [{ message: IA('watch', 'is a full-screen display'), line: 19, column: 1, endColumn: 6 }],
    },
    {
      name: 'watch with an interval',
      code: step('```bash long-running', 'watch -n 10 kubectl top pods -n production'),
      errors: [{ message: IA('watch', 'is a full-screen display'), line: 19, column: 1, endColumn: 6 }],
    },
    {
      name: 'go tool pprof on a file (seed)',
      code: step('```bash', 'curl http://localhost:6060/debug/pprof/heap > heap.prof\ngo tool pprof heap.prof'),
      errors: [{ message: IA('go tool pprof', 'opens the interactive pprof shell'), line: 20, column: 1, endColumn: 14 }],
    },
    {
      name: 'git revert without --no-edit (seed)',
      code: step('```bash', 'git revert abc1234'),
      errors: [{ message: IA('git revert', 'opens an editor for the commit message'), line: 19, column: 1, endColumn: 11 }],
    },
    {
      name: 'git revert -m picks a parent, it gives no message',
      code: step('```bash', 'git revert -m 1 abc1234'),
      errors: [{ message: IA('git revert', 'opens an editor for the commit message'), line: 19, column: 1, endColumn: 11 }],
    },
    {
      name: 'git commit without a message',
      code: step('```bash', 'git add package.json\ngit commit'),
      errors: [{ message: IA('git commit', 'opens an editor for the commit message'), line: 20, column: 1, endColumn: 11 }],
    },
    {
      name: 'git rebase -i',
      code: step('```bash', 'git rebase -i HEAD~3'),
      errors: [{ message: IA('git rebase -i', 'opens an editor for the rebase plan'), line: 19, column: 1, endColumn: 14 }],
    },
    {
      name: 'aws ssm start-session',
      code: step('```bash', 'aws ssm start-session --target i-0abc123def4567890'),
      errors: [{ message: IA('aws ssm start-session', 'opens a remote session'), line: 19, column: 1, endColumn: 22 }],
    },
    {
      name: 'kubectl edit after options',
      code: step('```bash', 'kubectl --context prod -n shop edit configmap/api'),
      errors: [{ message: IA('kubectl edit', 'opens an editor'), line: 19, column: 1, endColumn: 36 }],
    },
    {
      name: 'more at the end of a pipeline',
      code: step('```bash', 'journalctl -u nginx --since today | more'),
      errors: [{ message: IA('more', 'opens a pager'), line: 19, column: 37, endColumn: 41 }],
    },
    {
      name: 'terraform apply asks for "yes" (seed)',
      code: step('```bash', 'terraform -chdir=infra/envs/dev apply -target=module.rds'),
      errors: [{ message: IA('terraform apply', 'asks to type "yes" before it changes anything'), line: 19, column: 1 }],
    },
    {
      name: 'terraform apply with a -var value is not a plan file',
      code: step('```bash', 'terraform apply -var "size=db.r6g.large"'),
      errors: [{ message: IA('terraform apply', 'asks to type "yes" before it changes anything'), line: 19, column: 1 }],
    },
    {
      name: 'oc debug without a command opens a shell',
      code: step('```bash', 'oc debug node/<node>'),
      errors: [{ message: IA('oc debug', 'opens a shell in a debug pod'), line: 19, column: 1, endColumn: 9 }],
    },
    {
      name: 'oc rsh without a command',
      code: step('```bash', 'oc rsh -c etcdctl -n openshift-etcd etcd-0'),
      errors: [{ message: IA('oc rsh', 'opens a shell in the pod'), line: 19, column: 1, endColumn: 7 }],
    },
    {
      name: 'chroot without a command (a root prompt in a console block)',
      code: step('```console', '$ oc debug node/n1 -- true\nsh-4.4# chroot /host'),
      errors: [{ message: IA('chroot', 'starts a shell in the new root'), line: 20, column: 9, endColumn: 15 }],
    },
    {
      name: 'a Rails console',
      code: step('```bash', 'sudo gitlab-rails console'),
      errors: [{ message: IA('gitlab-rails console', 'opens a Rails console'), line: 19, column: 6, endColumn: 26 }],
    },
    {
      name: 'gitlab-psql without a query',
      code: step('```bash', 'sudo gitlab-psql -d gitlabhq_production'),
      errors: [{ message: IA('gitlab-psql', 'opens an interactive session'), line: 19, column: 6, endColumn: 17 }],
    },
    {
      name: 'openssl s_client waits for input',
      code: step('```bash', 'openssl s_client -connect api.example.com:443 -servername api.example.com'),
      errors: [{ message: IA('openssl s_client', 'waits for input after the handshake'), line: 19, column: 1, endColumn: 17 }],
    },
    {
      name: 'a VM console',
      code: step('```bash', 'virtctl console vm1 -n shop'),
      errors: [{ message: IA('virtctl console', "attaches to the virtual machine's console"), line: 19, column: 1, endColumn: 16 }],
    },
    {
      name: 'etcdctl txn -i reads the terminal',
      code: step('```bash', 'etcdctl txn -i'),
      errors: [{ message: IA('etcdctl txn -i', 'reads its requests from the terminal'), line: 19, column: 1, endColumn: 15 }],
    },
    {
      name: 'vault login asks for the token',
      code: step('```bash', '$ vault login'),
      errors: [{ message: IA('vault login', 'asks for the token'), line: 19, column: 3, endColumn: 14 }],
    },
    {
      name: 'aws configure asks for keys',
      code: step('```bash', 'aws configure --profile prod'),
      errors: [{ message: IA('aws configure', 'asks for the credentials'), line: 19, column: 1, endColumn: 14 }],
    },
    {
      name: 'fence inside a list (seed)',
      code: listed('```bash', 'kubectl exec -it <pod-name> -n production -- bash'),
      errors: [{ message: IA('kubectl exec -it', 'asks for a terminal'), line: 21, column: 4, endColumn: 20 }],
    },
    {
      name: 'a full-screen program inside exec -it',
      code: step('```bash', 'oc exec -it virt-launcher-vm1 -c compute -- top'),
      errors: [{ message: IA('oc exec -it', 'asks for a terminal'), line: 19, column: 1, endColumn: 12 }],
    },
    {
      name: 'a query session inside a shell inside exec -it',
      code: step('```bash', 'kubectl exec -it db-0 -- sh -c "cd /tmp && psql"'),
      errors: [{ message: IA('kubectl exec -it', 'asks for a terminal'), line: 19, column: 1, endColumn: 17 }],
    },
    {
      name: 'exec -it with no command',
      code: step('```bash', 'oc exec -n ovn -it ovnkube-0 -c nbdb --bash'),
      errors: [{ message: IA('oc exec -it', 'asks for a terminal'), line: 19, column: 1, endColumn: 19 }],
    },
    {
      name: 'a debug container with no command opens its shell',
      code: step('```bash', 'kubectl debug node/n1 -it --image=busybox'),
      errors: [{ message: IA('kubectl debug -it', 'asks for a terminal'), line: 19, column: 1, endColumn: 26 }],
    },
    {
      name: 'a container run with a terminal and no command',
      code: step('```bash', 'docker run --rm -it -p 5000:5000 flamescope'),
      errors: [{ message: IA('docker run -it', 'asks for a terminal'), line: 19, column: 1, endColumn: 20 }],
    },
    // gitlab-com runbooks, docs/kube/k8s-operations.md: `--cap-add` takes a value; the image is `ubuntu`, the command a shell.
    {
      name: 'a shell in a container run with options that take values',
      code: step('```bash', 'docker run \\\n  -it \\\n  --pid=container:sidekiq \\\n  --cap-add sys_admin \\\n  --cap-add sys_ptrace \\\n  ubuntu /bin/bash'),
      errors: [{ message: IA('docker run -it', 'asks for a terminal'), line: 19, column: 1, endLine: 20, endColumn: 6 }],
    },
    // gitlab-com runbooks, docs/gitaly/gitaly-repository-corruption.md.
    {
      name: "the user's editor",
      code: step('```bash', 'sudo -u git $EDITOR refs/keep-around/0123abcd\n"${VISUAL}" values.yaml'),
      errors: [
        { message: IA('$EDITOR', 'opens an editor'), line: 19, column: 13, endColumn: 20 },
        { message: IA('"${VISUAL}"', 'opens an editor'), line: 20, column: 1, endColumn: 12 },
      ],
    },
    {
      name: 'crictl exec -it of top',
      code: step('```bash', 'crictl exec -it 1f2e3d top'),
      errors: [{ message: IA('crictl exec -it', 'asks for a terminal'), line: 19, column: 1, endColumn: 16 }],
    },
  ],
});
