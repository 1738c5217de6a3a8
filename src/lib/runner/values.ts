// Values for placeholders as the CLI receives them: `--set name=value` and env files (the value checks are
// the core's: src/lib/core/variables.ts).

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
