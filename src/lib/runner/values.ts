// Values for placeholders: parsed from --set and env files, checked against a variable's pattern and type.
// Pure (no node: imports), so the site's fill-in form can validate with the same rules.
import type { Variable } from '../../schema/runbook.ts';

/** Why `value` is not acceptable for `variable`, or undefined when it is. The message completes "The value ...". */
export function valueProblem(variable: { pattern?: string; type?: Variable['type'] }, value: string): string | undefined {
  if (value.includes('\0')) return 'contains a NUL character, which no command can receive';
  if (variable.pattern && !new RegExp(`^(?:${variable.pattern})$`, 'u').test(value)) return `does not match the pattern ${variable.pattern}`;
  switch (variable.type) {
    case 'integer':
      return /^-?[0-9]+$/.test(value) ? undefined : 'is not an integer';
    case 'number':
      return value.trim() !== '' && Number.isFinite(Number(value)) ? undefined : 'is not a number';
    case 'boolean':
      return value === 'true' || value === 'false' ? undefined : 'is not a boolean (true or false)';
    default:
      return undefined;
  }
}

export interface Assignment {
  name: string;
  value: string;
}

/** `name=value` from `--set`; the value may contain `=`. Returns a message when the text is not an assignment. */
export function parseAssignment(text: string): Assignment | string {
  const equals = text.indexOf('=');
  if (equals <= 0) return `--set "${text}": expected name=value, e.g. --set pod-name=api-7d9f`;
  return { name: text.slice(0, equals).trim(), value: text.slice(equals + 1) };
}

export interface EnvFileEntry extends Assignment {
  line: number;
}

/**
 * KEY=VALUE lines as dotenv files write them: `#` comments, blank lines, an optional `export `, values
 * optionally in '...' (literal) or "..." (with \n, \" and \\ escapes).
 */
export function parseEnvFile(text: string, file: string): { entries: EnvFileEntry[]; problems: string[] } {
  const entries: EnvFileEntry[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!match) {
      problems.push(`${file}:${index + 1}: expected KEY=VALUE, found "${line}"`);
      return;
    }
    let value = match[2];
    if (/^'.*'$/s.test(value) && value.length >= 2) value = value.slice(1, -1);
    else if (/^".*"$/s.test(value) && value.length >= 2) value = value.slice(1, -1).replace(/\\([n"\\])/g, (_, char: string) => (char === 'n' ? '\n' : char));
    else value = value.replace(/\s+#.*$/, '');
    entries.push({ name: match[1], value, line: index + 1 });
  });
  return { entries, problems };
}
