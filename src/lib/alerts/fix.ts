// `runbook alerts check --fix`: the runbook_url of every rule whose alert has a runbook, written into
// the rule file in place — only that value (or the lines that add it) changes, byte for byte; the
// result is read back and must say what was meant, or the file is left alone.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { isMap, parseAllDocuments, type YAMLMap } from 'yaml';
import type { AlertResult } from './check.ts';
import type { RuleFile } from './rule-files.ts';
import { applyEdits, setKey, type TextEdit } from '../yaml-edit.ts';

export interface FixOutcome {
  /** Files written, with the number of rules changed in each. */
  written: { file: string; rules: number }[];
  /** Rules that could not be changed, with the reason. */
  skipped: { file: string; alert: string; reason: string }[];
}

/** The text of a rule file with the wanted runbook_url of each alert, and what could not be done. */
export function fixRuleFile(ruleFile: RuleFile, results: AlertResult[]): { text: string; changed: number; skipped: FixOutcome['skipped'] } {
  const edits: TextEdit[] = [];
  const expected: { result: AlertResult; url: string }[] = [];
  const skipped: FixOutcome['skipped'] = [];
  for (const result of results) {
    const url = result.wantedUrl;
    if (url === undefined || result.rule.annotations.runbook_url === url) continue;
    const node = result.rule.node;
    if (!node) {
      skipped.push({ file: ruleFile.file, alert: result.alert, reason: 'the rule is written through a YAML alias (*name); edit its anchor by hand' });
      continue;
    }
    const annotations = node.get('annotations', true);
    try {
      if (isMap(annotations) && (annotations.items.length || annotations.flow))
        edits.push(setKey(ruleFile.text, annotations as YAMLMap<unknown, unknown>, 'runbook_url', url));
      else edits.push(setKey(ruleFile.text, node, 'annotations', { runbook_url: url }));
      expected.push({ result, url });
    } catch (error) {
      skipped.push({ file: ruleFile.file, alert: result.alert, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  if (!edits.length) return { text: ruleFile.text, changed: 0, skipped };
  const text = applyEdits(ruleFile.text, edits);
  // Read the result back: every edited rule must hold its new URL, and the file must still be the same YAML otherwise.
  const documents = parseAllDocuments(text, { merge: true, prettyErrors: false, uniqueKeys: true });
  const list = Array.isArray(documents) ? documents : [];
  const broken = list.length !== ruleFile.documents.length || list.some((document) => document.errors.length);
  const wrong = broken ? [] : expected.filter(({ result, url }) => !readsBack(list[result.rule.document].toJS({ maxAliasCount: -1 }), result, url));
  if (broken || wrong.length) {
    const reason = 'the edited file did not read back as intended; nothing was changed in it (please report this with the file)';
    return { text: ruleFile.text, changed: 0, skipped: [...skipped, ...expected.map(({ result }) => ({ file: ruleFile.file, alert: result.alert, reason }))] };
  }
  return { text, changed: expected.length, skipped };
}

/** The rule at the same place in the re-read document has the same alert and the new runbook_url. */
function readsBack(data: unknown, result: AlertResult, url: string): boolean {
  const rules = collectRules(data);
  return rules.some((rule) => rule.alert === result.alert && (rule.annotations as Record<string, unknown> | undefined)?.runbook_url === url);
}

function collectRules(data: unknown): Record<string, unknown>[] {
  if (!data || typeof data !== 'object') return [];
  if (Array.isArray(data)) return data.flatMap(collectRules);
  const value = data as Record<string, unknown>;
  if (typeof value.alert === 'string') return [value];
  return Object.values(value).flatMap(collectRules);
}

/** Writes each changed rule file (next to it, then renamed over it; a byte order mark is kept). */
export function writeFixes(files: RuleFile[], results: AlertResult[]): FixOutcome {
  const outcome: FixOutcome = { written: [], skipped: [] };
  for (const ruleFile of files) {
    const fixed = fixRuleFile(
      ruleFile,
      results.filter((result) => result.file === ruleFile.file),
    );
    outcome.skipped.push(...fixed.skipped);
    if (!fixed.changed) continue;
    const temporary = join(dirname(ruleFile.path), `.${basename(ruleFile.path)}.${process.pid}.tmp`);
    try {
      writeFileSync(temporary, (ruleFile.bom ? '\ufeff' : '') + fixed.text);
      renameSync(temporary, ruleFile.path);
      outcome.written.push({ file: ruleFile.file, rules: fixed.changed });
    } catch (error) {
      rmSync(temporary, { force: true });
      outcome.skipped.push({ file: ruleFile.file, alert: '*', reason: `cannot write the file: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  return outcome;
}
