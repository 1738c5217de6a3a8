// Attributes of a fenced code block, read from its meta string with Expressive Code's own
// parser (MetaOptions), so `title="a b"`, `risk='change'` and bare flags mean the same to both.
import { createRequire } from 'node:module';
import type { MetaOptions as MetaOptionsClass } from '@expressive-code/core';
import { MAX_TIMEOUT_SECONDS, parseDuration } from '../../schema/duration.ts';
import { RISKS, type BlockAttributes, type Risk } from './types.ts';

/** Our attributes (FORMAT.md). */
export const RUNBOOK_ATTRIBUTES = ['id', 'risk', 'long-running', 'interactive', 'target', 'text', 'timeout', 'lint-ignore'] as const;

/** Expressive Code's own options (frames, text markers, line numbers, collapsible sections). */
const EXPRESSIVE_CODE_OPTIONS = new Set(
  [
    'title',
    'frame',
    'wrap',
    'preserveIndent',
    'hangingIndent',
    'showLineNumbers',
    'startLineNumber',
    'collapse',
    'collapseStyle',
    'mark',
    'ins',
    'del',
    'useDiffSyntax',
  ].map((key) => key.toLowerCase()),
);
const KNOWN = new Set<string>([...RUNBOOK_ATTRIBUTES, ...EXPRESSIVE_CODE_OPTIONS]);
const BOOLEAN_ATTRIBUTES = new Set(['long-running', 'interactive', 'text']);

/**
 * Expressive Code's meta parser, loaded on first use: it comes in one bundle with all of Expressive Code (hast,
 * postcss, ...), which a runbook whose fences carry no attributes, or a command that parses nothing, never needs.
 */
let metaOptions: typeof MetaOptionsClass | undefined;
function MetaOptions(meta: string): MetaOptionsClass {
  metaOptions ??= (createRequire(import.meta.url)('@expressive-code/core') as typeof import('@expressive-code/core')).MetaOptions;
  return new metaOptions(meta);
}

export interface MetaIssue {
  /** Offsets into the meta string. */
  start: number;
  end: number;
  message: string;
}

export interface ParsedMeta {
  attributes: BlockAttributes;
  issues: MetaIssue[];
}

// Runbooks repeat a handful of fence metas thousands of times: each is parsed once (callers get copies).
const parsedMetas = new Map<string, ParsedMeta>();

export function parseFenceMeta(meta: string): ParsedMeta {
  let parsed = parsedMetas.get(meta);
  if (!parsed) {
    if (parsedMetas.size >= 4096) parsedMetas.clear();
    parsed = parseMeta(meta);
    parsedMetas.set(meta, parsed);
  }
  return { attributes: { ...parsed.attributes, lintIgnore: [...parsed.attributes.lintIgnore] }, issues: parsed.issues.map((issue) => ({ ...issue })) };
}

/** The info string of a fence's opening line as written (Markdown would unescape `\"` in it): `bash risk="read"`. */
export function fenceInfo(fenceLine: string): string {
  return fenceLine.trim().replace(/^(`{3,}|~{3,})\s*/, '');
}

/** What a fence's language can be (`bash`, `c++`, `objective-c`, `shell-session`, `f#`); anything else is text. */
export function isLanguageName(lang: string): boolean {
  return /^[\w+#.-]+$/.test(lang);
}

function parseMeta(meta: string): ParsedMeta {
  const issues: MetaIssue[] = [];
  const attributes: BlockAttributes = {
    risk: 'read',
    riskDeclared: false,
    longRunning: false,
    interactive: false,
    text: false,
    lintIgnore: [],
  };
  if (!meta.trim()) return { attributes, issues };
  const options = MetaOptions(meta);
  for (const message of options.errors ?? []) issues.push({ start: 0, end: meta.length, message });

  for (const option of options.list()) {
    const start = option.index;
    const end = option.index + option.raw.trimEnd().length;
    const at = (message: string) => issues.push({ start, end, message });
    if (!option.key) continue; // unkeyed strings, regexps and ranges are Expressive Code text markers
    const key = option.key.toLowerCase();
    if (!KNOWN.has(key)) {
      at(`Unknown code block attribute "${option.key}"; allowed: ${RUNBOOK_ATTRIBUTES.join(', ')} (and Expressive Code options such as title)`);
      continue;
    }
    if (BOOLEAN_ATTRIBUTES.has(key)) {
      if (option.kind !== 'boolean') {
        at(`Attribute "${key}" is a flag: write \`${key}\` or \`${key}=false\`, not a quoted value`);
        continue;
      }
      if (key === 'long-running') attributes.longRunning = option.value;
      else if (key === 'interactive') attributes.interactive = option.value;
      else attributes.text = option.value;
      continue;
    }
    if (EXPRESSIVE_CODE_OPTIONS.has(key)) {
      if (key === 'title' && option.kind === 'string') attributes.title = option.value;
      continue;
    }
    if (option.kind !== 'string') {
      at(`Attribute "${key}" needs a value: ${key}="..."`);
      continue;
    }
    const value = option.value.trim();
    switch (key) {
      case 'id':
        if (!/^[a-z0-9][a-z0-9/_.-]*$/.test(value)) at(`Invalid command id "${value}": use lowercase letters, digits, "-", "_", "." or "/"`);
        else attributes.id = value;
        break;
      case 'risk':
        if (!(RISKS as readonly string[]).includes(value)) at(`Invalid risk "${value}"; expected one of ${RISKS.join(', ')}`);
        else {
          attributes.risk = value as Risk;
          attributes.riskDeclared = true;
        }
        break;
      case 'target':
        attributes.target = value;
        break;
      case 'timeout': {
        const parsed = parseDuration(value);
        if (!parsed || parsed.min !== parsed.max || parsed.min <= 0) at(`Invalid timeout "${value}"; expected a duration such as 30s or 5m`);
        else if (parsed.min * 60 > MAX_TIMEOUT_SECONDS) at(`Invalid timeout "${value}"; at most 24h`);
        else attributes.timeout = Math.max(1, Math.round(parsed.min * 60));
        break;
      }
      case 'lint-ignore': {
        const match = /^([a-z-]+\/[a-z-]+|[a-z-]+)\s*:\s*(\S.*)$/.exec(value);
        if (!match) at(`lint-ignore needs a rule id and a reason: lint-ignore="shell/syntax: the reason"`);
        else attributes.lintIgnore.push({ rule: match[1], reason: match[2].trim() });
        break;
      }
    }
  }
  return { attributes, issues };
}
