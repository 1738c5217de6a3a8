// Prometheus annotation templates (Go text/template) as far as they can be known before an alert
// fires: `{{ $labels.alertname }}`, `{{ .Labels.x }}`, `{{ index $labels "x" }}`, piped through
// toLower/toUpper/title/urlquery, given the labels a rule fixes (its name and its static labels).
// Anything else — a label of the series, `$value`, a function we do not evaluate — stays unknown.

export interface Expanded {
  /** The text with every action that could be evaluated replaced by its value, the others by a marker. */
  text: string;
  /** Actions left as they were (`{{ $labels.pod }}`), in order. */
  unknown: string[];
}

/** Marks where an unknown action was, in `Expanded.text` (a private-use character no URL holds). */
export const UNKNOWN_MARK = '\ue000';

const FUNCTIONS: Record<string, (value: string) => string> = {
  toLower: (value) => value.toLowerCase(),
  toUpper: (value) => value.toUpperCase(),
  title: (value) => value.replace(/(^|[^\p{L}\p{N}])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase()),
  // Go's url.QueryEscape: spaces become +.
  urlquery: (value) =>
    encodeURIComponent(value)
      .replace(/%20/g, '+')
      .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
};

/** The end of the action that starts at `start` (just after `{{`): the offset of its `}}`, skipping string literals. */
function actionEnd(text: string, start: number): number {
  let quote: string | undefined;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === '`' || c === "'") quote = c;
    else if (c === '}' && text[i + 1] === '}') return i;
  }
  return -1;
}

/** Splits a pipeline at `|` outside string literals. */
function commands(action: string): string[] {
  const parts: string[] = [];
  let quote: string | undefined;
  let current = '';
  for (let i = 0; i < action.length; i++) {
    const c = action[i];
    if (quote) {
      if (c === '\\' && quote === '"') current += c + (action[++i] ?? '');
      else {
        if (c === quote) quote = undefined;
        current += c;
      }
    } else if (c === '"' || c === '`') {
      quote = c;
      current += c;
    } else if (c === '|') {
      parts.push(current.trim());
      current = '';
    } else current += c;
  }
  parts.push(current.trim());
  return parts;
}

const stringLiteral = (text: string): string | undefined => {
  if (text.startsWith('`') && text.endsWith('`') && text.length >= 2) return text.slice(1, -1);
  if (text.startsWith('"') && text.endsWith('"') && text.length >= 2) {
    try {
      return JSON.parse(text) as string;
    } catch {
      return undefined;
    }
  }
  return undefined;
};

/** The label a template reads (`$labels.x`, `.Labels.x`, `index $labels "x"`), or undefined for anything else. */
export function labelOf(command: string): string | undefined {
  const field = /^(?:\$labels|\.Labels)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(command);
  if (field) return field[1];
  const index = /^index\s+(?:\$labels|\.Labels)\s+(.+)$/.exec(command);
  return index ? stringLiteral(index[1].trim()) : undefined;
}

/** Evaluates one action with `labels` (undefined when it cannot be known yet). */
function evaluate(action: string, labels: Record<string, string>): string | undefined {
  const [first, ...rest] = commands(action);
  const literal = stringLiteral(first);
  const label = literal === undefined ? labelOf(first) : undefined;
  let value = literal ?? (label !== undefined ? labels[label] : undefined);
  if (value === undefined) return undefined;
  for (const name of rest) {
    const apply = FUNCTIONS[name];
    if (!apply) return undefined;
    value = apply(value);
  }
  return value;
}

/** Expands the actions of `template` that `labels` decide; comments and trim markers are honoured. */
export function expandTemplate(template: string, labels: Record<string, string>): Expanded {
  let text = '';
  const unknown: string[] = [];
  let position = 0;
  while (position < template.length) {
    const open = template.indexOf('{{', position);
    if (open === -1) break;
    const end = actionEnd(template, open + 2);
    if (end === -1) break; // an unclosed action: Prometheus refuses the template; the rest stays text
    let before = template.slice(position, open);
    let inner = template.slice(open + 2, end);
    let after = end + 2;
    // `{{- ` and ` -}}` trim the white space next to the action.
    if (/^-\s/.test(inner)) {
      before = before.replace(/\s+$/, '');
      inner = inner.slice(1);
    }
    if (/\s-$/.test(inner)) {
      inner = inner.slice(0, -1);
      while (after < template.length && /\s/.test(template[after])) after++;
    }
    text += before;
    const action = inner.trim();
    if (!(action.startsWith('/*') && action.endsWith('*/'))) {
      const value = evaluate(action, labels);
      if (value === undefined) {
        unknown.push(template.slice(open, end + 2));
        text += UNKNOWN_MARK;
      } else text += value;
    }
    position = after;
  }
  return { text: text + template.slice(position), unknown };
}

/** The labels a rule decides before it fires: its name (`alertname`) and its static labels. */
export function ruleLabels(alert: string, labels: Record<string, string>): Record<string, string> {
  // A label whose value is itself a template is only known when the alert fires.
  const fixed = Object.fromEntries(Object.entries(labels).filter(([, value]) => !value.includes('{{')));
  return { ...fixed, alertname: alert };
}

/** `{{ $labels.x }}` for a label name (`index` for names that are not identifiers). */
export function labelTemplate(label: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(label) ? `{{ $labels.${label} }}` : `{{ index $labels ${JSON.stringify(label)} }}`;
}
