// Short Markdown texts (schema descriptions, rule docs) as HTML for generated pages.
import { markdownToHtml } from 'satteri';

export function markdownHtml(text: string): string {
  return markdownToHtml(text).html;
}

/** One line of Markdown (backticks, emphasis, links) as inline HTML, without the paragraph. */
export function inlineMarkdownHtml(text: string): string {
  return markdownHtml(text)
    .trim()
    .replace(/^<p>([\s\S]*)<\/p>$/, '$1');
}
