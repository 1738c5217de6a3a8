// Expressive Code plugin for runbook command blocks. It reads nothing itself: each block's data comes from the
// model (the core's analysis of the same file, looked up by source file and block position). It marks each
// `<placeholder>` so the page can fill it in, labels risky, long-running and interactive blocks, and sets what
// the copy button copies; a block with a placeholder no value can safely fill gets its copy button disabled
// with the reason.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { definePlugin, ExpressiveCodeAnnotation, type AnnotationRenderOptions, type ExpressiveCodeBlock } from '@expressive-code/core';
import { h, select } from '@expressive-code/core/hast';
import { copyLines, copyText } from '../lib/core/copy.ts';
import { effectiveRisk } from '../lib/core/risk/effective.ts';
import { parseRunbook } from '../lib/model/parse.ts';
import type { Block, Runbook } from '../lib/model/types.ts';

/** Wraps one placeholder (possibly split by the highlighter into several nodes) so scripts can find it. */
class PlaceholderAnnotation extends ExpressiveCodeAnnotation {
  readonly name = 'Runbook placeholder';
  readonly variable: string;
  readonly occurrence: number;
  constructor(variable: string, occurrence: number, start: number, end: number) {
    super({ inlineRange: { columnStart: start, columnEnd: end }, renderPhase: 'latest' });
    this.variable = variable;
    this.occurrence = occurrence;
  }
  render({ nodesToTransform }: AnnotationRenderOptions) {
    return nodesToTransform.map((node, part) =>
      h('span', { className: ['rb-var'], dataVar: this.variable, dataOccurrence: String(this.occurrence), dataPart: String(part) }, [node]),
    );
  }
}

const RISK_TEXT = {
  change: { label: 'Changes state', reason: 'reversible, but check the target before you run it' },
  destructive: { label: 'Destructive', reason: 'loses data or is hard to undo; copying it leaves the last line waiting for Enter' },
} as const;

/** A model block, with its offsets moved to Expressive Code's text (which expands tabs). */
interface BlockData {
  block: Block;
  toRendered(offset: number): number;
}

const byCodeBlock = new WeakMap<ExpressiveCodeBlock, Promise<BlockData | undefined>>();

/** The model's block for a rendered code block: the same file parsed by the model, the block at the same position. */
function blockData(codeBlock: ExpressiveCodeBlock): Promise<BlockData | undefined> {
  let data = byCodeBlock.get(codeBlock);
  if (!data) byCodeBlock.set(codeBlock, (data = lookUp(codeBlock)));
  return data;
}

// Every block of a page looks up the same file: parse it once per version of its text.
const parsedFiles = new Map<string, { source: string; runbook: Promise<Runbook> }>();

function parsedFile(file: string, source: string): Promise<Runbook> {
  const cached = parsedFiles.get(file);
  if (cached?.source === source) return cached.runbook;
  const runbook = parseRunbook(relative(process.cwd(), file), source);
  parsedFiles.set(file, { source, runbook });
  return runbook;
}

async function lookUp(codeBlock: ExpressiveCodeBlock): Promise<BlockData | undefined> {
  const file = codeBlock.parentDocument?.sourceFilePath;
  const index = codeBlock.parentDocument?.positionInDocument?.groupIndex;
  if (!file || index === undefined || !/\.mdx?$/.test(file)) return undefined;
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const runbook = await parsedFile(file, source);
  const block = runbook.blocks[index];
  if (!block) return undefined;
  // Expressive Code replaces each tab with spaces: the same code, with offsets moved.
  const tabs = block.code.split('\t').length - 1;
  const width = tabs ? (codeBlock.code.length - block.code.length) / tabs + 1 : 1;
  const toRendered = (offset: number) => offset + (width - 1) * (block.code.slice(0, offset).split('\t').length - 1);
  if (block.code.replaceAll('\t', ' '.repeat(width)) !== codeBlock.code) return undefined;
  return { block, toRendered };
}

export function pluginRunbookBlocks() {
  return definePlugin({
    name: 'Runbook blocks',
    hooks: {
      annotateCode: async ({ codeBlock }) => {
        const data = await blockData(codeBlock);
        if (!data || (data.block.kind !== 'command' && data.block.kind !== 'console')) return;
        const lines = codeBlock.getLines();
        const lineStarts: number[] = [];
        let offset = 0;
        for (const line of lines) {
          lineStarts.push(offset);
          offset += line.text.length + 1;
        }
        sites(data).forEach((site, occurrence) => {
          let index = lineStarts.length - 1;
          while (index > 0 && lineStarts[index] > site.start) index--;
          lines[index].addAnnotation(new PlaceholderAnnotation(site.name, occurrence, site.start - lineStarts[index], site.end - lineStarts[index]));
        });
      },
      postprocessRenderedBlock: async ({ codeBlock, renderData }) => {
        const data = await blockData(codeBlock);
        if (!data) return;
        const { block } = data;
        if (block.kind !== 'command' && block.kind !== 'console') return;
        const figure = renderData.blockAst;
        const risk = effectiveRisk(block.kind, block.attributes, block.analysis.risk).risk;
        const found = sites(data);
        const names = [...new Set(found.map((site) => site.name))];
        const lines = copyLines(codeBlock.code, {
          lines: block.analysis.lines.map((line) => ({ ...line, start: data.toRendered(line.start), end: data.toRendered(line.end) })),
        });
        const refused = block.placeholders.find((site) => site.context.refused);
        Object.assign(figure.properties, {
          dataRbKind: block.kind,
          dataRbLanguage: block.language,
          dataRbRisk: risk,
          dataRbCopy: JSON.stringify(lines),
          ...(names.length
            ? {
                dataRbVars: names.join(' '),
                dataRbTemplate: codeBlock.code,
                dataRbSites: JSON.stringify(found.map(({ name, start, end, context }) => ({ name, start, end, context }))),
              }
            : {}),
        });
        const button = select('.copy button', figure);
        if (button) {
          button.properties.dataCode = copyText(codeBlock.code, lines, risk).replace(/\n/g, '\u007f');
          if (refused) {
            // No value can go where this placeholder sits: copying would hand the reader a command to fill in by hand.
            button.properties.disabled = true;
            button.properties.title = `Copy is off: <${refused.name}> ${refused.context.refused!.reason}. ${refused.context.refused!.fix}`;
          }
        }
        const labels = [];
        if (risk !== 'read') {
          const { label, reason } = RISK_TEXT[risk];
          labels.push(h('span', { className: ['rb-label', `rb-label--${risk}`] }, [h('strong', label), ` — ${reason}`]));
        }
        if (block.attributes.longRunning)
          labels.push(h('span', { className: ['rb-label', 'rb-label--flag'], title: 'Does not end by itself: stop it with Ctrl-C' }, 'long-running'));
        if (block.attributes.interactive)
          labels.push(h('span', { className: ['rb-label', 'rb-label--flag'], title: 'Needs a terminal: run it yourself' }, 'interactive'));
        if (refused)
          labels.push(
            h('span', { className: ['rb-label', 'rb-label--refused'], role: 'note' }, [
              h('strong', 'Copy is off'),
              ` — <${refused.name}> ${refused.context.refused!.reason}. ${refused.context.refused!.fix}`,
            ]),
          );
        if (labels.length) figure.children.unshift(h('div', { className: ['rb-labels'] }, labels));
        if (risk !== 'read') figure.properties.className = [...((figure.properties.className as string[]) ?? []), `rb-risk-${risk}`];
      },
    },
  });
}

/** The block's placeholders in Expressive Code's offsets, in order. */
function sites({ block, toRendered }: BlockData) {
  return block.placeholders
    .map((site) => ({ name: site.name, start: toRendered(site.start), end: toRendered(site.end), context: site.context }))
    .sort((a, b) => a.start - b.start);
}
