// Expressive Code plugin for runbook command blocks: marks each `<placeholder>` so the page can
// fill it in, labels risky, long-running and interactive blocks, and sets what the copy button
// copies (no prompts, no output, no comments; no trailing newline on risky blocks). The risk is the
// effective one: a `kubectl delete` declared `read` is labelled and copied as destructive.
import { definePlugin, ExpressiveCodeAnnotation, type AnnotationRenderOptions } from '@expressive-code/core';
import { h, select } from '@expressive-code/core/hast';
import { copyText } from '../lib/copy-text.ts';
import { classify, commandRanges, findPlaceholders } from '../lib/model/code.ts';
import { parseFenceMeta } from '../lib/model/fence-meta.ts';
import { effectiveRisk } from '../lib/risk.ts';

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
    return nodesToTransform.map((node, part) => h('span', { className: ['rb-var'], dataVar: this.variable, dataOccurrence: String(this.occurrence), dataPart: String(part) }, [node]));
  }
}

const RISK_TEXT = {
  change: { label: 'Changes state', reason: 'reversible, but check the target before you run it' },
  destructive: { label: 'Destructive', reason: 'loses data or is hard to undo; copying it leaves the last line waiting for Enter' },
} as const;

export function pluginRunbookBlocks() {
  return definePlugin({
    name: 'Runbook blocks',
    hooks: {
      annotateCode: ({ codeBlock }) => {
        const { attributes } = parseFenceMeta(codeBlock.meta);
        const { kind } = classify(codeBlock.language, attributes.text);
        if (kind !== 'command' && kind !== 'console') return;
        const lines = codeBlock.getLines();
        const lineStarts: number[] = [];
        let offset = 0;
        for (const line of lines) {
          lineStarts.push(offset);
          offset += line.text.length + 1;
        }
        findPlaceholders(codeBlock.code, commandRanges(codeBlock.code, kind)).forEach((match, occurrence) => {
          let index = lineStarts.length - 1;
          while (index > 0 && lineStarts[index] > match.start) index--;
          lines[index].addAnnotation(new PlaceholderAnnotation(match.name, occurrence, match.start - lineStarts[index], match.end - lineStarts[index]));
        });
      },
      postprocessRenderedBlock: ({ codeBlock, renderData }) => {
        const { attributes } = parseFenceMeta(codeBlock.meta);
        const { kind, language } = classify(codeBlock.language, attributes.text);
        if (kind !== 'command' && kind !== 'console') return;
        const figure = renderData.blockAst;
        const risk = effectiveRisk(codeBlock.code, language, kind, attributes.risk).risk;
        const placeholders = [...new Set(findPlaceholders(codeBlock.code, commandRanges(codeBlock.code, kind)).map((match) => match.name))];
        Object.assign(figure.properties, {
          dataRbKind: kind,
          dataRbLanguage: language,
          dataRbRisk: risk,
          ...(placeholders.length ? { dataRbVars: placeholders.join(' '), dataRbTemplate: codeBlock.code } : {}),
        });
        const button = select('.copy button', figure);
        if (button) button.properties.dataCode = copyText(codeBlock.code, { language, kind, risk }).replace(/\n/g, '\u007f');
        const labels = [];
        if (risk !== 'read') {
          const { label, reason } = RISK_TEXT[risk];
          labels.push(h('span', { className: ['rb-label', `rb-label--${risk}`] }, [h('strong', label), ` — ${reason}`]));
        }
        if (attributes.longRunning) labels.push(h('span', { className: ['rb-label', 'rb-label--flag'], title: 'Does not end by itself: stop it with Ctrl-C' }, 'long-running'));
        if (attributes.interactive) labels.push(h('span', { className: ['rb-label', 'rb-label--flag'], title: 'Needs a terminal: run it yourself' }, 'interactive'));
        if (labels.length) figure.children.unshift(h('div', { className: ['rb-labels'] }, labels));
        if (risk !== 'read') figure.properties.className = [...((figure.properties.className as string[]) ?? []), `rb-risk-${risk}`];
      },
    },
  });
}
