// Values left for the reader that are not `<placeholders>` (`i-xxx`, `YOUR_TOKEN`, `[commit-hash]`,
// `...`): they run as written, and nothing asks for them or checks them.
import type { Block } from '../../model/types.ts';
import { commandView } from '../../core/shell/patterns.ts';
import { isShellCommandBlock } from '../blocks.ts';
import { defineRule } from '../types.ts';
import { exampleRunbook } from './example.ts';

interface Found {
  start: number;
  end: number;
  /** Found by the `[name]` pattern (a YAML or JSON list in a document a command parses is not one). */
  bracket?: true;
  /** A placeholder name to suggest, when the text says one. */
  name?: string;
}

const kebab = (text: string) =>
  text
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Pseudo-placeholders, each with the placeholder name it suggests. Runs of `x` only as a whole token (not `xargs`, `-xvf`, `0x1f`). */
const PATTERNS: { quick: RegExp; pattern: RegExp; name: (match: RegExpExecArray) => string | undefined; bracket?: true }[] = [
  { quick: /xxx/i, pattern: /(?<![A-Za-z0-9_])(?:[a-z]{1,10}-)?[xX]{3,}(?:[-.:/][xX]{3,})*(?![A-Za-z0-9_])/g, name: () => undefined },
  {
    quick: /your[_-]/i,
    pattern: /(?<![\w${-])(?:YOUR|Your|your)[_-]([A-Za-z0-9]+(?:[_-][A-Za-z0-9]+)*)/g,
    name: (match) => kebab(match[1].replace(/[_-]here$/i, '')),
  },
  {
    quick: /\[[A-Za-z]/,
    pattern: /(?<![\w$\][{.\\])\[([A-Za-z][A-Za-z0-9]+(?:[-_][A-Za-z0-9]{2,})+)\](?![\w(.[])/g,
    name: (match) => kebab(match[1]),
    bracket: true,
  },
  {
    quick: /change|replace|fill|_here/i,
    pattern: /(?<![\w$-])(?:change[_-]?me|replace[_-]?me|fill[_-]?me[_-]?in|[A-Za-z]+(?:_[A-Za-z]+)*_here)(?![\w-])/gi,
    name: (match) => (/_here$/i.test(match[0]) ? kebab(match[0].replace(/_here$/i, '')) : undefined),
  },
];

/** A shell word that is only an ellipsis (`...`, `--since=...`). */
const ELLIPSIS = /^(?:-{1,2}[\w-]+=)?(?:\.{3}|…)$/;

function findIn(text: string, skip: { start: number; end: number }[]): Found[] {
  const found: Found[] = [];
  for (const { quick, pattern, name, bracket } of PATTERNS) {
    if (!quick.test(text)) continue;
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (skip.some((range) => start < range.end && end > range.start)) continue;
      const suggested = name(match as RegExpExecArray);
      found.push({ start, end, ...(suggested ? { name: suggested } : {}), ...(bracket ? { bracket } : {}) });
    }
  }
  return found;
}

/**
 * What a block leaves for the reader, with offsets into `block.code`: in the text that runs, outside comments and
 * placeholders (the core found both); ellipses only as a whole word of a command.
 */
function blockFindings(block: Block): Found[] {
  const runs = isShellCommandBlock(block) || (block.kind === 'command' && (block.language === 'sql' || block.language === 'promql'));
  if (!runs) return [];
  const skip = [...block.analysis.comments, ...block.placeholders];
  const found: Found[] = [];
  for (const line of block.analysis.lines) {
    const text = block.code.slice(line.start, line.end);
    for (const item of findIn(
      text,
      skip.map((range) => ({ start: range.start - line.start, end: range.end - line.start })),
    ))
      found.push({ ...item, start: item.start + line.start, end: item.end + line.start });
  }
  // `'value': [odf-console]` in a patch that parses is a list of one string, not a `[name]` left to fill in.
  const documents = block.analysis.payloads.filter((payload) => !payload.problem);
  const inDocument = (item: Found) => item.bracket && documents.some((payload) => payload.start <= item.start && item.end <= payload.end);
  for (let i = found.length - 1; i >= 0; i--) if (inDocument(found[i])) found.splice(i, 1);
  for (const command of block.analysis.commands) {
    for (const word of command.argv) {
      if (ELLIPSIS.test(word.value) && !skip.some((range) => word.start >= range.start && word.start < range.end))
        found.push({ start: word.start, end: word.end });
    }
  }
  return found;
}

/** ` in \`kubectl get pod\`` for the innermost command whose words (or assignments) hold the text, if any. */
function commandOf(block: Block, found: Found): string {
  const holds = block.analysis.commands.filter(
    (command) =>
      command.argv.length > 0 &&
      [...command.argv, ...command.assigns.flatMap((assign) => (assign.value ? [assign.value] : []))].some(
        (word) => word.start <= found.start && found.end <= word.end,
      ),
  );
  const command = holds[holds.length - 1];
  if (!command) return '';
  // The program and its subcommands (`kubectl patch`, `aws ec2 describe-instances`), not its values.
  const subcommands: string[] = [];
  for (const word of commandView(command).positional) {
    if (subcommands.length === 2 || !/^[a-z][a-z0-9-]*$/.test(word.value) || word.end > found.start) break;
    subcommands.push(word.value);
  }
  return ` in \`${[command.argv[0].value, ...subcommands].join(' ')}\``;
}

const BODY = (code: string) => `## Symptoms\n\nThe API answers slowly.\n\n## Investigation\n\n### Check the instance\n\n\`\`\`bash\n${code}\n\`\`\`\n`;

export const commandsPseudoPlaceholder = defineRule({
  meta: {
    id: 'commands/pseudo-placeholder',
    category: 'commands',
    severity: 'error',
    description: 'A value left for the reader (`i-xxx`, `YOUR_TOKEN`, `[commit-hash]`, `...`) must be a declared `<placeholder>`.',
    docs: 'Source documents mark what the reader must fill in with `xxx`, `YOUR_...`, `your-...`, `[name]`, `CHANGEME` or `...`. In a runbook these run as written — `aws ec2 describe-instances --instance-ids i-xxx` fails, `git revert [commit-hash]` fails, and a PagerDuty event with `"routing_key": "YOUR_ROUTING_KEY"` is silently dropped — and neither the variables form nor `runbook run --set` asks for them. Write a `<placeholder>` and declare it in `variables` with a description and an example. Runs of `x` count only as a whole token (`xargs`, `tar -xvf` and hex numbers do not), `YOUR_...` only when it is not an environment variable (`$YOUR_TOKEN` is one), `[a-b]` only with words of two letters or more (`[a-z]` is a character class). Comments are prose and are not checked. A placeholder written with spaces (`<WORKER NAME>`) is reported too: the shell reads it as two redirections, `<WORKER` (read the file WORKER) and `NAME>` (overwrite the next word as a file).',
    examples: {
      bad: exampleRunbook({ body: BODY('aws ec2 describe-instances --instance-ids i-xxx') }),
      good: exampleRunbook({
        runbook: 'variables:\n  instance-id:\n    description: Id of the EC2 instance\n    example: i-0abc123def4567890',
        body: BODY('aws ec2 describe-instances --instance-ids <instance-id>'),
      }),
    },
    messages: {
      pseudo: 'Unexpected "{text}"{where}: a value left for the reader runs as written; expected a <placeholder>',
      spaced:
        'Unexpected "{text}" in `{command}`: with spaces it is no placeholder, the shell reads `<{first}` and `{last}>` as redirections (it reads a file {first} and overwrites the file after the `>`)',
    },
  },
  create(context) {
    return {
      block(block) {
        const seen = new Set<number>();
        for (const found of blockFindings(block).sort((a, b) => a.start - b.start)) {
          if (seen.has(found.start)) continue;
          seen.add(found.start);
          context.report({
            messageId: 'pseudo',
            data: { text: block.code.slice(found.start, found.end), where: commandOf(block, found) },
            span: context.codeSpan(block, found.start, found.end),
            hint: `Write it as a placeholder${found.name ? ` such as <${found.name}>` : ''} and declare it in runbook.variables with a description and an example, so the form and \`runbook run --set\` fill it in.`,
          });
        }
        if (!isShellCommandBlock(block)) return;
        for (const spaced of block.analysis.spacedPlaceholders) {
          const text = block.code.slice(spaced.start, spaced.end);
          const words = text.slice(1, -1).trim().split(/\s+/);
          const name = kebab(words.join('-'));
          context.report({
            messageId: 'spaced',
            data: { text, command: block.analysis.commands[spaced.command].name, first: words[0], last: words[words.length - 1] },
            span: context.codeSpan(block, spaced.start, spaced.end),
            hint: `Write it as a placeholder without spaces, <${name}>, and declare it in runbook.variables with a description and an example.`,
          });
        }
      },
    };
  },
});
