// A range selector shorter than a few scrape intervals holds too few samples: rate() needs two, and one
// missed scrape leaves the range empty. Prometheus's advice (and pint's) is at least four intervals.
import { z } from 'zod';
import { durationSeconds, formatDuration, promqlNodes, unparen } from '../../core/promql/tree.ts';
import { promqlQueryVisitors } from '../promql-queries.ts';
import { defineRule } from '../types.ts';
import { exampleRunbook } from './example.ts';

/** Functions for which one sample in the range is enough. */
const ONE_SAMPLE = new Set(['last_over_time', 'present_over_time', 'absent_over_time', 'first_over_time', 'ts_of_last_over_time', 'ts_of_first_over_time']);
/** Scrape intervals a range should span at least. */
const INTERVALS = 4;

const duration = z.string().refine((text) => (durationSeconds(text) ?? 0) > 0, { message: 'Expected a Prometheus duration such as 30s, 1m or 1m30s' });

const OptionsSchema = z.object({
  scrapeInterval: duration.default('30s').describe("Prometheus's scrape interval (scrape_interval of its configuration)."),
});
type Options = z.infer<typeof OptionsSchema>;

const PROMETHEUS_ENV = 'env:\n  PROMETHEUS_URL: Base URL of the production Prometheus';
const BODY = (query: string) => `## Symptoms\n\nErrors rise.\n\n## Investigation\n\n### Find the failing status codes\n\n\`\`\`promql\n${query}\n\`\`\`\n`;

export const promqlRange = defineRule({
  meta: {
    id: 'promql/range',
    category: 'commands',
    severity: 'warn',
    description: 'Range selectors (`[5m]`) must span at least 4 scrape intervals (30 s by default).',
    docs: [
      '`rate(x[1m])` with a 30 s scrape interval holds two samples at best; one late or failed scrape and the range holds one, and the query returns nothing — on the graph you look at during an incident, a gap. Prometheus recommends a range of at least four scrape intervals, so that a missed scrape is absorbed.',
      'The rule checks the range of every range selector given to a function (`rate`, `increase`, `avg_over_time`, ...), except those that need only one sample (`last_over_time`, `present_over_time`, `absent_over_time`). Ranges written as a placeholder or an expression are not checked.',
      "Options (`lint.rules.promql/range.options` in runbook.config.yaml): `scrapeInterval`, your Prometheus's `scrape_interval` (default `30s`), e.g. `{ severity: warn, options: { scrapeInterval: 15s } }`.",
    ].join('\n\n'),
    schema: OptionsSchema,
    examples: {
      bad: exampleRunbook({ runbook: PROMETHEUS_ENV, body: BODY('sum by (code) (rate(http_requests_total{service="tickets", code=~"5.."}[1m]))') }),
      good: exampleRunbook({ runbook: PROMETHEUS_ENV, body: BODY('sum by (code) (rate(http_requests_total{service="tickets", code=~"5.."}[5m]))') }),
    },
    messages: {
      short:
        '`[{range}]` in {fn}() is shorter than {intervals} scrape intervals of {interval} ({minimum}): it holds {samples} at best, too few to survive a missed scrape{where}',
    },
  },
  create(context) {
    const options = context.options as Options;
    const interval = durationSeconds(options.scrapeInterval) ?? 30;
    const minimum = interval * INTERVALS;
    return promqlQueryVisitors(context, (query) => {
      for (const node of promqlNodes(query.tree)) {
        if (node.kind !== 'call' || ONE_SAMPLE.has(node.name)) continue;
        for (const arg of node.args) {
          const matrix = unparen(arg);
          if (matrix.kind !== 'matrix' || matrix.range.seconds === undefined || !query.known(matrix.range)) continue;
          if (matrix.range.seconds >= minimum) continue;
          const samples = Math.ceil(matrix.range.seconds / interval);
          context.report({
            messageId: 'short',
            data: {
              range: matrix.range.text,
              fn: node.name,
              intervals: INTERVALS,
              interval: options.scrapeInterval,
              minimum: formatDuration(minimum),
              samples: samples === 1 ? 'one sample' : `${samples} samples`,
              where: query.where,
            },
            span: query.span(matrix.range),
            hint: `Use at least [${formatDuration(minimum)}]; if your Prometheus scrapes more often, set lint.rules.promql/range.options.scrapeInterval in runbook.config.yaml.`,
          });
        }
      }
    });
  },
});
