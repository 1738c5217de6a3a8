// Placeholders (`<name>`) and environment variables (`$NAME`) must be declared, used and valid.
import type { Runbook } from '../../model/types.ts';
import { didYouMean } from '../../suggest.ts';
import { defineRule } from '../types.ts';
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
  },
  check(runbook, context) {
    const declared = Object.keys(runbook.meta?.variables ?? {});
    if (!runbook.meta) return;
    for (const block of runbook.blocks) {
      for (const ref of block.placeholders) {
        if (declared.includes(ref.name)) continue;
        context.report({
          span: ref.span,
          message: `Placeholder <${ref.name}> is not declared in runbook.variables${didYouMean(ref.name, declared)}`,
          hint: `Add variables:\n  ${ref.name}:\n    description: ...\n    example: ...`,
        });
      }
    }
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
  },
  check(runbook, context) {
    const used = usedNames(runbook);
    for (const name of Object.keys(runbook.meta?.variables ?? {})) {
      if (used.has(name)) continue;
      context.report({ span: context.frontmatterSpan(['runbook', 'variables', name], 'key'), message: `Variable "${name}" is declared but no command uses <${name}>` });
    }
  },
});

export const placeholdersExample = defineRule({
  meta: {
    id: 'placeholders/example',
    category: 'commands',
    severity: 'error',
    description: "A variable's example (and default) must match its pattern and type, and not be a TODO.",
    docs: 'The example is shown as the form field\'s placeholder text and is the value `runbook verify` uses to check queries, so it must be a real, valid value. An importer leaves `TODO` where it could not infer one; this rule makes sure someone fills it in.',
    examples: {
      bad: exampleRunbook({ runbook: 'variables:\n  pod:\n    description: Name of the pod\n    example: TODO\n    pattern: "^[a-z0-9-]+$"', body: LOGS_BODY('kubectl -n shop logs <pod>') }),
      good: exampleRunbook({ runbook: 'variables:\n  pod:\n    description: Name of the pod\n    example: api-7d9f8c-x2k4q\n    pattern: "^[a-z0-9-]+$"', body: LOGS_BODY('kubectl -n shop logs <pod>') }),
    },
  },
  check(runbook, context) {
    for (const [name, variable] of Object.entries(runbook.meta?.variables ?? {})) {
      const values: ['example' | 'default', string][] = [['example', variable.example]];
      if (variable.default !== undefined) values.push(['default', variable.default]);
      for (const [field, value] of values) {
        const span = context.frontmatterSpan(['runbook', 'variables', name, field]);
        if (/^\s*(TODO|TBD|FIXME)\b/i.test(value) || !value.trim()) {
          context.report({ span, message: `Variable "${name}" has no real ${field} ("${value}")`, hint: 'Write a realistic value, e.g. one from a recent incident.' });
          continue;
        }
        if (variable.pattern && !new RegExp(`^(?:${variable.pattern})$`, 'u').test(value)) {
          context.report({ span, message: `The ${field} "${value}" of variable "${name}" does not match its pattern ${variable.pattern}` });
        }
        const typeError =
          variable.type === 'integer' ? !/^-?\d+$/.test(value) : variable.type === 'number' ? Number.isNaN(Number(value)) : variable.type === 'boolean' ? !/^(true|false)$/.test(value) : false;
        if (typeError) context.report({ span, message: `The ${field} "${value}" of variable "${name}" is not a valid ${variable.type}` });
      }
    }
  },
});

export const envDeclared = defineRule({
  meta: {
    id: 'env/declared',
    category: 'commands',
    severity: 'error',
    description: 'Environment variables used by commands (`$NAME`) must be declared in `env`; declared ones should be used.',
    docs: 'A command that reads `$DATABASE_URL` fails, or worse, runs against the wrong place, when the operator\'s shell does not have it. Declaring it in `env` with a description tells the reader what to export and lets `runbook run` check it before anything runs. Variables the command assigns itself, and the shell\'s own (`HOME`, `PATH`, ...), are not counted.',
    examples: {
      bad: exampleRunbook({ body: LOGS_BODY('psql "$DATABASE_URL" -c "SELECT 1"') }),
      good: exampleRunbook({ runbook: 'env:\n  DATABASE_URL: Read-only connection string of the shop database', body: LOGS_BODY('psql "$DATABASE_URL" -c "SELECT 1"') }),
    },
  },
  check(runbook, context) {
    if (!runbook.meta) return;
    const declared = Object.keys(runbook.meta.env);
    const used = new Set<string>();
    for (const block of runbook.blocks) {
      for (const ref of block.env) {
        used.add(ref.name);
        if (declared.includes(ref.name)) continue;
        context.report({
          span: ref.span,
          message: `Environment variable $${ref.name} is not declared in runbook.env${didYouMean(ref.name, declared)}`,
          hint: `Add env:\n  ${ref.name}: what it is and where to get it`,
        });
      }
    }
    // SQL and PromQL blocks run through psql "$DATABASE_URL" and $PROMETHEUS_URL (unless a target says otherwise).
    for (const [language, name, runner] of [['sql', 'DATABASE_URL', 'psql "$DATABASE_URL"'], ['promql', 'PROMETHEUS_URL', '$PROMETHEUS_URL/api/v1/query']] as const) {
      const first = runbook.blocks.find((block) => block.language === language && block.kind === 'command' && !block.attributes.target);
      if (!first) continue;
      used.add(name);
      if (!declared.includes(name)) {
        context.report({
          span: first.span,
          message: `${language.toUpperCase()} blocks run with ${runner}, but ${name} is not declared in runbook.env`,
          hint: `Add env:\n  ${name}: which ${language === 'sql' ? 'database (read-only?)' : 'Prometheus'} and where to get it`,
        });
      }
    }
    for (const name of declared) {
      if (used.has(name)) continue;
      context.report({ span: context.frontmatterSpan(['runbook', 'env', name], 'key'), severity: 'warn', message: `Environment variable ${name} is declared but no command uses $${name}` });
    }
  },
});
