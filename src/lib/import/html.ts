// Raw HTML in a Markdown source, made into MDX that compiles and runs nothing: comments become MDX
// comments, simple markup becomes Markdown (<b>, <code>, <a href>, <img>, <details>/<summary>, <br>),
// wrappers (<p>, <div>, <span>) are dropped around their text, and everything else — <script>,
// <style>, <iframe>, tables, forms, event handlers — is escaped into visible text.
import { asideOfMarker } from './templates.ts';

export interface HtmlState {
  /** `href`s of the `<a>` elements opened and not yet closed (a link spans several inline HTML nodes). */
  links: (string | undefined)[];
  /** Inside `<code>`…`</code>`: the text between is code, not escaped. */
  code: boolean;
  /** What was converted or escaped, for the report. */
  notes: string[];
  /** A new URL for an image, or null when its file is missing (see mdx-text.ts). */
  rewriteImage?: (url: string) => string | null | undefined;
}

export const newHtmlState = (): HtmlState => ({ links: [], code: false, notes: [] });

/** Elements dropped around their content. */
const WRAPPERS = new Set([
  'p',
  'div',
  'span',
  'center',
  'font',
  'section',
  'article',
  'small',
  'big',
  'u',
  'ins',
  'mark',
  'sup',
  'sub',
  'details',
  'figure',
  'figcaption',
  'header',
  'footer',
  'nav',
  'main',
  'abbr',
  'cite',
  'dfn',
  'time',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'wbr',
  'nobr',
  'blockquote',
  'q',
  'var',
  'picture',
  'source',
  'label',
]);
/** Elements that become Markdown emphasis or code. */
const MARKS: Record<string, string> = {
  b: '**',
  strong: '**',
  summary: '**',
  i: '_',
  em: '_',
  code: '`',
  kbd: '`',
  tt: '`',
  samp: '`',
  s: '~~',
  del: '~~',
  strike: '~~',
};
/** Every other HTML element: escaped as text when met (a bare `<name>` that is none of these is a placeholder). */
const OTHER_ELEMENTS = new Set([
  'a',
  'img',
  'br',
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'form',
  'input',
  'button',
  'select',
  'option',
  'textarea',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'caption',
  'colgroup',
  'col',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'pre',
  'video',
  'audio',
  'track',
  'canvas',
  'svg',
  'math',
  'link',
  'meta',
  'base',
  'head',
  'body',
  'html',
  'title',
  'noscript',
  'template',
  'slot',
  'frame',
  'frameset',
  'applet',
  'param',
  'map',
  'area',
  'dialog',
  'menu',
  'output',
  'progress',
  'meter',
]);

export const isHtmlElement = (name: string) => WRAPPERS.has(name) || name in MARKS || OTHER_ELEMENTS.has(name);

/** `javascript:`, `vbscript:` and `data:` URLs run code or smuggle content: never carried over. */
export const isUnsafeUrl = (url: string) => /^\s*(?:javascript|vbscript|data):/i.test(url.replace(/[\u0000-\u001f\s]+/g, ''));

/** Escapes text for MDX (`<`, `{`, `}`); see mdx-text.ts. */
type Escape = (text: string) => string;

function attribute(attributes: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(attributes);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

const markdownUrl = (url: string) => (/[\s()<>]/.test(url) ? `<${url.replace(/[<>]/g, encodeURIComponent)}>` : url);

const TOKEN = /<!--[\s\S]*?(?:-->|$)|<\/?([A-Za-z][A-Za-z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;

/** MDX for one raw HTML node of the source. */
export function convertHtml(raw: string, state: HtmlState, escape: Escape, block: boolean): string {
  let out = '';
  let last = 0;
  const text = (chunk: string) => (state.code ? chunk.replace(/`/g, "'") : escape(chunk));
  for (const match of raw.matchAll(TOKEN)) {
    out += text(raw.slice(last, match.index));
    last = match.index + match[0].length;
    out += convertToken(match[0], (match[1] ?? '').toLowerCase(), match[2] ?? '', state, escape);
  }
  out += text(raw.slice(last));
  // A converted block must not start a line with indentation MDX would misread, nor leave blank wrappers.
  return block
    ? out
        .split('\n')
        .map((line) => line.trimStart())
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim()
    : out;
}

function convertToken(token: string, name: string, attributes: string, state: HtmlState, escape: Escape): string {
  if (token.startsWith('<!--')) {
    const aside = asideOfMarker(token);
    if (aside) return aside;
    // An MDX comment keeps the text in the file, invisible on the page, as the HTML comment was.
    const body = token.replace(/^<!--/, '').replace(/-->$/, '').replace(/\*\//g, '*\\/');
    return `{/*${body}*/}`;
  }
  const closing = token.startsWith('</');
  if (name === 'br') return '<br />';
  if (WRAPPERS.has(name)) return '';
  if (name in MARKS) {
    if (MARKS[name] === '`') state.code = !closing;
    return name === 'summary' && closing ? '**\n' : MARKS[name];
  }
  if (name === 'a') {
    if (closing) {
      const href = state.links.pop();
      return href ? `](${markdownUrl(href)})` : '';
    }
    const href = attribute(attributes, 'href');
    if (href && isUnsafeUrl(href)) state.notes.push(`a link to a ${href.trim().split(':')[0].toLowerCase()}: URL was left out (its text is kept)`);
    const safe = href && !isUnsafeUrl(href) ? href : undefined;
    state.links.push(safe);
    return safe ? '[' : '';
  }
  if (name === 'img') {
    const src = attribute(attributes, 'src');
    const alt = (attribute(attributes, 'alt') ?? '').replace(/[[\]]/g, '');
    if (!src || isUnsafeUrl(src)) {
      state.notes.push(`an <img> ${src ? `with a ${src.trim().split(':')[0].toLowerCase()}: URL` : 'without src'} was left out`);
      return alt ? escape(`(image: ${alt})`) : '';
    }
    const url = state.rewriteImage?.(src);
    if (url === null) return escape(`(image not found: ${alt || src})`);
    return `![${escape(alt)}](${markdownUrl(url ?? src)})`;
  }
  if (!OTHER_ELEMENTS.has(name) && !attributes.trim() && !closing) {
    // `<pod-name>` in prose is a value to fill in, written as a tag: code keeps it readable.
    return `\`${token}\``;
  }
  state.notes.push(`raw HTML <${closing ? '/' : ''}${name}> kept as visible text`);
  return escape(token);
}
