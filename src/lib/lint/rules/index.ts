// Every lint rule, in the order of the docs index.
import type { Rule } from '../types.ts';
import { reviewStale, schemaSections } from './content.ts';
import { cliFlags } from './cli-flags.ts';
import { fencesLanguage, fencesPrompt } from './fences.ts';
import { linksResolve } from './links.ts';
import { mdxSafety } from './mdx-safety.ts';
import { promqlSyntax } from './promql-syntax.ts';
import { envDeclared, placeholdersDeclared, placeholdersExample, placeholdersUsed } from './placeholders.ts';
import { fencesAttributes, idsUnique, mdxSyntax, schemaDuplicate, schemaFrontmatter, schemaReference, schemaService, schemaYaml } from './schema.ts';
import { shellSyntax } from './shell-syntax.ts';
import { sqlSyntax } from './sql-syntax.ts';

export const RULES: Rule[] = [
  schemaFrontmatter,
  schemaYaml,
  schemaDuplicate,
  schemaReference,
  schemaService,
  schemaSections,
  reviewStale,
  mdxSyntax,
  mdxSafety,
  idsUnique,
  fencesAttributes,
  fencesLanguage,
  fencesPrompt,
  shellSyntax,
  sqlSyntax,
  promqlSyntax,
  cliFlags,
  placeholdersDeclared,
  placeholdersUsed,
  placeholdersExample,
  envDeclared,
  linksResolve,
];
