// systemctl: every verb of systemd 256 (`systemctl --help`), so an unknown one is reported; the verbs that act
// on units refuse to run without one. Flags are not checked, but those that take a value are listed so that
// the verb after them is found (`systemctl -t service list-units`).
import type { CommandTable, ProgramTable } from './spec.ts';

const GLOBAL = [
  '-t,--type= --state= -p,--property= -P= -a,--all -r,--recursive --reverse --after --before --with-dependencies -l,--full',
  '--value --show-types --job-mode= -T,--show-transaction --fail -i,--ignore-inhibitors --check-inhibitors= --dry-run -q,--quiet',
  '-v,--verbose --no-warn --wait --no-block --no-legend --legend= --no-pager --no-reload --no-ask-password --global --system --user',
  '--runtime --force -f --preset-mode= --root= --image= --image-policy= -n,--lines= -o,--output= --firmware-setup',
  '--boot-loader-menu= --boot-loader-entry= --reboot-argument= --kexec-path= --plain --timestamp= --read-only --mkdir --marked',
  '--kill-whom= --kill-value= -s,--signal= --what= --message= --when= --drop-in= --stdin -H,--host= -M,--machine= -C,--capsule=',
  '-h,--help --version --show-types --state=',
].join(' ');

const UNIT_VERBS = [
  'start',
  'stop',
  'reload',
  'restart',
  'try-restart',
  'reload-or-restart',
  'try-reload-or-restart',
  'condrestart',
  'force-reload',
  'reload-or-try-restart',
  'isolate',
  'kill',
  'clean',
  'freeze',
  'thaw',
  'enable',
  'disable',
  'reenable',
  'mask',
  'unmask',
  'is-enabled',
  'is-active',
  'is-failed',
  'cat',
  'edit',
  'revert',
  'link',
  'preset',
  'set-property',
  'add-wants',
  'add-requires',
  'bind',
  'mount-image',
];

const OTHER_VERBS = [
  'list-units',
  'list-automounts',
  'list-paths',
  'list-sockets',
  'list-timers',
  'status',
  'show',
  'help',
  'list-dependencies',
  'service-log-level',
  'service-log-target',
  'reset-failed',
  'whoami',
  'list-unit-files',
  'preset-all',
  'get-default',
  'set-default',
  'list-machines',
  'list-jobs',
  'cancel',
  'show-environment',
  'set-environment',
  'unset-environment',
  'import-environment',
  'daemon-reload',
  'daemon-reexec',
  'log-level',
  'log-target',
  'service-watchdogs',
  'is-system-running',
  'default',
  'rescue',
  'emergency',
  'halt',
  'poweroff',
  'reboot',
  'kexec',
  'soft-reboot',
  'exit',
  'switch-root',
  'sleep',
  'suspend',
  'hibernate',
  'hybrid-sleep',
  'suspend-then-hibernate',
];

const commands: Record<string, CommandTable> = { '': { persistent: GLOBAL, closed: true } };
for (const verb of UNIT_VERBS) {
  commands[verb] = { operand: { name: 'UNIT', hint: `Name the unit: \`systemctl ${verb} <unit>\` (\`systemctl list-units --type=service\` lists them).` } };
}
for (const verb of OTHER_VERBS) commands[verb] = {};

export const SYSTEMCTL: ProgramTable = { commands };
