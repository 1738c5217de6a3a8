// URLs that run code or carry a whole document: `javascript:`, `vbscript:` and `data:`. A runbook
// links to pages and shows images by address; none of these is ever needed, and each can run script
// in a reader's browser (a `data:text/html` page, an SVG with a script) when clicked or loaded.

const REFUSED_SCHEMES = new Set(['javascript', 'vbscript', 'data']);

/**
 * Character references as a browser decodes them in an attribute: numeric ones with or without the
 * closing `;`, and the named ones that can spell a scheme. The parsers have already decoded a URL
 * once; decoding again only refuses more (`&amp;#106;avascript:` is shown as text, never run).
 */
const NAMED: Record<string, string> = { colon: ':', tab: '\t', newline: '\n', nbsp: '\u00A0', amp: '&', sol: '/' };

function decodeReferences(text: string): string {
  return text.replace(/&(?:#x([0-9a-f]+)|#(\d+)|([a-z]+));?/gi, (whole, hex: string | undefined, decimal: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED[name.toLowerCase()] ?? whole;
    const code = hex !== undefined ? Number.parseInt(hex, 16) : Number(decimal);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

/**
 * The refused scheme of `url` (`javascript`, `vbscript`, `data`), however it is disguised, or
 * undefined. A browser strips leading and trailing controls and spaces, removes tabs and newlines
 * anywhere and compares schemes without case (` JAVA\tScript:`); this drops every control, space and
 * invisible character instead, which refuses more than a browser would run, never less.
 */
export function refusedUrlScheme(url: string): string | undefined {
  let text = url;
  for (let round = 0; round < 3; round++) {
    const decoded = decodeReferences(text);
    if (decoded === text) break;
    text = decoded;
  }
  const compact = text.replace(/[\u0000-\u0020\u007F-\u00A0\u00AD\u1680\u180E\u2000-\u200F\u2028-\u202F\u205F-\u206F\u3000\uFEFF]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact)?.[1].toLowerCase();
  return scheme !== undefined && REFUSED_SCHEMES.has(scheme) ? scheme : undefined;
}
