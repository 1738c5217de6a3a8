// What a metric's name says about its type, by Prometheus's naming conventions (prometheus.io "Metric and
// label naming", OpenMetrics) and the exporters everyone scrapes (node_exporter, kube-state-metrics,
// cAdvisor). Only names that clearly say it are classified; every other name is 'unknown', so a rule that
// asks never guesses.

export type MetricKind = { kind: 'counter'; why: string } | { kind: 'not-counter'; why: string } | { kind: 'unknown' };

/** Suffixes of the series a counter, histogram or summary exposes that only ever go up (or reset). */
const COUNTER_SUFFIXES: [RegExp, string][] = [
  [/_total$/, 'a counter (`_total`)'],
  [/_bucket$/, "a histogram's bucket counter (`_bucket`)"],
  [/_count$/, "a histogram's or summary's observation counter (`_count`)"],
  [/_sum$/, "a histogram's or summary's sum of observations (`_sum`)"],
];

const BYTES = /_bytes$/;
// `_duration_seconds`/`_latency_seconds` may name a native histogram, which rate() reads.
const SECONDS = /(?<!duration|latency)_seconds$/;

/** Names and suffixes of series that go up and down, with why. Checked in order; the first match wins. */
const NOT_COUNTER: [RegExp, string][] = [
  [/^up$/, 'it is 1 while the target is scraped and 0 when not'],
  [/^ALERTS(_FOR_STATE)?$/, 'it is the state of an alert, not a count'],
  [/^scrape_(duration_seconds|samples_scraped|samples_post_metric_relabeling|series_added)$/, 'it describes the last scrape (a gauge)'],
  [/_info$/, 'an info metric (`_info`) is always 1 and only carries labels'],
  [/(_timestamp|_timestamp_seconds|_time_seconds|_created)$/, 'it is a timestamp (a gauge); to see how long ago it was, use `time() - metric`'],
  [/(_ratio|_percent|_percentage)$/, 'a ratio or percentage is a gauge'],
  [/(_celsius|_volts|_amperes|_watts)$/, 'it is a measurement (a gauge)'],
  [/^node_load(1|5|15)$/, 'the load average is a gauge'],
  [BYTES, 'a size in bytes is a gauge; a counter of bytes is named `..._bytes_total`'],
  [SECONDS, 'a time in seconds without `_total` is a gauge (an age, a duration, a timestamp); a counter of seconds is named `..._seconds_total`'],
  [/^kube_[a-z0-9_]+$/, 'kube-state-metrics exposes object state as gauges (its counters end in `_total`)'],
];

/** A recording rule's name `level:metric:operations` whose operations say it is a rate or a ratio already. */
const RATE_OPERATIONS = /(^|[_:])(i?rate|increase|ratio|avg|mean|quantile|deriv|delta|apdex|p[0-9]{2})([0-9]+[smhdw])?($|[_:])/;

/**
 * Words of a name that say it accumulates a flow (bytes read, CPU seconds used), by unit: such series are
 * counters even when an exporter leaves out `_total` (`node_network_receive_bytes`, `process_cpu_seconds`).
 */
const FLOW_WORDS = new Map<RegExp, Set<string>>([
  [
    BYTES,
    new Set([
      'traffic',
      'read',
      'reads',
      'written',
      'write',
      'writes',
      'sent',
      'send',
      'received',
      'receive',
      'recv',
      'transmit',
      'transmitted',
      'rx',
      'tx',
      'in',
      'out',
      'io',
      'transferred',
      'processed',
    ]),
  ],
  [SECONDS, new Set(['cpu', 'usage', 'busy', 'idle', 'spent', 'throttled', 'wait', 'io', 'user', 'system'])],
]);
const saysFlow = (name: string, unit: RegExp) => name.split('_').some((word) => FLOW_WORDS.get(unit)?.has(word.toLowerCase()));

/** What the metric's name says about it. */
export function metricKind(name: string): MetricKind {
  if (name.includes(':')) {
    // level:metric:operations (Prometheus's recording rule convention): the operations decide.
    const operations = name.split(':').slice(2).join(':');
    if (RATE_OPERATIONS.test(operations))
      return { kind: 'not-counter', why: `it is a recording rule whose operations (\`${operations}\`) say it is already a rate or ratio` };
    return { kind: 'unknown' };
  }
  for (const [pattern, why] of COUNTER_SUFFIXES) if (pattern.test(name)) return { kind: 'counter', why };
  for (const [pattern, why] of NOT_COUNTER) {
    if (!pattern.test(name)) continue;
    // A unit alone does not make a gauge of a flow (`..._receive_bytes`).
    if (FLOW_WORDS.has(pattern) && saysFlow(name, pattern)) return { kind: 'unknown' };
    return { kind: 'not-counter', why };
  }
  return { kind: 'unknown' };
}

/** Whether the name is clearly a counter by its strongest conventions (`_total`, `_bucket`): `_count`/`_sum` also name gauges in some exporters. */
export function isClearCounter(name: string): boolean {
  return !name.includes(':') && /(_total|_bucket)$/.test(name);
}
