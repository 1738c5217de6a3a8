// What the lint rule docs pages show, from each rule's `meta` (the pages are generated, never written).
import { inlineMarkdownHtml, markdownHtml } from './markdown.ts';
import { ruleDocsPath } from './lint/engine.ts';
import { RULES } from './lint/rules/index.ts';
import { RULE_CATEGORIES, type Rule } from './lint/types.ts';

export interface RuleDoc {
  id: string;
  slug: string;
  url: string;
  category: string;
  severity: string;
  fixable: boolean;
  description: string;
  descriptionHtml: string;
  /** The docs text rendered from Markdown. */
  html: string;
  examples: Rule['meta']['examples'];
}

export function ruleDocs(): RuleDoc[] {
  return RULES.map(({ meta }) => ({
    id: meta.id,
    slug: ruleDocsPath(meta.id).split('/').filter(Boolean).pop()!,
    url: ruleDocsPath(meta.id),
    category: meta.category,
    severity: meta.severity,
    fixable: Boolean(meta.fixable),
    description: meta.description,
    descriptionHtml: inlineMarkdownHtml(meta.description),
    html: markdownHtml(meta.docs),
    examples: meta.examples,
  })).sort((a, b) => RULE_CATEGORIES.indexOf(a.category as never) - RULE_CATEGORIES.indexOf(b.category as never) || a.id.localeCompare(b.id));
}
