// Every lint rule, in the order of the docs index.
import type { Rule } from '../types.ts';
import { reviewStale, schemaSections } from './content.ts';
import { fencesLanguage, fencesPrompt } from './fences.ts';
import { linksResolve } from './links.ts';
import { mdxSafety } from './mdx-safety.ts';
import { envDeclared, placeholdersDeclared, placeholdersExample, placeholdersUsed } from './placeholders.ts';
import { fencesAttributes, idsUnique, mdxSyntax, schemaDuplicate, schemaFrontmatter, schemaReference, schemaService, schemaYaml } from './schema.ts';

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
  placeholdersDeclared,
  placeholdersUsed,
  placeholdersExample,
  envDeclared,
  linksResolve,
];
