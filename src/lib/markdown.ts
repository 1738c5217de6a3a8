// Short Markdown texts (schema descriptions, rule docs, content authors' descriptions) as HTML for
// generated pages.
import { defineMdastPlugin, markdownToHtml } from 'satteri';
import { refusedUrlScheme } from './text/url-scheme.ts';

export function markdownHtml(text: string): string {
  return markdownToHtml(text).html;
}

/** One line of Markdown (backticks, emphasis, links) as inline HTML, without the paragraph. */
export function inlineMarkdownHtml(text: string): string {
  return unwrapParagraph(markdownHtml(text));
}

const unwrapParagraph = (html: string) => html.trim().replace(/^<p>([\s\S]*)<\/p>$/, '$1');

/**
 * Text from content (a variable's description) is not trusted as HTML: raw HTML is shown as the text
 * it is, and a link or image whose URL is `javascript:`, `vbscript:` or `data:` keeps only its text.
 */
const authoredText = defineMdastPlugin({
  name: 'runbooks-authored-text',
  html: (node) => ({ type: 'text', value: node.value }),
  link: (node, context) => (refusedUrlScheme(node.url) ? { type: 'text', value: context.textContent(node) } : undefined),
  image: (node) => (refusedUrlScheme(node.url) ? { type: 'text', value: node.alt ?? '' } : undefined),
  definition: (node, context) => {
    if (refusedUrlScheme(node.url)) context.removeNode(node);
  },
});

/** Like inlineMarkdownHtml, for text written by content authors: the sanitised subset above. */
export function authoredInlineMarkdownHtml(text: string): string {
  return unwrapParagraph(markdownToHtml(text, { mdastPlugins: [authoredText] }).html);
}
