// Placeholders (`<name>`) and environment variables (`$NAME`) must be declared, used and valid.
import { valueProblem } from '../../core/variables.ts';
import type { Block, Runbook } from '../../model/types.ts';
import { didYouMean, editDistance } from '../../suggest.ts';
import { defineRule, type RuleContext } from '../types.ts';
import { isShellCommandBlock } from '../blocks.ts';
import { exampleRunbook } from './example.ts';

const usedNames = (runbook: Runbook) => new Set(runbook.blocks.flatMap((block) => block.placeholders.map((ref) => ref.name)));

const LOGS_BODY = (command: string) => `## Symptoms\n\nThe pod restarts.\n\n## Investigation\n\n### Read the logs\n\n\`\`\`bash\n${command}\n\`\`\`\n`;
const POD_VARIABLE = 'variables:\n  pod:\n    description: Name of the pod\n    example: api-7d9f8c-x2k4q';

export const placeholdersDeclared = defineRule({
  meta: {
    id: 'placeholders/declared',
    category: 'commands',
    severity: 'error',
    description: 'Every `<placeholder>` in a command must be declared in `variables`.',
    docs: 'A placeholder is filled in by the reader (the variables form on the page) or by `runbook run --set`. Without a declaration there is no description, no example and no validation, and a typo such as `<pod-nmae>` goes unnoticed.',
    examples: {
      bad: exampleRunbook({ body: LOGS_BODY('kubectl -n shop logs <pod> --previous') }),
      good: exampleRunbook({ runbook: POD_VARIABLE, body: LOGS_BODY('kubectl -n shop logs <pod> --previous') }),
    },
    messages: { undeclared: 'Placeholder <{name}> is not declared in runbook.variables{suggestion}' },
  },
  create(context) {
    return {
      placeholder(site, _block, runbook) {
        if (!runbook.meta) return;
        const declared = Object.keys(runbook.meta.variables);
        if (declared.includes(site.name)) return;
        context.report({
          messageId: 'undeclared',
          data: { name: site.name, suggestion: didYouMean(site.name, declared) },
          span: site.span,
          hint: `Add variables:\n  ${site.name}:\n    description: ...\n    example: ...`,
        });
      },
    };
  },
});

export const placeholdersUsed = defineRule({
  meta: {
    id: 'placeholders/used',
    category: 'commands',
    severity: 'warn',
    description: 'Every declared variable should be used by a command.',
    docs: 'A declared variable that no command uses still shows up in the variables form and asks the reader for a value that changes nothing. Usually a command was edited and the placeholder renamed.',
    examples: {
      bad: exampleRunbook({ runbook: POD_VARIABLE }),
      good: exampleRunbook({ runbook: POD_VARIABLE, body: LOGS_BODY('kubectl -n shop logs <pod> --previous') }),
    },
    messages: { unused: 'Variable "{name}" is declared but no command uses <{name}>' },
  },
  create(context) {
    return {
      runbook(runbook) {
        const used = usedNames(runbook);
        for (const name of Object.keys(runbook.meta?.variables ?? {})) {
          if (!used.has(name)) context.report({ messageId: 'unused', data: { name }, span: context.frontmatterSpan(['runbook', 'variables', name], 'key') });
        }
      },
    };
  },
});

export const placeholdersExample = defineRule({
  meta: {
    id: 'placeholders/example',
    category: 'commands',
    severity: 'error',
    description: "A variable's example (and default) must match its pattern and type, and not be a TODO.",
    docs: "The example is shown as the form field's placeholder text and is the value `runbook verify` uses to check queries, so it must be a real, valid value. An importer leaves `TODO` where it could not infer one and lists `variables` in `runbook.todo` (then `import/todo` warns once for the runbook); anywhere else a TODO example is an error, so someone fills it in.",
    examples: {
      bad: exampleRunbook({
        runbook: 'variables:\n  pod:\n    description: Name of the pod\n    example: TODO\n    pattern: "^[a-z0-9-]+$"',
        body: LOGS_BODY('kubectl -n shop logs <pod>'),
      }),
      good: exampleRunbook({
        runbook: 'variables:\n  pod:\n    description: Name of the pod\n    example: api-7d9f8c-x2k4q\n    pattern: "^[a-z0-9-]+$"',
        body: LOGS_BODY('kubectl -n shop logs <pod>'),
      }),
    },
    messages: {
      placeholderValue: 'Variable "{name}" has no real {field} ("{value}")',
      invalid: 'The {field} "{value}" of variable "{name}" {problem}',
    },
  },
  create(context) {
    return {
      runbook(runbook) {
        for (const [name, variable] of Object.entries(runbook.meta?.variables ?? {})) {
          const values: ['example' | 'default', string][] = [['example', variable.example]];
          if (variable.default !== undefined) values.push(['default', variable.default]);
          for (const [field, value] of values) {
            const span = context.frontmatterSpan(['runbook', 'variables', name, field]);
            if (/^\s*(TODO|TBD|FIXME)\b/i.test(value) || !value.trim()) {
              // The importer's stand-in, listed in runbook.todo: import/todo says it once for the runbook.
              if (field === 'example' && runbook.meta?.todo.includes('variables') && /^TODO$/.test(value)) continue;
              context.report({
                messageId: 'placeholderValue',
                data: { name, field, value },
                span,
                hint: 'Write a realistic value, e.g. one from a recent incident.',
              });
              continue;
            }
            // The same check as the runner's and the page's (src/lib/core/variables.ts).
            const problem = valueProblem(variable, value);
            if (problem) context.report({ messageId: 'invalid', data: { name, field, value, problem }, span });
          }
        }
      },
    };
  },
});

export const envDeclared = defineRule({
  meta: {
    id: 'env/declared',
    category: 'commands',
    severity: 'error',
    description:
      'Environment variables used by commands (`$NAME`) must be declared in `env`, other variables (`$pod`) set before use; declared ones should be used.',
    docs: [
      "A command that reads `$DATABASE_URL` fails, or worse, runs against the wrong place, when the operator's shell does not have it. Declaring it in `env` with a description tells the reader what to export and lets `runbook run` check it before anything runs. Variables the block assigns itself (`X=1`, `export X=`, `read X`, `for X in`, `let X=1`, `printf -v X`, `${X:=y}`), the shell's own (`HOME`, `PATH`, `RANDOM`, `$1`, `$?`, ...), expansions with a default (`${NAMESPACE:-default}`) and what a remote shell expands (`ssh host 'echo $HOSTNAME'`, `kubectl exec POD -- sh -c 'echo $POD_IP'`) are not counted.",
      'A variable in another case (`$pod`, `${namespace}`) that nothing sets is a value the author forgot: with `set -u` (`runbook run`) the block stops with "unbound variable", pasted into a terminal the command runs with an empty word (`kubectl delete pod $pod` deletes what?). Set it before the line that reads it, or make it a `<placeholder>` declared in `variables`. The reader runs the blocks in order in one terminal, so a variable an earlier block sets or exports (`export NAMESPACE=...` in the first step) is set for the later blocks; one that only a later block sets is not set yet (an error naming that block). A block that reads variables from elsewhere (`source FILE`, `eval "$(...)"`) is not checked for these.',
    ].join('\n\n'),
    examples: {
      bad: exampleRunbook({ body: LOGS_BODY('psql "$DATABASE_URL" -c "SELECT 1"') }),
      good: exampleRunbook({
        runbook: 'env:\n  DATABASE_URL: Read-only connection string of the shop database',
        body: LOGS_BODY('psql "$DATABASE_URL" -c "SELECT 1"'),
      }),
    },
    messages: {
      undeclared: 'Environment variable ${name} is not declared in runbook.env{suggestion}',
      runner: '{language} blocks run with {runner}, but {name} is not declared in runbook.env',
      unused: 'Environment variable {name} is declared but no command uses ${name}',
      unset: 'Variable ${name} is never set: no command of the runbook assigns it{suggestion}',
      setLater: 'Variable ${name} is set by the block at line {line}, after this one: it is not set yet when this command runs',
    },
  },
  create(context) {
    return { runbook: (runbook) => checkEnv(runbook, context) };
  },
});

/** A name set somewhere in the runbook, or a declared placeholder, that `name` is a typo of: `; did you mean $pod?`. */
function typoOf(name: string, runbook: Runbook): string {
  const near = (candidate: string) =>
    candidate !== name && candidate.length > 2 && editDistance(name.toLowerCase(), candidate.toLowerCase()) <= (name.length <= 4 ? 1 : 2);
  const set = runbook.blocks.flatMap((block) => block.analysis.sets).find(near);
  if (set) return `; did you mean $${set}?`;
  const placeholder = Object.keys(runbook.meta?.variables ?? {}).find((variable) => near(variable) || near(variable.replace(/-/g, '_')));
  return placeholder ? `; did you mean the placeholder <${placeholder}>?` : '';
}

function checkEnv(runbook: Runbook, context: RuleContext): void {
  if (!runbook.meta) return;
  const declared = Object.keys(runbook.meta.env);
  const used = new Set<string>();
  // The reader runs the blocks in order in one terminal: a variable an earlier block sets or exports
  // is set for the later ones. One that only a later block sets is not set yet.
  const order = new Map(runbook.blocks.map((block, index) => [block, index] as const));
  const setBefore = (name: string, block: Block) => runbook.blocks.some((other) => order.get(other)! < order.get(block)! && other.analysis.sets.includes(name));
  const setAfter = (name: string, block: Block) => runbook.blocks.find((other) => order.get(other)! > order.get(block)! && other.analysis.sets.includes(name));
  for (const block of runbook.blocks) {
    for (const ref of block.analysis.env) {
      used.add(ref.name);
      if (declared.includes(ref.name) || ref.guarded || setBefore(ref.name, block)) continue;
      const later = setAfter(ref.name, block);
      if (later) {
        context.report({
          messageId: 'setLater',
          data: { name: ref.name, line: later.span.start.line },
          span: context.codeSpan(block, ref.start, ref.end),
          hint: `Move the block that sets ${ref.name} before this one, or set it here; if the operator's shell has it, add env:\n  ${ref.name}: what it is and where to get it`,
        });
        continue;
      }
      context.report({
        messageId: 'undeclared',
        data: { name: ref.name, suggestion: didYouMean(ref.name, declared) },
        span: context.codeSpan(block, ref.start, ref.end),
        hint: `Add env:\n  ${ref.name}: what it is and where to get it`,
      });
    }
    if (block.analysis.importsVariables) continue;
    for (const ref of block.analysis.unset) {
      if (setBefore(ref.name, block)) continue;
      const span = context.codeSpan(block, ref.start, ref.end);
      const later = setAfter(ref.name, block);
      if (later) {
        context.report({
          messageId: 'setLater',
          data: { name: ref.name, line: later.span.start.line },
          span,
          hint: `Move the block that sets ${ref.name} before this one, or set it here; a value the reader gives is a <placeholder>.`,
        });
        continue;
      }
      context.report({
        messageId: 'unset',
        data: { name: ref.name, suggestion: typoOf(ref.name, runbook) },
        span,
        hint: `If the reader gives it, write a placeholder <${ref.name.replace(/_/g, '-')}> and declare it in runbook.variables; otherwise set it (${ref.name}=...) before this line.`,
      });
    }
  }
  // SQL and PromQL blocks run through psql "$DATABASE_URL" and $PROMETHEUS_URL (unless a target says otherwise).
  for (const [language, name, runner] of [
    ['sql', 'DATABASE_URL', 'psql "$DATABASE_URL"'],
    ['promql', 'PROMETHEUS_URL', '$PROMETHEUS_URL/api/v1/query'],
  ] as const) {
    const first = runbook.blocks.find((block) => block.language === language && block.kind === 'command' && !block.attributes.target);
    if (!first) continue;
    used.add(name);
    if (!declared.includes(name)) {
      context.report({
        messageId: 'runner',
        data: { language: language.toUpperCase(), runner, name },
        span: first.span,
        hint: `Add env:\n  ${name}: which ${language === 'sql' ? 'database (read-only?)' : 'Prometheus'} and where to get it`,
      });
    }
  }
  for (const name of declared) {
    if (used.has(name)) continue;
    context.report({ messageId: 'unused', data: { name }, span: context.frontmatterSpan(['runbook', 'env', name], 'key'), severity: 'warn' });
  }
}

const REPARSE_BODY = (code: string) => `## Symptoms\n\nThe pod restarts.\n\n## Investigation\n\n### Read the logs\n\n\`\`\`bash\n${code}\n\`\`\`\n`;

export const placeholdersContext = defineRule({
  meta: {
    id: 'placeholders/context',
    category: 'safety',
    severity: 'error',
    description: 'A placeholder must sit where a value can be quoted safely: not in text another program parses again.',
    docs: [
      'Every placeholder is filled in by the page and by `runbook run`, quoted for the syntax around it — a shell word or string, a SQL literal or identifier inside `psql -c "..."`, a PromQL label value, a URL query, a JSON string — so a value can change only the word it fills.',
      "Where the text is parsed again by another program, shell quoting means nothing there: arithmetic (`(( ))`, `$(( ))`, `let`, `declare -i`, array subscripts and `[[ ]]` numeric tests evaluate `a[$(...)]`), strings run by `sh -c`, `bash -c`, `su -c`, `ssh host ...`, `watch` and `eval`, awk programs, sed scripts (their `e` flag runs commands), jq filters, `python -c` code, and text piped or heredoc'd into `psql`, `sh` or another interpreter. The runner refuses such a block before running anything and the page turns its copy button off; this rule says how to write the command instead: pass the value as a positional argument (`sh -c 'kubectl logs \"$1\"' _ <pod>`), an environment variable, a psql variable (`psql -v pod=<pod>` and `:'pod'` in the SQL) or an awk variable (`awk -v pod=<pod>`).",
      'In arithmetic an integer is safe: declare the variable `type: integer` and only digits are accepted.',
    ].join('\n\n'),
    examples: {
      bad: exampleRunbook({ runbook: POD_VARIABLE, body: REPARSE_BODY('kubectl -n shop exec deploy/api -- sh -c "grep <pod> /var/log/app.log"') }),
      good: exampleRunbook({ runbook: POD_VARIABLE, body: REPARSE_BODY('kubectl -n shop exec deploy/api -- sh -c \'grep -- "$1" /var/log/app.log\' _ <pod>') }),
    },
    messages: {
      refused: 'Placeholder <{name}> cannot be filled in safely here: {reason}',
      integer: 'Placeholder <{name}> sits in {where}: only an integer is safe there, but the variable is {type}',
    },
  },
  create(context) {
    return {
      placeholder(site, block, runbook) {
        const { refused, layers } = site.context;
        // A block that does not parse is reported once, where the error is, by shell/syntax (the runner refuses
        // it whole); each of its placeholders would repeat that, and most such blocks are output or templates.
        if (refused && block.analysis?.syntaxError && isShellCommandBlock(block)) return;
        if (refused) {
          context.report({ messageId: 'refused', data: { name: site.name, reason: refused.reason }, span: site.span, hint: refused.fix });
          return;
        }
        const token = layers.find((layer) => layer.kind === 'token' && layer.accepts === 'integer');
        const type = runbook.meta?.variables[site.name]?.type ?? 'string';
        if (token?.kind === 'token' && type !== 'integer') {
          context.report({
            messageId: 'integer',
            data: { name: site.name, where: token.where, type: type === 'string' ? 'a string' : `a ${type}` },
            span: site.span,
            hint: `Declare it an integer (variables: ${site.name}: type: integer), or pass the value as an environment variable and compare "$NAME" outside arithmetic.`,
          });
        }
      },
    };
  },
});
