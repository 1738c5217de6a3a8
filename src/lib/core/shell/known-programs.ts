// Programs an operator types at a prompt. A console block written without any prompt mixes commands and their
// output: a line that starts with one of these names (or `sudo` before one) is taken for a command, every other
// line for output. Output rarely starts with a program's name followed by a space (names that are also common
// words of output, such as `top`, `date`, `file`, `free`, `host`, are left out), so this is the safe side: a
// line that is not recognised stays output, as before.

const NAMES = `
kubectl oc helm kustomize istioctl linkerd argocd flux velero virtctl kubeadm crictl ctr nerdctl podman docker
docker-compose minikube kind k9s stern kubectx kubens skopeo buildah runc
aws gcloud gsutil bq az doctl terraform tofu tf terragrunt pulumi packer vault consul nomad ansible ansible-playbook
knife chef-client salt salt-call puppet
systemctl journalctl service chkconfig loginctl timedatectl hostnamectl
psql pg_dump pg_dumpall pg_restore pg_basebackup pg_ctl pg_ctlcluster pg_isready pg_controldata patronictl pgbouncer
gitlab-psql gitlab-rails gitlab-rake gitlab-ctl gitlab-redis-cli mysql mysqldump mysqladmin mongosh mongo mongodump
redis-cli valkey-cli etcdctl etcdutl cqlsh nodetool clickhouse-client sqlite3 kafka-topics kafka-consumer-groups
curl wget ssh scp sftp rsync nc ncat telnet openssl dig nslookup ping traceroute mtr tcpdump ss netstat ip
ifconfig iptables nft ethtool arp
cat head tail grep egrep fgrep zgrep awk sed cut uniq wc tr tee xargs jq yq find ls ll cd pwd
mkdir rmdir rm cp mv ln chmod chown chgrp du df htop iotop vmstat iostat mpstat sar
ps pgrep pkill killall lsof strace ltrace perf gdb uptime dmesg uname hostname whoami watch
timeout env printenv export unset echo printf source tar gzip gunzip zcat base64 sha256sum md5sum
mount umount lsblk blkid fdisk parted mkfs xfs_growfs resize2fs growpart fsck sysctl modprobe lsmod chroot
nsenter su sudo crontab apt apt-get yum dnf rpm dpkg pip pip3 python python3 ruby node npm git
promtool amtool thanos toolbox gdu ncdu swapoff swapon reboot shutdown
`;

const KNOWN = new Set(NAMES.split(/\s+/).filter(Boolean));
/** Shell words that start a command of their own (`for pod in ...; do`). */
const KEYWORDS = new Set(['for', 'while', 'until', 'if', 'case']);

/**
 * The line starts with a program an operator runs (`kubectl get pods`, `sudo systemctl restart x`), followed by
 * a space or the end of the line; `NAME=value` assignments before it are allowed. `keywords: false`: not a
 * compound command (`for`, `if`, ...), for text that may be prose (`# if using Istio`).
 */
export function startsWithKnownProgram(line: string, options: { keywords?: boolean } = {}): boolean {
  const words = line.trim().split(/\s+/);
  let i = 0;
  while (i < words.length && /^[A-Za-z_]\w*=\S*$/.test(words[i]) && i < words.length - 1) i++;
  if (words[i] === 'sudo') i++;
  const name = words[i] ?? '';
  return KNOWN.has(name) || (options.keywords !== false && KEYWORDS.has(name));
}
