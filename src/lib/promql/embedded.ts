// PromQL inside shell commands: the `query` parameter of `curl` calls to Prometheus's HTTP API
// (`/api/v1/query`, `/api/v1/query_range`), with offsets back into the shell text.
import { argumentText, invocations, type ArgumentText } from '../sql/embedded.ts';
import type { Word } from '../shell/words.ts';

function slice(argument: ArgumentText, start: number, end = argument.text.length): ArgumentText {
  return {
    text: argument.text.slice(start, end),
    offsets: argument.offsets.slice(start, end + 1),
    expansions: argument.expansions.filter(([from, to]) => to > start && from < end).map(([from, to]) => [Math.max(0, from - start), Math.min(end, to) - start]),
  };
}

/** The `query=` value of `a=1&query=...&b=2`, unless it is URL-encoded (then its text is not the query). */
function queryParameter(argument: ArgumentText, separator: '&' | null): ArgumentText | undefined {
  let start = 0;
  for (;;) {
    const end = separator ? argument.text.indexOf(separator, start) : -1;
    const stop = end === -1 ? argument.text.length : end;
    if (argument.text.startsWith('query=', start)) {
      const value = slice(argument, start + 'query='.length, stop);
      // `+` and `%XX` mean something else once the server decodes the form: only plain text is the query.
      return separator && /[%+]/.test(value.text) ? undefined : value;
    }
    if (end === -1) return undefined;
    start = end + 1;
  }
}

const DATA_OPTIONS = new Set(['-d', '--data', '--data-raw', '--data-binary', '--data-ascii']);
const API_PATH = /\/api\/v1\/query(_range)?\b/;

/** The PromQL queries a shell text sends with curl. */
export function promqlInShell(shell: string): ArgumentText[] {
  const queries: ArgumentText[] = [];
  if (!shell.includes('curl')) return queries;
  for (const invocation of invocations(shell)) {
    if (invocation.program !== 'curl') continue;
    const words = invocation.words;
    // Loki, Tempo and others answer on similar paths with other languages.
    if (!words.some((word) => API_PATH.test(word.value) && !/\/loki\//.test(word.value))) continue;
    const argument = (word: Word, skip = 0) => argumentText(shell, { ...word, start: word.start + skip });
    for (let index = 1; index < words.length; index++) {
      const word = words[index];
      const raw = shell.slice(word.start, word.end);
      let found: ArgumentText | undefined;
      if (raw === '--data-urlencode' && words[index + 1]) {
        found = queryParameter(argument(words[++index]), null);
      } else if (DATA_OPTIONS.has(raw) && words[index + 1]) {
        found = queryParameter(argument(words[++index]), '&');
      } else if (/^-d./.test(raw)) {
        found = queryParameter(argument(word, 2), '&');
      } else if (API_PATH.test(word.value) && word.value.includes('?')) {
        const url = argument(word);
        found = queryParameter(slice(url, url.text.indexOf('?') + 1), '&');
      }
      if (found && found.text.trim()) queries.push(found);
    }
  }
  return queries;
}
