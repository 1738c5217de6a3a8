// Inline JSON and YAML documents a command parses (`kubectl patch -p '{...}'`, `curl -d '{...}'` with a JSON
// content type, a manifest piped to `kubectl apply -f -`) that do not parse, or are not what the option wants.
// The core reads them from the commands' words and heredocs and checks them (src/lib/core/formats.ts).
import { showWords } from '../../core/shell/patterns.ts';
import { isShellCommandBlock } from '../blocks.ts';
import { defineRule } from '../types.ts';
import { exampleRunbook } from './example.ts';

const BODY = (code: string) => `## Symptoms\n\nThe API has too few replicas.\n\n## Mitigation\n\n### Scale it up\n\n\`\`\`bash risk=change\n${code}\n\`\`\`\n`;

/** How to fix each kind of document. */
const HINTS: Record<string, string> = {
  json: "Write it as JSON: keys and strings in double quotes, no trailing commas, every bracket closed; the shell quotes around it in single quotes. Check it with `jq . <<< '...'`.",
  yaml: "Fix the YAML (JSON is YAML too): check the quotes, brackets and indentation with `yq . <<< '...'`.",
  'merge-patch':
    'A patch without `--type` is a merge patch: a mapping of the fields to change (`{"spec": {"replicas": 3}}`); a list of operations needs `--type json`.',
  'json-patch':
    'A `--type json` patch is a list of operations, each with "op", "path" (starting with "/") and "value" (or "from" for move and copy): `[{"op": "replace", "path": "/spec/replicas", "value": 3}]`.',
};

export const commandsPayload = defineRule({
  meta: {
    id: 'commands/payload',
    category: 'commands',
    severity: 'error',
    description:
      'An inline JSON or YAML document a command parses (`kubectl patch -p`, `curl -d` with JSON, `helm --set-json`, `jq --argjson`, a manifest piped to `kubectl apply -f -`) must parse and have the shape the option wants.',
    docs: [
      'A patch or request body written inline fails only when it runs, in the middle of the procedure: `error: unable to parse "{spec: {replicas: 3}": yaml: line 1: did not find expected node content`, or a 400 from the API. Quoting makes it easy to get wrong: single quotes inside the JSON, a missing brace, a trailing comma.',
      'The rule checks the documents the commands parse: `kubectl patch -p` (YAML or JSON; a merge patch must be a mapping, a `--type json` patch a list of operations with `op` and `path`), `kubectl run/debug --overrides`, a manifest on stdin of `kubectl apply/create/replace -f -` (a heredoc, or `cat <<EOF |`), `curl -d`/`--data`/`--json` with a JSON content type or a body that starts with `{` or `[`, `jq --argjson`, `helm --set-json` and `aws --cli-input-json`. Parts only known when the command runs (`$VAR`, `$(...)`) and placeholders are taken as values.',
    ].join('\n\n'),
    examples: {
      bad: exampleRunbook({ body: BODY(`kubectl patch deployment api -n shop -p '{"spec": {"replicas": 3}'`) }),
      good: exampleRunbook({ body: BODY(`kubectl patch deployment api -n shop -p '{"spec": {"replicas": 3}}'`) }),
    },
    messages: {
      invalid: 'The {format} {via} of `{command}` {problem}: {message}',
    },
  },
  create(context) {
    return {
      block(block) {
        if (!isShellCommandBlock(block)) return;
        const { commands, payloads } = block.analysis;
        for (const payload of payloads) {
          if (!payload.problem) continue;
          const command = commands[payload.command];
          const shaped = payload.problem.kind === 'shape' && payload.shape !== undefined;
          context.report({
            messageId: 'invalid',
            data: {
              format: payload.shape === 'json-patch' ? 'JSON patch' : payload.shape === 'merge-patch' ? 'patch' : payload.format === 'json' ? 'JSON' : 'YAML',
              via: payload.via === 'stdin' ? 'on the input' : `given to \`${payload.via}\``,
              command: showWords(
                block.code,
                command.argv.filter((word) => word.end <= payload.start || word.start >= payload.end),
                80,
              ),
              problem: shaped ? 'is not what the option wants' : 'does not parse',
              message: payload.problem.message,
            },
            span: context.codeSpan(block, payload.problem.start, payload.problem.end),
            hint: HINTS[shaped ? payload.shape! : payload.format],
          });
        }
      },
    };
  },
});
