// Code blocks without a language: commands get one (bash, sql, console); numbered prose in a fence
// becomes a Markdown list with its commands pulled out into their own blocks; a box diagram whose
// bytes were lost becomes a clean list; anything unclear stays a `text` block.
import type { Code } from 'mdast';
import { lineLanguage as commandLanguage, type LineLanguage as CommandLanguage } from '../core/line-language.ts';
import { fenceInfo, isLanguageName, parseFenceMeta } from '../model/fence-meta.ts';
import { escapePlain, inlineCode } from './mdx-text.ts';

const BOX = /[┌┐└┘├┤┬┴┼─│═║╔╗╚╝╠╣╦╩╬]/;
const ARROW_ONLY = /^[\s│|↓↑→←▼▲►◄v^]*$/;

export type FenceResult =
  | { kind: 'code'; lang: string; code: string }
  /** Markdown that replaces the block (MDX-safe). */
  | { kind: 'markdown'; markdown: string; note?: string };

export interface FenceOptions {
  /** Some of the block's bytes were lost (see ../text/mojibake.ts): a diagram is redrawn as a list. */
  damaged?: boolean;
}

/** What an untagged code block becomes. */
export function convertUntaggedFence(code: string, options: FenceOptions = {}): FenceResult {
  const lines = code.split('\n');
  if (options.damaged && lines.some((line) => BOX.test(line))) {
    const markdown = boxDiagramToList(lines);
    if (markdown) return { kind: 'markdown', markdown, note: 'a box diagram whose characters were lost (mojibake) was replaced by a list' };
  }
  const language = commandBlockLanguage(lines);
  if (language) return { kind: 'code', lang: language, code };
  const list = proseListToMarkdown(lines);
  if (list) return { kind: 'markdown', markdown: list };
  const json = looksLikeJson(code);
  return { kind: 'code', lang: json ? 'json' : 'text', code };
}

function looksLikeJson(code: string): boolean {
  const text = code.trim();
  if (!/^[[{]/.test(text)) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** bash / sql / console when every line is a command, its continuation, a comment or (console) output. */
function commandBlockLanguage(lines: string[]): string | undefined {
  const content = lines.filter((line) => line.trim());
  if (!content.length) return undefined;
  if (content.some((line) => /^\$ \S/.test(line)) && commandLanguage(content.find((line) => /^\$ /.test(line))!.slice(2))) return 'console';
  let language: CommandLanguage | undefined;
  let continuing = false;
  let inSql = false;
  for (const line of content) {
    const text = line.trim();
    if (continuing || inSql) {
      continuing = text.endsWith('\\');
      if (inSql && text.endsWith(';')) inSql = false;
      continue;
    }
    if (/^(#|--)/.test(text)) continue;
    const lang = commandLanguage(text);
    if (!lang) return undefined;
    language ??= lang;
    continuing = text.endsWith('\\');
    inSql = lang === 'sql' && !text.endsWith(';');
  }
  return language;
}

interface Item {
  indent: number;
  marker: string;
  text: string;
}

function itemOf(line: string): Item | undefined {
  const match = /^(\s*)(\d+[.)]|[-*•])\s+(.*)$/.exec(line);
  if (!match) return undefined;
  return { indent: match[1].length, marker: match[2] === '•' ? '-' : match[2], text: match[3].trim() };
}

const indentOf = (line: string) => /^\s*/.exec(line)![0].length;

/** Prose of an item or paragraph; a command after a colon ("Re-enable: aws autoscaling ...") goes in backticks. */
function proseText(text: string): string {
  const whole = commandLanguage(text);
  if (whole === 'bash') return inlineCode(text);
  const match = /^(.*?:\s+)(\S.*)$/.exec(text);
  if (match && commandLanguage(match[2]) === 'bash') return escapePlain(match[1]) + inlineCode(match[2]);
  return escapePlain(text);
}

/**
 * Numbered prose in a fence ("1. Check ...\n   aws autoscaling ...\n2. ...") as a Markdown list, with
 * the commands in fenced blocks inside their items. Undefined when the block is not such a list.
 */
export function proseListToMarkdown(lines: string[]): string | undefined {
  const content = lines.filter((line) => line.trim());
  const items = content.filter((line) => itemOf(line));
  if (items.length < 2) return undefined;
  if (content.some((line) => BOX.test(line) || (ARROW_ONLY.test(line) && /[↓▼│]/.test(line)))) return undefined;
  // Outside the items only headers ("Common errors:") may stand at the left margin.
  const firstItem = content.findIndex((line) => itemOf(line));
  const itemIndent = indentOf(content[firstItem]);
  const stray = content.filter((line, index) => !itemOf(line) && indentOf(line) <= itemIndent && !(line.trim().endsWith(':') && index < firstItem));
  if (stray.length) return undefined;

  const out: string[] = [];
  const stack: { indent: number; outIndent: number }[] = [];
  let afterBlock = false;
  let afterParagraph = false; // the last line was a paragraph outside the list
  const pad = (n: number) => ' '.repeat(n);
  const separate = () => {
    if (out.length && out[out.length - 1] !== '') out.push('');
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.trim()) continue;
    const item = itemOf(line);
    const indent = indentOf(line);
    while (stack.length && stack[stack.length - 1].indent >= indent) stack.pop();
    if (item) {
      // A top-level paragraph before a list needs a blank line; items after a command block keep theirs.
      if (afterParagraph || afterBlock) separate();
      const outIndent = stack.length ? stack[stack.length - 1].outIndent : 0;
      out.push(`${pad(outIndent)}${item.marker} ${proseText(item.text)}`);
      stack.push({ indent, outIndent: outIndent + item.marker.length + 1 });
      afterBlock = false;
      afterParagraph = false;
      continue;
    }
    const outIndent = stack.length ? stack[stack.length - 1].outIndent : 0;
    const language = commandLanguage(line);
    if (language) {
      const block = [line.slice(indent)];
      let continuing = line.trim().endsWith('\\');
      let inSql = language === 'sql' && !line.trim().endsWith(';');
      while (i + 1 < lines.length) {
        const next = lines[i + 1];
        const nextText = next.trim();
        if (!nextText) break;
        const nextIndent = indentOf(next);
        if (continuing || (inSql && nextIndent >= indent && !itemOf(next))) {
          block.push(next.slice(Math.min(indent, nextIndent)));
          continuing = nextText.endsWith('\\');
          if (inSql && nextText.endsWith(';')) inSql = false;
          i++;
          continue;
        }
        // A comment or another command at the same indentation belongs to the same block.
        if (nextIndent === indent && (/^#\s/.test(nextText) || commandLanguage(nextText) === language)) {
          block.push(next.slice(indent));
          continuing = nextText.endsWith('\\');
          inSql = language === 'sql' && commandLanguage(nextText) === 'sql' && !nextText.endsWith(';');
          i++;
          continue;
        }
        break;
      }
      separate();
      const fence = block.some((text) => text.includes('```')) ? '````' : '```';
      out.push(`${pad(outIndent)}${fence}${language}`, ...block.map((text) => (text ? pad(outIndent) + text : '')), `${pad(outIndent)}${fence}`, '');
      afterBlock = true;
      afterParagraph = false;
      continue;
    }
    // Prose: a continuation of the current item, or a paragraph of its own.
    if (!stack.length || afterBlock) separate();
    out.push(`${pad(outIndent)}${proseText(line.trim())}`);
    afterParagraph = !stack.length;
    afterBlock = false;
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

/**
 * A flow of boxes (┌ │ text │ └, joined by │ and ▼) as Markdown: a numbered box ("1. Acknowledge")
 * becomes a list item with the box's other lines under it; an unnumbered box a paragraph.
 */
export function boxDiagramToList(lines: string[]): string | undefined {
  const boxes: string[][] = [];
  let current: string[] | undefined;
  for (const line of lines) {
    const inner = /[│|]\s?(.*?)\s*[│|]?\s*$/.exec(line.replace(/^[^│|]*/, ''));
    const opens = /[┌╔]/.test(line);
    const closes = /[└╚]/.test(line);
    if (opens) {
      current = [];
      boxes.push(current);
      continue;
    }
    if (closes) {
      current = undefined;
      continue;
    }
    if (current && inner && /[│|].*\S.*[│|]/.test(line)) current.push(inner[1].replace(/[│|]\s*$/, '').trim());
  }
  const filled = boxes.filter((box) => box.length);
  if (!filled.length) return undefined;
  const out: string[] = [];
  let inList = false;
  for (const box of filled) {
    const [title, ...rest] = box;
    const numbered = /^(\d+)[.)]\s+(.*)$/.exec(title);
    if (numbered) {
      if (!inList && out.length) out.push('');
      out.push(`${numbered[1]}. ${escapePlain(numbered[2])}`);
      for (const line of rest) out.push(`   - ${escapePlain(line.replace(/^[-*•]\s*/, ''))}`);
      inList = true;
    } else {
      if (out.length) out.push('');
      out.push(escapePlain(title));
      for (const line of rest) out.push('', escapePlain(line));
      inList = false;
    }
  }
  return out.join('\n');
}

/** A fenced block with enough backticks for its content. */
export function fence(info: string, code: string): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((match) => match[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${info}\n${code}\n${ticks}`;
}

export interface CodeNote {
  line: number;
  message: string;
}

/**
 * Renders the code blocks of one source document: tagged blocks as they are (attributes that are not
 * ours left out), untagged ones converted; `notes` collects what the report should say.
 */
export function codeRenderer(damagedLines: Set<number>, sourceText: string): { renderCode: (node: Code) => string; notes: CodeNote[] } {
  const sourceLines = sourceText.split('\n');
  const notes: CodeNote[] = [];
  const renderCode = (node: Code): string => {
    const first = node.position?.start.line ?? 0;
    const last = node.position?.end.line ?? first;
    const damaged = [...damagedLines].some((line) => line >= first && line <= last);
    // `SQL`, `Bash`: the highlighter knows languages by their lowercase names only.
    const lang = (node.lang ?? '').trim().toLowerCase();
    if (lang && !isLanguageName(lang)) {
      // A command written on the fence line (```REDISCLI_AUTH=... redis-cli): the page would hide it; it opens the block.
      // As written: Markdown unescapes an info string (`\"` becomes `"`), which would change the command.
      const info = fenceInfo(sourceLines[first - 1] ?? '');
      notes.push({ line: first, message: `the fence line held ${inlineCode(info)}, not a language: it is the block's first line now` });
      return renderCode({ ...node, lang: null, meta: null, value: `${info}\n${node.value}` });
    }
    if (lang) {
      let meta = (node.meta ?? '').trim();
      if (meta && parseFenceMeta(meta).issues.length) {
        notes.push({ line: first, message: `the code block's attributes "${meta}" are not ours; left out` });
        meta = '';
      }
      return fence(`${lang}${meta ? ` ${meta}` : ''}`, node.value);
    }
    const converted = convertUntaggedFence(node.value, { damaged });
    if (converted.kind === 'markdown') {
      if (converted.note) notes.push({ line: first, message: converted.note });
      return converted.markdown;
    }
    if (damaged) notes.push({ line: first, message: 'characters of this text block were lost (mojibake) and could not be restored' });
    return fence(converted.lang, converted.code);
  };
  return { renderCode, notes };
}
