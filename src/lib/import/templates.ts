// Template syntax of static-site generators in the prose of a source (never inside code): Hugo
// shortcodes, Go/Jinja/Liquid `{{ }}` and `{% %}`, ERB `<%= %>`, Docusaurus `:::note` blocks.
// Converted where it has a meaning here (a ref link becomes the link, a hint an <Aside>, a heading
// that is only a template expression gives way to the frontmatter title); otherwise kept as literal
// text (MDX escaping makes it safe) and reported.
import { markdownToMdast } from 'satteri';
import type { Nodes, Root } from 'mdast';

export interface TemplateNote {
  line: number;
  message: string;
}

export interface TemplatePass {
  text: string;
  notes: TemplateNote[];
}

// Aside markers, turned into `<Aside>` by the MDX renderer (mdx-text.ts). An HTML comment starts a block
// of its own even right after a paragraph line, so a marker replaces its line and no line number moves.
const ASIDE_OPEN = /^<!--⟦aside:(note|tip|caution|danger)(?::([^⟧]*))?⟧-->$/;
const ASIDE_CLOSE = '<!--⟦/aside⟧-->';

/** The JSX of an aside marker (`<Aside type="tip">`, `</Aside>`), or undefined for any other HTML. */
export function asideOfMarker(html: string): string | undefined {
  const text = html.trim();
  if (text === ASIDE_CLOSE) return '</Aside>';
  const open = ASIDE_OPEN.exec(text);
  return open ? `<Aside type="${open[1]}"${open[2] ? ` title="${open[2]}"` : ''}>` : undefined;
}

const ASIDE_TYPES: Record<string, 'note' | 'tip' | 'caution' | 'danger'> = {
  note: 'note',
  info: 'note',
  information: 'note',
  notice: 'note',
  hint: 'note',
  important: 'note',
  callout: 'note',
  default: 'note',
  primary: 'note',
  tip: 'tip',
  success: 'tip',
  hint_tip: 'tip',
  warning: 'caution',
  warn: 'caution',
  caution: 'caution',
  attention: 'caution',
  danger: 'danger',
  error: 'danger',
  alert: 'danger',
  bug: 'danger',
  failure: 'danger',
};

/** Offsets of code (fenced, indented and inline) in `text`: template syntax there is content, not markup. */
function codeRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  const visit = (node: Nodes) => {
    if ((node.type === 'code' || node.type === 'inlineCode') && node.position) ranges.push([node.position.start.offset ?? 0, node.position.end.offset ?? 0]);
    else if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
  };
  visit(markdownToMdast(text) as Root);
  return ranges;
}

const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

const REF = /\{\{[<%]\s*(?:rel)?ref\s+(?:"([^"]+)"|'([^']+)'|([^\s>%]+))\s*[>%]\}\}/g;
const SHORTCODE_OPEN = /^\{\{[<%]\s*(hint|notice|alert|note|tip|info|warning|caution|danger|callout|admonition)\b\s*([^>%]*?)\s*[>%]\}\}\s*$/;
const SHORTCODE_CLOSE = /^\{\{[<%]\s*\/\s*(hint|notice|alert|note|tip|info|warning|caution|danger|callout|admonition)\s*[>%]\}\}\s*$/;
const DOCUSAURUS_OPEN = /^:::(note|tip|info|caution|danger|warning|important|success)\b\s*(.*)$/;
const TEMPLATE_ONLY_HEADING = /^#{1,6}\s+(?:\{\{[^}]*\}\}|\{%[^%]*%\}|<%=?[^%]*%>)\s*#*\s*$/;
const TEMPLATE = /\{\{[<%]?[^}]*?[>%]?\}\}|\{%.*?%\}|<%=?.*?%>/g;

const asideTitle = (text: string) =>
  text
    .replace(/^["']|["']$/g, '')
    .replace(/["{}<>\\]/g, '')
    .trim();

/** Converts the template syntax of `text` (line ends `\n`) outside code; line numbers are kept. */
export function convertTemplates(text: string): TemplatePass {
  if (!/\{\{|\{%|<%|^:::/m.test(text)) return { text, notes: [] };
  const notes: TemplateNote[] = [];
  const code = codeRanges(text);
  const inCode = (offset: number) => code.some(([start, end]) => offset >= start && offset < end);

  // Ref links: `[text]({{< ref "page.md" >}})` → `[text](page.md)`; the link rewriting finds the page.
  let out = text.replace(REF, (whole, a: string | undefined, b: string | undefined, c: string | undefined, offset: number) => {
    if (inCode(offset)) return whole;
    notes.push({ line: lineAt(text, offset), message: `Hugo ${whole.includes('relref') ? 'relref' : 'ref'} to "${a ?? b ?? c}" converted to a link` });
    return a ?? b ?? c ?? whole;
  });

  // Block syntax works line by line; line numbers must not change (the report points at the source).
  const lines = out.split('\n');
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  const outCode = codeRanges(out);
  const lineInCode = (index: number) => outCode.some(([start, end]) => starts[index] >= start && starts[index] < end);
  // Openers waiting for their closer: [line index, type, title, kind].
  const open: { index: number; type: string; title: string; kind: 'shortcode' | 'docusaurus'; name: string }[] = [];
  const pairs: { from: number; to: number; type: string; title: string }[] = [];
  lines.forEach((line, index) => {
    if (lineInCode(index)) return;
    const shortcode = SHORTCODE_OPEN.exec(line);
    if (shortcode) {
      const [, name, rest] = shortcode;
      const argument = rest.replace(/^["']|["']$/g, '').toLowerCase();
      const type =
        ASIDE_TYPES[
          name === 'hint' || name === 'notice' || name === 'alert' || name === 'callout' || name === 'admonition' ? argument.split(/\s+/)[0] || 'note' : name
        ] ?? 'note';
      open.push({ index, type, title: name === 'hint' || name === 'notice' ? '' : asideTitle(rest), kind: 'shortcode', name });
      return;
    }
    const close = SHORTCODE_CLOSE.exec(line);
    if (close) {
      const opener = open.findLast((entry) => entry.kind === 'shortcode' && entry.name === close[1]);
      if (opener) {
        open.splice(open.indexOf(opener), 1);
        pairs.push({ from: opener.index, to: index, type: opener.type, title: opener.title });
      }
      return;
    }
    const docusaurus = DOCUSAURUS_OPEN.exec(line);
    if (docusaurus) {
      open.push({
        index,
        type: ASIDE_TYPES[docusaurus[1]] ?? 'note',
        title: asideTitle(docusaurus[2].replace(/^\[|\]$/g, '')),
        kind: 'docusaurus',
        name: ':::',
      });
      return;
    }
    if (/^:::\s*$/.test(line)) {
      const opener = open.findLast((entry) => entry.kind === 'docusaurus');
      if (opener) {
        open.splice(open.indexOf(opener), 1);
        pairs.push({ from: opener.index, to: index, type: opener.type, title: opener.title });
      }
    }
  });
  // An <Aside> must open and close in the same container: only pairs written at the left margin (the
  // top level of the document) are converted.
  for (const pair of pairs.sort((a, b) => a.from - b.from)) {
    if (/^\s/.test(lines[pair.from]) || /^\s/.test(lines[pair.to])) {
      notes.push({ line: pair.from + 1, message: `\`${lines[pair.from].trim()}\` is indented (inside a list or quote); kept as literal text` });
      continue;
    }
    lines[pair.from] = `<!--⟦aside:${pair.type}${pair.title ? `:${pair.title}` : ''}⟧-->`;
    lines[pair.to] = ASIDE_CLOSE;
    notes.push({
      line: pair.from + 1,
      message: `${text.split('\n')[pair.from].trim()} … ${text.split('\n')[pair.to].trim()} converted to <Aside type="${pair.type}">`,
    });
  }
  for (const entry of open) notes.push({ line: entry.index + 1, message: `\`${lines[entry.index].trim()}\` has no closing line; kept as literal text` });

  lines.forEach((line, index) => {
    if (lineInCode(index) || !TEMPLATE_ONLY_HEADING.test(line)) return;
    notes.push({ line: index + 1, message: `the heading \`${line.trim()}\` is only a template expression; left out (the title comes from the frontmatter)` });
    lines[index] = '';
  });
  out = lines.join('\n');

  // What is left is kept as literal text: one note per kind of syntax.
  const kept = new Map<string, { line: number; sample: string }>();
  const remainingCode = codeRanges(out);
  for (const match of out.matchAll(TEMPLATE)) {
    if (remainingCode.some(([start, end]) => match.index >= start && match.index < end)) continue;
    const kind =
      match[0].startsWith('{{<') || match[0].startsWith('{{%')
        ? 'Hugo shortcode'
        : match[0].startsWith('{%')
          ? 'Liquid/Jinja tag'
          : match[0].startsWith('<%')
            ? 'ERB tag'
            : 'template expression';
    if (!kept.has(kind)) kept.set(kind, { line: lineAt(out, match.index), sample: match[0].length > 60 ? `${match[0].slice(0, 57)}...` : match[0] });
  }
  for (const [kind, { line, sample }] of kept) notes.push({ line, message: `${kind} \`${sample}\` has no meaning here; kept as literal text` });
  return { text: out, notes: notes.sort((a, b) => a.line - b.line) };
}
