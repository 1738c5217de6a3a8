// The PromQL TextMate grammar (src/grammars/): token scopes through Shiki with both regex engines,
// colours in the rendered HTML, and the Expressive Code pipeline the site uses.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHighlighter, type BundledLanguage } from 'shiki';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import { ExpressiveCode, loadShikiTheme, type PluginShikiOptions } from '@astrojs/starlight/expressive-code';
import { promql } from '../../src/grammars/promql.ts';

// The registration fits the option the site will pass it to (checked by `tsc --noEmit`).
const langs: NonNullable<PluginShikiOptions['langs']> = [promql];

type Highlighter = Awaited<ReturnType<typeof createHighlighter>>;
interface Token {
  text: string;
  scopes: string[];
}

const engines: [string, () => Promise<Highlighter>][] = [
  ['oniguruma', () => createHighlighter({ themes: ['github-dark'], langs: [promql] })],
  ['javascript', () => createHighlighter({ themes: ['github-dark'], langs: [promql], engine: createJavaScriptRegexEngine() })],
];

function tokenize(highlighter: Highlighter, code: string, lang: 'promql' | 'prometheus' = 'promql'): Token[][] {
  // codeToTokens is typed for bundled languages only; promql is loaded at run time.
  const { tokens } = highlighter.codeToTokens(code, { lang: lang as BundledLanguage, theme: 'github-dark', includeExplanation: true });
  return tokens.map((line) =>
    line.flatMap((token) =>
      (token.explanation ?? []).map((part) => ({
        text: part.content,
        scopes: part.scopes.map((scope) => scope.scopeName).filter((name) => name !== 'source.promql'),
      })),
    ),
  );
}

/** The scopes of the `nth` token whose text is exactly `text`. */
function scopesOf(tokens: Token[], text: string, nth = 0): string {
  const found = tokens.filter((token) => token.text === text)[nth];
  if (!found) throw new Error(`no token ${JSON.stringify(text)} (#${nth}) in ${JSON.stringify(tokens.map((t) => t.text))}`);
  return found.scopes.join(' ');
}

/** Characters, other than whitespace, that the grammar left without any scope. */
function unscoped(lines: Token[][]): string[] {
  return lines.flatMap((line) => line.filter((t) => t.scopes.length === 0 && t.text.trim() !== '').map((t) => t.text));
}

const SAMPLE = 'sum by (job) (rate(http_requests_total{code=~"5..", job!="x"}[5m])) / 2 # note';

const REALISTIC = [
  'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{namespace="tickets-dev"}[5m])))',
  'sum(rate(http_requests_total{status=~"5..", namespace="<namespace>"}[5m])) / sum(rate(http_requests_total{namespace="<namespace>"}[5m])) > 0.05',
  'sum by (service) (\n  rate(http_requests_total{status=~"5.."}[5m])  # errors\n)\n/\nsum by (service) (rate(http_requests_total[5m]))',
  'max_over_time(deriv(rate(node_network_receive_bytes_total[5m])[30m:1m])[1h:])',
  'topk(5, sum without (instance, pod) (container_memory_working_set_bytes{container!="", image!=""}))',
  'count_values("version", build_info) * on (instance) group_left (version) up{job=~"$job"}',
  'predict_linear(node_filesystem_avail_bytes{fstype!~"tmpfs|overlay"}[6h], 4 * 3600) < 0',
  'increase(kube_pod_container_status_restarts_total{namespace="tickets-dev"}[15m] offset 1h) > 3',
  'rate(http_requests_total[5m] @ end()) unless on (job) absent(up{job="api"} == 1)',
  'label_replace(up, "host", "$1", "instance", "(.*):\\\\d+") or vector(0)',
  'sort_desc(quantile_over_time(0.99, probe_duration_seconds[1d]) >= bool 1.5e-1)',
  'clamp_min(1 - avg_over_time(up{job=`node`}[1w]), 0) ^ 2 % 10 atan2 -Inf != NaN',
  'limitk(3, sum by (pod) (rate(container_cpu_usage_seconds_total[$__rate_interval])))',
  'histogram_fraction(0, 0.2, rate(http_request_duration_seconds[1h30m])) and histogram_avg(x) > 0x1F',
  'sum(kube_hpa_status_current_replicas{hpa="backend"}) / sum(kube_hpa_spec_max_replicas{hpa="backend"})',
  'job:http_requests:rate5m{"service.name"="api"} offset -1w30m',
  'sort_by_label(group by (team, service) (kube_deployment_labels), "team")',
  'double_exponential_smoothing(node_load1[10m], 0.5, 0.5) or holt_winters(node_load1[10m], 0.5, 0.5)',
];

/** The body of every ```promql fence in the site's content. */
function contentBlocks(): { file: string; code: string }[] {
  const root = join(import.meta.dirname, '../../src/content');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => /\.mdx?$/.test(file));
  return files.flatMap((file) => {
    const source = readFileSync(join(root, file), 'utf8');
    return [...source.matchAll(/^([ \t]*)(`{3,}|~{3,})(?:promql|prometheus)\b[^\n]*\n([\s\S]*?)^\1\2[ \t]*$/gm)].map((m) => ({
      file,
      code: m[3],
    }));
  });
}

describe.each(engines)('promql grammar (%s regex engine)', (_name, create) => {
  let highlighter: Highlighter;
  beforeAll(async () => {
    highlighter = await create();
  });

  it('loads under its name and its alias', () => {
    expect(highlighter.getLoadedLanguages()).toEqual(expect.arrayContaining(['promql', 'prometheus']));
    expect(tokenize(highlighter, 'up', 'prometheus')[0]).toEqual([{ text: 'up', scopes: ['variable.other.metric.promql'] }]);
  });

  it('scopes every part of an aggregation over a range selector', () => {
    const [tokens] = tokenize(highlighter, SAMPLE);
    expect(scopesOf(tokens, 'sum')).toBe('keyword.operator.aggregation.promql');
    expect(scopesOf(tokens, 'by')).toContain('keyword.other.aggregation-modifier.promql');
    expect(scopesOf(tokens, 'job')).toContain('entity.other.attribute-name.label.promql');
    expect(scopesOf(tokens, 'rate')).toBe('support.function.builtin.promql entity.name.function.promql');
    expect(scopesOf(tokens, 'http_requests_total')).toBe('variable.other.metric.promql');
    expect(scopesOf(tokens, 'code')).toContain('entity.other.attribute-name.label.promql');
    expect(scopesOf(tokens, '=~')).toContain('keyword.operator.matcher.regexp.promql');
    expect(scopesOf(tokens, '5..')).toContain('string.regexp.quoted.double.promql');
    expect(scopesOf(tokens, 'job', 1)).toContain('entity.other.attribute-name.label.promql');
    expect(scopesOf(tokens, '!=')).toContain('keyword.operator.matcher.promql');
    expect(scopesOf(tokens, 'x')).toContain('string.quoted.double.promql');
    expect(scopesOf(tokens, 'x')).toContain('meta.label-matchers.promql');
    expect(scopesOf(tokens, '5m')).toBe('meta.range.promql constant.numeric.duration.promql');
    expect(scopesOf(tokens, '/')).toBe('keyword.operator.arithmetic.promql');
    expect(scopesOf(tokens, '2')).toBe('constant.numeric.decimal.promql');
    expect(scopesOf(tokens, ' note')).toBe('comment.line.number-sign.promql');
    expect(scopesOf(tokens, '#')).toBe('comment.line.number-sign.promql punctuation.definition.comment.promql');
  });

  it('scopes numbers, durations and subqueries', () => {
    const [tokens] = tokenize(highlighter, 'x[1h30m:5m] offset -1w 0x1F 1.5e-3 .5 1_000 Inf NaN y[30m:]');
    expect(scopesOf(tokens, '1h30m')).toContain('constant.numeric.duration.promql');
    expect(scopesOf(tokens, ':')).toBe('meta.range.promql punctuation.separator.subquery.promql');
    expect(scopesOf(tokens, '5m')).toContain('constant.numeric.duration.promql');
    expect(scopesOf(tokens, 'offset')).toBe('keyword.other.offset.promql');
    expect(scopesOf(tokens, '-')).toBe('keyword.operator.arithmetic.promql');
    expect(scopesOf(tokens, '1w')).toBe('constant.numeric.duration.promql');
    expect(scopesOf(tokens, '0x1F')).toBe('constant.numeric.hex.promql');
    for (const n of ['1.5e-3', '.5', '1_000']) expect(scopesOf(tokens, n)).toBe('constant.numeric.decimal.promql');
    expect(scopesOf(tokens, 'Inf')).toBe('constant.language.infinity.promql');
    expect(scopesOf(tokens, 'NaN')).toBe('constant.language.nan.promql');
    expect(scopesOf(tokens, '30m')).toContain('constant.numeric.duration.promql');
  });

  it('scopes keywords, binary operators and modifiers', () => {
    const code =
      'a * on (instance) group_left (version) b > bool 1 and c or d unless e atan2 f ignoring (x) group_right g @ start() + h @ 1609746000 ^ i % j == k <= l';
    const [tokens] = tokenize(highlighter, code);
    expect(scopesOf(tokens, 'on')).toContain('keyword.other.vector-matching.promql');
    expect(scopesOf(tokens, 'instance')).toContain('entity.other.attribute-name.label.promql');
    expect(scopesOf(tokens, 'group_left')).toContain('keyword.other.vector-matching.promql');
    expect(scopesOf(tokens, 'version')).toContain('entity.other.attribute-name.label.promql');
    expect(scopesOf(tokens, 'ignoring')).toContain('keyword.other.vector-matching.promql');
    expect(scopesOf(tokens, 'group_right')).toBe('keyword.other.vector-matching.promql');
    expect(scopesOf(tokens, 'bool')).toBe('keyword.other.bool.promql');
    for (const op of ['and', 'or', 'unless']) expect(scopesOf(tokens, op)).toBe('keyword.operator.logical.set.promql');
    expect(scopesOf(tokens, 'atan2')).toBe('keyword.operator.arithmetic.atan2.promql');
    expect(scopesOf(tokens, '@')).toBe('keyword.operator.at.promql');
    expect(scopesOf(tokens, 'start')).toBe('keyword.other.at-modifier.promql');
    expect(scopesOf(tokens, '1609746000')).toBe('constant.numeric.decimal.promql');
    for (const op of ['*', '+', '^', '%']) expect(scopesOf(tokens, op)).toBe('keyword.operator.arithmetic.promql');
    for (const op of ['>', '==', '<=']) expect(scopesOf(tokens, op)).toBe('keyword.operator.comparison.promql');
    for (const metric of ['a', 'b', 'c', 'g', 'l']) expect(scopesOf(tokens, metric)).toBe('variable.other.metric.promql');
  });

  it('tells aggregations and functions from metrics of the same name', () => {
    const [tokens] = tokenize(highlighter, 'count(x) + count + SUM BY (job) (y) + job:sum:rate5m + time() + absent_over_time(z[5m])');
    expect(scopesOf(tokens, 'count')).toBe('keyword.operator.aggregation.promql');
    expect(scopesOf(tokens, 'count', 1)).toBe('variable.other.metric.promql');
    expect(scopesOf(tokens, 'SUM')).toBe('keyword.operator.aggregation.promql');
    expect(scopesOf(tokens, 'BY')).toContain('keyword.other.aggregation-modifier.promql');
    expect(scopesOf(tokens, 'job:sum:rate5m')).toBe('variable.other.metric.promql');
    expect(scopesOf(tokens, 'time')).toContain('support.function.builtin.promql');
    expect(scopesOf(tokens, 'absent_over_time')).toContain('support.function.builtin.promql');
  });

  it('recognises every aggregation operator and listed function', () => {
    const aggregations = [
      'sum',
      'min',
      'max',
      'avg',
      'group',
      'stddev',
      'stdvar',
      'count',
      'count_values',
      'bottomk',
      'topk',
      'quantile',
      'limitk',
      'limit_ratio',
    ];
    const functions = [
      'abs',
      'absent',
      'absent_over_time',
      'ceil',
      'changes',
      'clamp',
      'clamp_max',
      'clamp_min',
      'day_of_month',
      'day_of_week',
      'day_of_year',
      'days_in_month',
      'delta',
      'deriv',
      'exp',
      'floor',
      'histogram_avg',
      'histogram_count',
      'histogram_fraction',
      'histogram_quantile',
      'histogram_stddev',
      'histogram_stdvar',
      'histogram_sum',
      'holt_winters',
      'double_exponential_smoothing',
      'hour',
      'idelta',
      'increase',
      'irate',
      'label_join',
      'label_replace',
      'ln',
      'log2',
      'log10',
      'minute',
      'month',
      'predict_linear',
      'rate',
      'resets',
      'round',
      'scalar',
      'sgn',
      'sort',
      'sort_desc',
      'sort_by_label',
      'sort_by_label_desc',
      'sqrt',
      'time',
      'timestamp',
      'vector',
      'year',
      'avg_over_time',
      'min_over_time',
      'max_over_time',
      'sum_over_time',
      'count_over_time',
      'quantile_over_time',
      'stddev_over_time',
      'stdvar_over_time',
      'last_over_time',
      'present_over_time',
      'mad_over_time',
      'first_over_time',
      'acos',
      'acosh',
      'asin',
      'asinh',
      'atan',
      'atanh',
      'cos',
      'cosh',
      'sin',
      'sinh',
      'tan',
      'tanh',
      'deg',
      'rad',
      'pi',
      'info',
    ];
    const [aggTokens] = tokenize(highlighter, aggregations.map((name) => `${name}(x)`).join(' + '));
    for (const name of aggregations) expect(scopesOf(aggTokens, name), name).toBe('keyword.operator.aggregation.promql');
    const [fnTokens] = tokenize(highlighter, functions.map((name) => `${name}(x)`).join(' + '));
    for (const name of functions) expect(scopesOf(fnTokens, name), name).toBe('support.function.builtin.promql entity.name.function.promql');
  });

  it('scopes strings, escapes, quoted label names and placeholders', () => {
    const [tokens] = tokenize(highlighter, `{"service.name"=~'a|b', path="\\"\\u00e9\\.", env="<namespace>", x=\`raw\\\`}`);
    expect(scopesOf(tokens, 'service.name')).toContain('entity.other.attribute-name.label.promql');
    expect(scopesOf(tokens, 'a|b')).toContain('string.regexp.quoted.single.promql');
    expect(scopesOf(tokens, '\\"')).toContain('constant.character.escape.promql');
    expect(scopesOf(tokens, '\\u00e9')).toContain('constant.character.escape.promql');
    expect(scopesOf(tokens, '\\.')).toContain('invalid.illegal.unknown-escape.promql');
    expect(scopesOf(tokens, '<namespace>')).toContain('variable.other.placeholder.promql');
    expect(scopesOf(tokens, 'raw\\')).toContain('string.quoted.other.raw.promql');
    // An unclosed quote stops at the end of its line.
    const lines = tokenize(highlighter, 'x{a="open\ny', 'promql');
    expect(scopesOf(lines[1], 'y')).toBe('meta.label-matchers.promql entity.other.attribute-name.label.promql');
    expect(scopesOf(tokenize(highlighter, 'foo\ny')[1], 'y')).toBe('variable.other.metric.promql');
  });

  it('colours the rendered HTML', () => {
    const html = highlighter.codeToHtml(SAMPLE, { lang: 'promql', theme: 'github-dark' });
    const colours = new Set([...html.matchAll(/color:\s*(#[0-9a-f]{3,8})/gi)].map((m) => m[1].toLowerCase()));
    expect(colours.size).toBeGreaterThan(4);
  });

  it.each(REALISTIC)('scopes every character of %s', (code) => {
    expect(unscoped(tokenize(highlighter, code))).toEqual([]);
  });

  it('highlights every promql block in src/content without leaving anything unscoped', () => {
    for (const { file, code } of contentBlocks()) expect(unscoped(tokenize(highlighter, code)), file).toEqual([]);
  });
});

describe('promql in Expressive Code', () => {
  it('finds the blocks in src/content this is for', () => {
    expect(contentBlocks().length).toBeGreaterThan(0);
  });

  it.each(['promql', 'prometheus'])('renders a %s block in colour, without the missing-language warning', async (language) => {
    const warnings: string[] = [];
    const logger = { warn: (m: string) => warnings.push(m), error: (m: string) => warnings.push(m) };
    const ec = new ExpressiveCode({ themes: [await loadShikiTheme('github-dark')], shiki: { langs }, logger });
    for (const code of [SAMPLE, ...REALISTIC]) {
      const { renderedGroupAst } = await ec.render({ code, language });
      const colours = new Set(JSON.stringify(renderedGroupAst).match(/--0:#[0-9a-f]{3,8}/gi));
      expect(colours.size, code).toBeGreaterThan(1);
    }
    // A lone metric name can be a single colour (github-dark leaves variables uncoloured); just no warning.
    for (const { code } of contentBlocks()) await ec.render({ code, language });
    expect(warnings).toEqual([]);
  });
});
