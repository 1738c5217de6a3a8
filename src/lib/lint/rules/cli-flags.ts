// kubectl, helm and aws subcommands and flags must exist; `psql -w` is not "watch".
// Specs: @withfig/autocomplete (kubectl, helm, aws) completed by our tables in ./cli-specs/, which
// say where a command's flags are verified complete — elsewhere nothing is reported.
import type { Command, CommandWord } from '../../core/shell/commands.ts';
import { closest, editDistance } from '../../suggest.ts';
import { isShellCommandBlock } from '../blocks.ts';
import { defineRule } from '../types.ts';
import { AWS } from './cli-specs/aws.ts';
import { ETCDCTL } from './cli-specs/etcdctl.ts';
import { HELM } from './cli-specs/helm.ts';
import { KUBECTL } from './cli-specs/kubectl.ts';
import { OC } from './cli-specs/oc.ts';
import { SYSTEMCTL } from './cli-specs/systemctl.ts';
import { expand, loadProgram, type CommandSpec, type FlagSpec, type Program, type ProgramTable } from './cli-specs/spec.ts';
import { exampleRunbook } from './example.ts';

const TABLES: Record<string, ProgramTable> = { kubectl: KUBECTL, oc: OC, helm: HELM, aws: AWS, etcdctl: ETCDCTL, systemctl: SYSTEMCTL };

type Word = CommandWord;

/** A flag as written: its name and where the name stands in the code. */
interface WrittenFlag {
  name: string;
  start: number;
  end: number;
}

interface Resolved {
  /** The commands from the program down, and the words that named them. */
  chain: CommandSpec[];
  path: string[];
  flags: WrittenFlag[];
  /** The word that named the last command of the chain (the program's for the program itself). */
  commandWord: Word;
  /** Positional words after the last command. */
  operands: number;
  /** Those words. */
  operandWords: Word[];
  /** Words after `--` (the command `kubectl exec` runs). */
  afterDashes: number;
  /** A word where a subcommand was expected and none matched. */
  unknown?: { word: Word; parent: CommandSpec };
}

/** Offset in the code of the word's `index`-th character. */
const at = (word: Word, index: number) => word.offsets[index] ?? word.start;

const findFlag = (name: string, candidates: Map<string, FlagSpec>) => candidates.get(name);

/** The flags a command accepts: its own and those its ancestors pass down (by name; the first wins). */
const validCache = new WeakMap<CommandSpec, Map<string, FlagSpec>>();
function validFlags(chain: CommandSpec[]): Map<string, FlagSpec> {
  const target = chain[chain.length - 1];
  let valid = validCache.get(target);
  if (!valid) {
    valid = new Map();
    for (const flag of [...chain.flatMap((command) => command.persistent), ...target.flags]) {
      for (const name of flag.names) if (!valid.has(name)) valid.set(name, flag);
    }
    // A command's flags change when its fig file loads (`aws ecs`): only cache complete ones.
    if (!target.loadSpec) validCache.set(target, valid);
  }
  return valid;
}

/** Walks argv as cobra (and argparse) do: flags anywhere, subcommands by the first positionals, `--` ends it. */
async function resolve(words: Word[], program: Program): Promise<Resolved> {
  const chain = [program.root];
  const path = [words[0].value];
  const flags: WrittenFlag[] = [];
  let unknown: Resolved['unknown'];
  let positionals = 0;
  const operandWords: Word[] = [];
  let afterDashes = 0;
  let commandWord = words[0];
  const known = () => validFlags(chain);
  for (let index = 1; index < words.length; index++) {
    const word = words[index];
    const value = word.value;
    if (value === '--') {
      afterDashes = words.length - index - 1;
      break;
    }
    if (value.startsWith('--') && value.length > 2) {
      const name = value.split('=')[0];
      flags.push({ name, start: at(word, 0), end: at(word, name.length - 1) + 1 });
      if (!value.includes('=') && findFlag(name, known())?.takesValue) index++;
    } else if (value.startsWith('-') && value.length > 1 && !/^-\d/.test(value)) {
      // A cluster of short flags (`-it`); the first that takes a value takes the rest (`-nprod`) or the next word.
      for (let char = 1; char < value.length; char++) {
        const name = `-${value[char]}`;
        // Alone (`-w`) the whole word is the flag; in a cluster (`-wA`) its letter is.
        const start = value.length === 2 ? at(word, 0) : at(word, char);
        flags.push({ name, start, end: at(word, char) + 1 });
        if (findFlag(name, known())?.takesValue) {
          if (char === value.length - 1) index++;
          break;
        }
      }
    } else {
      const current = chain[chain.length - 1];
      if (current.loadSpec) await expand(current, program.table);
      if (positionals === 0 && current.subcommands.length > 0) {
        const sub = current.subcommands.find((candidate) => candidate.names.includes(value));
        if (sub) {
          if (sub.loadSpec) await expand(sub, program.table);
          chain.push(sub);
          path.push(value);
          commandWord = word;
          continue;
        }
        unknown = { word, parent: current };
      }
      positionals++;
      operandWords.push(word);
    }
  }
  return { chain, path, flags, commandWord, operands: positionals, operandWords, afterDashes, ...(unknown ? { unknown } : {}) };
}

const flagNames = (candidates: FlagSpec[]) => [...new Set(candidates.flatMap((flag) => flag.names))];

/** True when `word` is a near-miss of one of `names` (a typo, not a plugin or a customization). */
function nearMiss(word: string, names: string[]): string | undefined {
  const limit = word.length <= 4 ? 1 : 2;
  return names.find((name) => editDistance(word, name) <= limit);
}

function checkInvocation(
  resolved: Resolved,
  program: Program,
  report: (start: number, end: number, message: string, hint?: string) => void,
  placeholderWord: (word: Word) => boolean,
  appended = false,
): void {
  const { chain, path, flags, unknown } = resolved;
  const command = `\`${path.join(' ')}\``;
  if (unknown) {
    // A placeholder or a variable: the value decides.
    if (placeholderWord(unknown.word) || !unknown.word.literal) return;
    const names = unknown.parent.subcommands.flatMap((sub) => sub.names);
    const near = nearMiss(unknown.word.value, names);
    // Why that command was written (an etcd v2 command), with the one to use.
    const why = Object.hasOwn(unknown.parent.hints, unknown.word.value) ? unknown.parent.hints[unknown.word.value] : undefined;
    if (unknown.parent.closed || near || why) {
      const primary = unknown.parent.subcommands.map((sub) => sub.names[0]).sort();
      report(
        unknown.word.start,
        unknown.word.end,
        `Unknown command "${unknown.word.value}" for ${command}${why ? `: ${why}` : near ? `; did you mean "${near}"?` : ''}`,
        primary.length <= 20 ? `${command} has: ${primary.join(', ')}.` : undefined,
      );
    }
    return; // the flags belong to a command we do not know
  }
  const target = chain[chain.length - 1];
  // An operand is missing whatever the flags: an unknown flag's value would only count as one.
  if (!appended && (target.checked || target.operand || target.requires || target.runs)) checkMissing(resolved, program, report, placeholderWord);
  if (!target.checked) return;
  const valid = validFlags(chain);
  const names = [...valid.keys()];
  for (const flag of flags) {
    // A hint names a flag that does not exist (any more): fig's older spec may still list it (`--delete-local-data`).
    if (valid.has(flag.name) && !Object.hasOwn(target.hints, flag.name)) continue;
    if (program.table.abbreviations && flag.name.startsWith('--') && names.some((name) => name.startsWith(flag.name))) continue;
    const hint = target.hints[flag.name];
    // Long flags are compared with long flags, short with short.
    const sameKind = names.filter((name) => name.startsWith('--') === flag.name.startsWith('--'));
    const suggested = hint ? [] : closest(flag.name, sameKind, 2);
    report(
      flag.start,
      flag.end,
      `Unknown flag ${flag.name} for ${command}${hint ? `: ${hint}` : suggested.length ? `; did you mean ${suggested.join(' or ')}?` : ''}`,
      `${command} accepts: ${flagNames(target.flags).slice(0, 24).join(' ')}${flagNames(target.flags).length > 24 ? ' ...' : ''}`,
    );
  }
}

/** Booleans whose "false" has its own name in the AWS CLI (`--egress` | `--ingress` of network ACL entries). */
const BOOLEAN_OPPOSITES: Record<string, string> = { '--egress': '--ingress' };

/** Whether one of `names` was written: exactly, as its negation (`--no-x`, `--non-x`, or its named opposite for a boolean), or as an abbreviation the program accepts. */
function written(flags: WrittenFlag[], names: string[], abbreviations: boolean | undefined): boolean {
  const negated = (wanted: string) => [
    wanted.replace(/^--/, '--no-'),
    wanted.replace(/^--/, '--non-'),
    ...(BOOLEAN_OPPOSITES[wanted] ? [BOOLEAN_OPPOSITES[wanted]] : []),
  ];
  return flags.some(({ name }) =>
    names.some(
      (wanted) => name === wanted || negated(wanted).includes(name) || (abbreviations && name.startsWith('--') && name.length > 3 && wanted.startsWith(name)),
    ),
  );
}

/** An operand the command refuses to run without (`kubectl logs` with no pod), and missing required options (`aws`). */
function checkMissing(
  resolved: Resolved,
  program: Program,
  report: (start: number, end: number, message: string, hint?: string) => void,
  placeholderWord: (word: Word) => boolean,
): void {
  const { chain, path, flags, commandWord, operands } = resolved;
  const target = chain[chain.length - 1];
  const command = `\`${path.join(' ')}\``;
  if (target.operand && operands === 0 && !written(flags, target.operand.unless, false)) {
    report(commandWord.start, commandWord.end, `Missing ${target.operand.name} for ${command}: it refuses to run without one`, target.operand.hint);
  } else if (target.operand?.typeAndName && operands === 1 && !written(flags, target.operand.unless, false)) {
    // A resource type alone (`kubectl delete pods`): a name must follow it or be joined to it (`pod/api`). A
    // value only known when it runs (`$POD`, `$(...)`, a placeholder) may be a TYPE/NAME.
    const [type] = resolved.operandWords;
    if (type.literal && !type.value.includes('/') && !placeholderWord(type)) {
      report(type.start, type.end, `Missing NAME after "${type.value}" for ${command}: with a type alone it refuses to run`, target.operand.hint);
    }
  }
  if (target.runs && operands === 1 && resolved.afterDashes === 0 && !written(flags, ['-h', '--help'], false)) {
    report(commandWord.start, commandWord.end, `Missing the command to run for ${command}: it refuses to run without one after \`--\``, target.runs.hint);
  }
  if (target.requires && !written(flags, target.requires.names, program.table.abbreviations) && !written(flags, ['-h', '--help'], false)) {
    const long = target.requires.names.filter((name) => name.startsWith('--'));
    report(
      commandWord.start,
      commandWord.end,
      `Missing ${long.join(' or ')} for ${command}: it refuses to run without ${long.length > 1 ? 'one of them' : 'it'}`,
      target.requires.hint,
    );
  }
  // An operand where none is expected may be an expansion that adds options (`$ARGS`), or `help`.
  if (operands > 0 || written(flags, program.table.satisfiesRequired ?? [], false)) return;
  const missing = target.flags.filter((flag) => flag.required && !written(flags, flag.names, program.table.abbreviations)).map((flag) => flag.names[0]);
  if (!missing.length) return;
  report(
    commandWord.start,
    commandWord.end,
    `Missing required option${missing.length > 1 ? 's' : ''} ${missing.join(', ')} for ${command}`,
    `${command} fails without ${missing.length > 1 ? 'them' : 'it'}${program.table.satisfiesRequired?.includes('--cli-input-json') ? ' (or give every parameter with --cli-input-json)' : ''}.`,
  );
}

/**
 * `psql -w` means --no-password. Written after the query (`psql -c "..." -w`) or with a number
 * (`-w 5`), it was meant as "watch" — psql runs the query once.
 */
function checkPsql(words: Word[], report: (start: number, end: number, message: string, hint?: string) => void): void {
  let afterQuery = false;
  for (let index = 1; index < words.length; index++) {
    const raw = words[index].value;
    if (raw === '--') break;
    if (/^-[AabeEHlnqsStwWxX1]*c$/.test(raw) || raw === '--command') {
      index++;
      afterQuery = true;
    } else if (/^(-[AabeEHlnqsStwWxX1]*c.|--command=)/.test(raw)) afterQuery = true;
    else if (raw === '-w' && (afterQuery || /^\d+$/.test(words[index + 1]?.value ?? ''))) {
      report(
        words[index].start,
        words[index].end,
        'Unexpected -w after the query: for psql, -w means --no-password, it does not repeat the query',
        'To watch, run the command under watch (`watch -n 5 psql ... -c "..."`) or use \\watch 5 in psql; write --no-password if that is what you mean.',
      );
    }
  }
}

const BODY = (code: string) =>
  `## Symptoms\n\nPods use too much memory.\n\n## Investigation\n\n### Watch the pods\n\n\`\`\`bash long-running interactive\n${code}\n\`\`\`\n`;

export const cliFlags = defineRule({
  meta: {
    id: 'cli/flags',
    category: 'commands',
    severity: 'error',
    description:
      'kubectl, oc, helm, aws, etcdctl and systemctl subcommands and flags must exist, required operands and options must be given; psql -w does not watch.',
    docs: [
      'Flags are checked against the command\'s spec: a flag that does not exist stops the command with an error, or worse, it was meant to do something the command never does (`kubectl top pods -w` "to watch": kubectl top has no watch mode; `kubectl logs -w`: it is `-f`).',
      "Sources: the [@withfig/autocomplete](https://github.com/withfig/autocomplete) specs of kubectl, helm and aws (aws's are generated from the AWS CLI's service models and so are complete per operation; an unambiguous prefix of an option is accepted, as the AWS CLI does), completed by our own tables from `kubectl <command> --help` (kubectl 1.33) and `helm <command> --help` (helm 3.17 and 4). Only commands whose flags are verified complete are checked — `kubectl get/describe/logs/top/exec/scale/rollout/delete/set/patch/events/drain`, `helm rollback/history/status/list/uninstall/get` and every aws operation; elsewhere nothing is reported. Unknown subcommands are reported when they are near-misses of a real one (`kubectl rollout stauts`), since plugins and customizations add names.",
      "Missing operands and options are reported where a command refuses to run without them: `kubectl logs` without a pod, a `TYPE/NAME` or a `-l` selector, `kubectl exec`/`port-forward` without a pod, `kubectl rollout status/restart/undo` without a workload, `kubectl drain/cordon/uncordon` without a node, `kubectl scale` without `--replicas`, `kubectl patch` without `-p`/`--patch-file`, and an aws operation without one of its required options (`aws elasticache reboot-cache-cluster` without `--cache-node-ids-to-reboot`). The required options come from botocore's service models — the AWS CLI's own — for the services listed in `scripts/generate-aws-required.ts`, as far as fig's spec names them; `--cli-input-json`/`--cli-input-yaml` give every parameter and `--generate-cli-skeleton` runs nothing, so with one of them nothing is missing. A boolean is given by its `--no-` form too.",
      '`oc` is checked as kubectl with the commands OpenShift adds (`oc adm`, `oc rsh`, `oc rollout latest`, ...), from `oc --help` of oc 4.16. `etcdctl` and `systemctl` have no fig spec; our tables list every command of etcdctl v3 (etcd 3.5/3.6: a v2 command such as `etcdctl cluster-health` is reported with its v3 form, unless `ETCDCTL_API=2` is set) and every verb of systemctl (systemd 256), and the operands they refuse to run without (`etcdctl snapshot save` without a file, `systemctl restart` without a unit).',
      '`psql -w` means `--no-password`. Written after the query (`psql -c "..." -w`) or with a number (`-w 5`) it was meant as "watch" and is reported.',
    ].join('\n\n'),
    examples: {
      bad: exampleRunbook({ body: BODY('kubectl -n shop top pods -w') }),
      good: exampleRunbook({ body: BODY('watch -n 5 kubectl -n shop top pods') }),
    },
    messages: { problem: '{message}' },
  },
  create(context) {
    return {
      async command(command: Command, block) {
        if (!isShellCommandBlock(block)) return;
        const report = (start: number, end: number, message: string, hint?: string) =>
          context.report({ messageId: 'problem', data: { message }, span: context.codeSpan(block, start, Math.max(start, end)), ...(hint ? { hint } : {}) });
        // The core stands a placeholder in as a plain word: a word over a `<name>` of the code is the value's.
        const placeholderWord = (word: Word) => block.placeholders.some((site) => site.start < word.end && word.start < site.end);
        if (command.name === 'psql') return checkPsql(command.argv, report);
        const table = Object.hasOwn(TABLES, command.name) ? TABLES[command.name] : undefined;
        if (!table) return;
        // ETCDCTL_API=2 selects etcdctl's v2 commands, which the table does not describe.
        if (command.name === 'etcdctl' && command.assigns.some((assign) => assign.name === 'ETCDCTL_API' && assign.value?.value !== '3')) return;
        try {
          const program = await loadProgram(command.name, table);
          // Under xargs the command gets more arguments from its input: nothing is missing.
          const appended = command.parent !== undefined && block.analysis.commands[command.parent].name === 'xargs';
          checkInvocation(await resolve(command.argv, program), program, report, placeholderWord, appended);
        } catch (error) {
          const word = command.argv[0];
          report(word.start, word.end, `The ${command.name} spec could not be read: ${error instanceof Error ? error.message : String(error)}`);
        }
      },
    };
  },
});
