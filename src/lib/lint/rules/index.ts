// Every lint rule, in the order of the docs index.
import type { Rule } from '../types.ts';
import { stepsAlternatives } from './alternatives.ts';
import { reviewStale, schemaSections } from './content.ts';
import { cliFlags } from './cli-flags.ts';
import { fencesCommentOnly } from './comment-only.ts';
import { fencesLanguage, fencesPrompt } from './fences.ts';
import { importTodo } from './import-todo.ts';
import { linksResolve } from './links.ts';
import { textMojibake } from './mojibake.ts';
import { commandsInteractive, commandsLongRunning } from './never-ends.ts';
import { safetyOpenIngress } from './open-ingress.ts';
import { commandsPayload } from './payload.ts';
import { commandsPipeClosedEarly } from './pipe-closed-early.ts';
import { commandsPseudoPlaceholder } from './pseudo-placeholder.ts';
import { riskDeclared } from './risk.ts';
import { secretsNoSecrets } from './secrets.ts';
import { textUnicode } from './unicode.ts';
import { textControlCharacters } from './control-characters.ts';
import { mdxSafety } from './mdx-safety.ts';
import { promqlSyntax } from './promql-syntax.ts';
import { promqlCounters } from './promql-counters.ts';
import { promqlHistogram } from './promql-histogram.ts';
import { promqlImpossible } from './promql-impossible.ts';
import { promqlRange } from './promql-range.ts';
import { promqlPrecedence } from './promql-precedence.ts';
import { envDeclared, placeholdersContext, placeholdersDeclared, placeholdersExample, placeholdersUsed } from './placeholders.ts';
import { fencesAttributes, idsUnique, mdxSyntax, schemaDuplicate, schemaFrontmatter, schemaReference, schemaService, schemaYaml } from './schema.ts';
import { shellSyntax } from './shell-syntax.ts';
import { shellContinuation } from './continuation.ts';
import { sqlSyntax } from './sql-syntax.ts';
import { fencesWrongLanguage } from './wrong-language.ts';

export const RULES: Rule[] = [
  schemaFrontmatter,
  schemaYaml,
  schemaDuplicate,
  schemaReference,
  schemaService,
  schemaSections,
  stepsAlternatives,
  reviewStale,
  importTodo,
  mdxSyntax,
  mdxSafety,
  idsUnique,
  fencesAttributes,
  fencesLanguage,
  fencesPrompt,
  fencesCommentOnly,
  fencesWrongLanguage,
  shellSyntax,
  shellContinuation,
  sqlSyntax,
  promqlSyntax,
  promqlCounters,
  promqlHistogram,
  promqlRange,
  promqlImpossible,
  promqlPrecedence,
  cliFlags,
  riskDeclared,
  safetyOpenIngress,
  commandsLongRunning,
  commandsInteractive,
  commandsPipeClosedEarly,
  commandsPayload,
  commandsPseudoPlaceholder,
  secretsNoSecrets,
  textUnicode,
  textControlCharacters,
  textMojibake,
  placeholdersDeclared,
  placeholdersContext,
  placeholdersUsed,
  placeholdersExample,
  envDeclared,
  linksResolve,
];
