// Every shell command must parse: mvdan/sh (the parser behind shfmt) through sh-syntax's WASM build.
// One WASM call costs milliseconds whatever its size, so `prepare` parses the blocks of the whole
// project in batches, each block in its own subshell, and trusts a batch only when its statements
// line up one-to-one with those subshells.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { getProcessor, LangVariant, ParseError, type File, type Stmt } from 'sh-syntax';
import { commandSource } from '../../model/code.ts';
import type { Block, Runbook } from '../../model/types.ts';
import { neutralisePlaceholders } from '../../shell/words.ts';
import { defineRule } from '../types.ts';
import { exampleRunbook } from './example.ts';

/** The code of a shell block that runs, placeholders neutralised, with a map back into `block.code`. */
export interface ShellSource {
  /** Same length as the command text: `<pod>` became `_pod_`. Console blocks: prompt lines joined by newlines. */
  text: string;
  /** Offset in `block.code` of an offset in `text`. */
  toCode(offset: number): number;
}

/** Shell command and console blocks (the ones that run). */
export function isShellCommandBlock(block: Block): boolean {
  return block.language === 'shell' && (block.kind === 'command' || block.kind === 'console');
}

export function shellSource(block: Block): ShellSource {
  const source = commandSource(block.code, block.kind);
  return { text: neutralisePlaceholders(source.text), toCode: source.toCode };
}

export interface ShellSyntaxError {
  /** Offset into the parsed text. */
  offset: number;
  /** mvdan/sh's message. */
  message: string;
}

type Variant = 'bash' | 'zsh';

/** Results by variant and text; a text parses the same way every time. */
const results = new Map<string, ShellSyntaxError | null>();
const key = (variant: Variant, text: string) => `${variant}\0${text}`;

/** Blocks per WASM call: ~80 ms for 1,000 blocks, while 10,000 in one call exhaust the WASM memory. */
const BATCH_BLOCKS = 400;
const BATCH_BYTES = 256 * 1024;

let processor: ReturnType<typeof getProcessor> | undefined;

/** sh-syntax compiles its WASM on every call; compiling once and instantiating per call halves the cost. */
function shellProcessor(): ReturnType<typeof getProcessor> {
  if (!processor) {
    const wasm = readFileSync(createRequire(import.meta.url).resolve('sh-syntax/main.wasm'));
    const module = new WebAssembly.Module(wasm);
    processor = getProcessor((imports: WebAssembly.Imports) => WebAssembly.instantiate(module, imports));
  }
  return processor;
}

async function parseFile(text: string, variant: Variant): Promise<File> {
  return shellProcessor()(text, { variant: variant === 'zsh' ? LangVariant.LangZsh : LangVariant.LangBash, keepComments: false });
}

/** mvdan/sh counts bytes (UTF-8); JavaScript counts UTF-16 units. */
function charOffset(text: string, byteOffset: number): number {
  return Buffer.from(text, 'utf8').subarray(0, byteOffset).toString('utf8').length;
}

async function parseAlone(text: string, variant: Variant): Promise<ShellSyntaxError | null> {
  try {
    await parseFile(text, variant);
    return null;
  } catch (error) {
    if (error instanceof ParseError && error.Pos) return { offset: Math.min(charOffset(text, error.Pos.Offset), text.length), message: error.Text };
    const detail = error instanceof Error ? error.message : String(error);
    return { offset: 0, message: `the shell parser failed (${detail.slice(0, 200)})` };
  }
}

/**
 * Parses texts in one call, each in its own `(:\n...\n)\n` subshell. A statement that starts and
 * ends exactly at its wrapper proves that block parses on its own; the first block that does not
 * line up (an unclosed quote runs into the next block) or that holds the error is parsed alone,
 * and the blocks around it are parsed again.
 */
async function parseTogether(texts: string[], variant: Variant): Promise<void> {
  if (texts.length === 0) return;
  if (texts.length === 1) {
    results.set(key(variant, texts[0]), await parseAlone(texts[0], variant));
    return;
  }
  // `:` keeps a block of only comments from being an empty (invalid) subshell.
  const wrapped = texts.map((text) => `(:\n${text}\n)\n`);
  const starts: number[] = [];
  let bytes = 0;
  for (const part of wrapped) {
    starts.push(bytes);
    bytes += Buffer.byteLength(part, 'utf8');
  }
  const ends = wrapped.map((part, index) => starts[index] + Buffer.byteLength(part, 'utf8') - 1); // after `)`
  let file: File;
  try {
    file = await parseFile(wrapped.join(''), variant);
  } catch (error) {
    if (!(error instanceof ParseError) || !error.Pos) {
      // The WASM itself failed (memory, a panic): halve the batch until the culprit is alone.
      const half = Math.ceil(texts.length / 2);
      await parseTogether(texts.slice(0, half), variant);
      await parseTogether(texts.slice(half), variant);
      return;
    }
    const offset = error.Pos.Offset;
    let culprit = 0;
    while (culprit + 1 < texts.length && starts[culprit + 1] <= offset) culprit++;
    await parseTogether(texts.slice(0, culprit), variant);
    results.set(key(variant, texts[culprit]), await parseAlone(texts[culprit], variant));
    await parseTogether(texts.slice(culprit + 1), variant);
    return;
  }
  const statements: Stmt[] = file.Stmts ?? [];
  const linesUp = (index: number) => {
    const statement = statements[index];
    return (
      statement !== undefined &&
      statement.Pos.Offset === starts[index] &&
      statement.End.Offset === ends[index] &&
      statement.Cmd?.Pos.Offset === starts[index] &&
      statement.Cmd?.End.Offset === ends[index] &&
      !statement.Redirs?.length
    );
  };
  let aligned = 0;
  while (aligned < texts.length && linesUp(aligned)) aligned++;
  for (let index = 0; index < aligned; index++) results.set(key(variant, texts[index]), null);
  if (aligned === texts.length && statements.length === texts.length) return;
  const suspect = Math.min(aligned, texts.length - 1);
  results.set(key(variant, texts[suspect]), await parseAlone(texts[suspect], variant));
  await parseTogether(texts.slice(suspect + 1), variant);
}

/** Parses every text not parsed before, in batches. */
export async function parseShellTexts(texts: Iterable<string>, variant: Variant = 'bash'): Promise<void> {
  const pending = [...new Set(texts)].filter((text) => text.trim() && !results.has(key(variant, text)));
  let batch: string[] = [];
  let size = 0;
  for (const text of pending) {
    if (batch.length && (batch.length >= BATCH_BLOCKS || size + text.length > BATCH_BYTES)) {
      await parseTogether(batch, variant);
      batch = [];
      size = 0;
    }
    batch.push(text);
    size += text.length;
  }
  await parseTogether(batch, variant);
}

/** The syntax error of a shell text, or null (parses it now when `prepare` did not). */
export async function shellSyntaxError(text: string, variant: Variant = 'bash'): Promise<ShellSyntaxError | null> {
  if (!text.trim()) return null;
  if (!results.has(key(variant, text))) await parseShellTexts([text], variant);
  return results.get(key(variant, text)) ?? null;
}

const variantOf = (block: Block): Variant => (block.lang === 'zsh' ? 'zsh' : 'bash');

const SQL_LINE = /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH|CREATE|ALTER|DROP|EXPLAIN|SHOW|VACUUM|ANALYZE|GRANT|REVOKE|TRUNCATE|FROM|WHERE|ORDER BY|GROUP BY|LIMIT)\b/i;

/** mvdan/sh's message in "Unexpected X, expected Y" words, and how wide the culprit is. */
function describe(error: ShellSyntaxError, text: string): { message: string; width: number; hint?: string } {
  const { message } = error;
  const token = /`([^`]+)`/.exec(message)?.[1];
  const width = token && text.startsWith(token, error.offset) ? token.length : Math.min(1, text.length - error.offset);
  const lineStart = text.lastIndexOf('\n', error.offset - 1) + 1;
  const line = text.slice(lineStart, text.indexOf('\n', error.offset) === -1 ? text.length : text.indexOf('\n', error.offset));
  const sqlHint = SQL_LINE.test(line) ? 'This line is SQL, not shell: put it in a ```sql block, or pass it to psql -c "...".' : undefined;
  let match: RegExpExecArray | null;
  if ((match = /^a command can only contain words and redirects; encountered `(.+)`$/.exec(message))) {
    return { message: `Unexpected \`${match[1]}\` in a command, expected only words and redirections`, width, hint: sqlHint ?? `Quote the argument that holds \`${match[1]}\` ('...').` };
  }
  if ((match = /^reached EOF without closing quote `(.+)`$/.exec(message))) {
    return { message: `Unclosed quote ${match[1]}, expected a closing ${match[1]} before the end of the block`, width, hint: sqlHint };
  }
  if ((match = /^reached EOF without matching `(.+)` with `(.+)`$/.exec(message))) {
    return { message: `Unclosed \`${match[1]}\`, expected \`${match[2]}\` before the end of the block`, width, hint: sqlHint };
  }
  if ((match = /^unclosed here-document `(.+)`$/.exec(message))) {
    return { message: `Unclosed here-document, expected a line "${match[1]}" that ends it`, width };
  }
  if ((match = /^`(.+)` must be followed by (.+)$/.exec(message))) {
    return { message: `Expected ${match[2]} after \`${match[1]}\``, width, hint: sqlHint };
  }
  if ((match = /^`(.+)` statement must end with `(.+)`$/.exec(message))) {
    return { message: `Unclosed \`${match[1]}\` statement, expected \`${match[2]}\``, width };
  }
  if ((match = /^`(.+)` can only be used (.+)$/.exec(message))) {
    return { message: `Unexpected \`${match[1]}\`: it can only be used ${match[2]}`, width, hint: sqlHint };
  }
  if (message.startsWith('the shell parser failed')) return { message: `The shell parser failed on this block: ${message.replace(/^the shell parser failed\s*/, '')}`, width: 0 };
  return { message: `Shell syntax error: ${message}`, width, hint: sqlHint };
}

const SHELL_BODY = (code: string) => `## Symptoms\n\nThe API answers slowly.\n\n## Investigation\n\n### Count the connections\n\n\`\`\`bash\n${code}\n\`\`\`\n`;
const DB_ENV = 'env:\n  DATABASE_URL: Read-only connection string of the tickets database';

export const shellSyntax = defineRule({
  meta: {
    id: 'shell/syntax',
    category: 'commands',
    severity: 'error',
    description: 'Shell command blocks must be valid shell (bash) syntax.',
    docs: [
      'Every `bash`/`sh`/`shell` block, and the prompt lines of every `console` block, is parsed with [mvdan/sh](https://github.com/mvdan/sh) (the parser of shfmt, through the `sh-syntax` WASM build), as bash (`zsh` blocks as zsh). A block that does not parse fails when it is pasted, usually half-way: an unclosed quote swallows the next command, SQL pasted into a shell block runs `SELECT` as a program.',
      '`<placeholders>` are read as plain words, not as redirections. The error points at the exact place in the file.',
    ].join('\n\n'),
    examples: {
      bad: exampleRunbook({ runbook: DB_ENV, body: SHELL_BODY('psql "$DATABASE_URL" -c "SELECT count(*) FROM pg_stat_activity') }),
      good: exampleRunbook({ runbook: DB_ENV, body: SHELL_BODY('psql "$DATABASE_URL" -c "SELECT count(*) FROM pg_stat_activity"') }),
    },
  },
  async prepare(runbooks: Runbook[]) {
    const texts: Record<Variant, string[]> = { bash: [], zsh: [] };
    for (const runbook of runbooks) {
      for (const block of runbook.blocks) if (isShellCommandBlock(block)) texts[variantOf(block)].push(shellSource(block).text);
    }
    try {
      await parseShellTexts(texts.bash, 'bash');
      await parseShellTexts(texts.zsh, 'zsh');
    } catch {
      // The parser could not run at all; check reports it on each block.
    }
  },
  async check(runbook, context) {
    for (const block of runbook.blocks) {
      if (!isShellCommandBlock(block)) continue;
      const source = shellSource(block);
      let error: ShellSyntaxError | null;
      try {
        error = await shellSyntaxError(source.text, variantOf(block));
      } catch (thrown) {
        // The parser could not run at all (its WASM failed to load): say so on the block.
        error = { offset: 0, message: `the shell parser failed (${thrown instanceof Error ? thrown.message : String(thrown)})` };
      }
      if (!error) continue;
      const { message, width, hint } = describe(error, source.text);
      const start = source.toCode(error.offset);
      context.report({ span: context.codeSpan(block, start, source.toCode(error.offset + width)), message, ...(hint ? { hint } : {}) });
    }
  },
});
