// Prometheus alerting rules as they are written: rule files (`groups:`), PrometheusRule manifests
// (`spec.groups`, also inside a Kubernetes `List`), several YAML documents per file, folders of them.
// Each file is read once, every YAML error is reported at its place, and the parsed documents are
// kept with their source ranges so that `--fix` can edit them in place.
import { existsSync, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Document, type ParsedNode, type YAMLMap } from 'yaml';
import { walkContentFiles } from '../content-files.ts';
import { LineIndex, problemAt, type Problem, type Span } from '../problem.ts';
import { readContentFile } from '../source-file.ts';
import { expandedSize, MAX_YAML_DEPTH, MAX_YAML_VALUES } from '../yaml-data.ts';

/** Rule files are generated (kube-prometheus's largest is ~90 KiB); this bounds what one file costs. */
export const MAX_RULE_FILE_BYTES = 16 * 1024 * 1024;

export interface AlertRule {
  /** Path of the rule file as shown (relative to where the command runs). */
  file: string;
  alert: string;
  expr?: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** The rule group's name. */
  group?: string;
  /** Position of the alert's name (the value of `alert:`). */
  span: Span;
  /** Position of the `runbook_url` value, when there is one. */
  runbookUrlSpan?: Span;
  /** Where the rule lives in its file, for edits: the document and the rule's map (undefined when written through an alias). */
  document: number;
  node?: YAMLMap<unknown, unknown>;
}

export interface RuleFile {
  file: string;
  /** Absolute path. */
  path: string;
  text: string;
  bom: boolean;
  lines: LineIndex;
  documents: Document.Parsed[];
  rules: AlertRule[];
}

export interface RuleFiles {
  /** Files that hold at least one rule group (others are left out silently). */
  files: RuleFile[];
  rules: AlertRule[];
  /** Files that cannot be read, YAML errors, rules that are not rules. */
  problems: Problem[];
  /** Files read, rule files or not. */
  read: number;
}

export class RulePathError extends Error {}

const toPosix = (path: string) => path.split(sep).join('/');

/** Folders no rule file lives in (hidden ones such as .git, and dependencies). */
const skipFolder = (name: string, isDirectory: boolean) => isDirectory && (name.startsWith('.') || name === 'node_modules');

/** The YAML files named by `paths` (files as given, folders walked for *.yaml and *.yml). */
export function ruleFilePaths(cwd: string, paths: string[]): { files: string[]; problems: Problem[] } {
  const files: string[] = [];
  const problems: Problem[] = [];
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    if (!existsSync(absolute)) throw new RulePathError(`no such file or folder "${path}"`);
    if (statSync(absolute).isDirectory()) {
      const walked = walkContentFiles(cwd, absolute, ['.yaml', '.yml'], { skip: skipFolder });
      files.push(...walked.files);
      problems.push(...walked.problems);
    } else files.push(toPosix(relative(cwd, absolute)) || path);
  }
  return { files: [...new Set(files)], problems };
}

/** Reads every rule file under `paths` (relative to `cwd`); a file that cannot be used is a problem, never an exception. */
export function readRuleFiles(cwd: string, paths: string[]): RuleFiles {
  const { files: names, problems } = ruleFilePaths(cwd, paths);
  const files: RuleFile[] = [];
  for (const file of names) {
    const read = readContentFile(cwd, file, MAX_RULE_FILE_BYTES);
    problems.push(...read.problems);
    if (read.text === undefined) continue;
    const parsed = parseRuleFile(file, resolve(cwd, file), read.text, read.bom);
    problems.push(...parsed.problems);
    if (parsed.file.rules.length || parsed.isRuleFile) files.push(parsed.file);
  }
  return { files, rules: files.flatMap((file) => file.rules), problems, read: names.length };
}

interface Parsed {
  file: RuleFile;
  problems: Problem[];
  /** At least one document has rule groups (even when none of them is an alerting rule). */
  isRuleFile: boolean;
}

/** Reads the alerting rules of one YAML text. */
export function parseRuleFile(file: string, path: string, text: string, bom = false): Parsed {
  const lines = new LineIndex(text);
  const problems: Problem[] = [];
  const at = (start: number, end: number, rule: string, message: string, hint?: string) =>
    problemAt(file, lines.span(start, Math.max(end, start + 1)), { rule, message, ...(hint ? { hint } : {}) });
  const documents = parseAllDocuments(text, { merge: true, prettyErrors: false, uniqueKeys: true });
  const list = Array.isArray(documents) ? documents : [];
  const rules: AlertRule[] = [];
  let isRuleFile = false;
  list.forEach((document, index) => {
    if (document.errors.length) {
      for (const error of document.errors) {
        problems.push(
          at(
            error.pos[0],
            error.pos[1],
            'yaml-syntax',
            `Invalid YAML: ${error.code === 'DUPLICATE_KEY' ? 'duplicated mapping key' : error.message.split('\n')[0]}`,
            'Fix the YAML (promtool check rules fails on it too); the other files are checked anyway.',
          ),
        );
      }
      return;
    }
    let data: unknown;
    try {
      data = document.toJS({ maxAliasCount: MAX_YAML_VALUES });
    } catch (error) {
      const start = document.range[0];
      problems.push(
        at(
          start,
          start,
          'yaml-syntax',
          `YAML expands to more than ${MAX_YAML_VALUES.toLocaleString('en-US')} values: its aliases (*name) repeat anchors (&name) that repeat others, an "alias bomb" (${error instanceof Error ? error.message : String(error)})`,
          'Write the values out instead of repeating anchors through aliases.',
        ),
      );
      return;
    }
    const size = expandedSize(data);
    if (size.depth > MAX_YAML_DEPTH || size.values > MAX_YAML_VALUES) {
      const start = document.range[0];
      problems.push(
        at(
          start,
          start,
          'yaml-syntax',
          size.depth > MAX_YAML_DEPTH
            ? `YAML nested more than ${MAX_YAML_DEPTH} levels deep`
            : `YAML expands to more than ${MAX_YAML_VALUES.toLocaleString('en-US')} values`,
        ),
      );
      return;
    }
    for (const groupsPath of groupLists(data)) {
      isRuleFile = true;
      const groupsNode = document.getIn(groupsPath, true) as ParsedNode | undefined;
      const groups = valueAt(data, groupsPath);
      if (!Array.isArray(groups)) {
        const range = groupsNode?.range ?? document.range;
        problems.push(at(range[0], range[1], 'invalid-rule', `"${groupsPath.join('.')}" must be a list of rule groups`));
        continue;
      }
      groups.forEach((group, groupIndex) => {
        const rulesPath = [...groupsPath, groupIndex, 'rules'];
        const groupRules = valueAt(data, rulesPath);
        if (!Array.isArray(groupRules)) return; // a group without rules: promtool's business, not ours
        const groupName = typeof (group as { name?: unknown })?.name === 'string' ? (group as { name: string }).name : undefined;
        groupRules.forEach((rule, ruleIndex) => {
          if (!rule || typeof rule !== 'object' || !('alert' in rule)) return; // a recording rule
          const rulePath = [...rulesPath, ruleIndex];
          const node = document.getIn(rulePath, true) as ParsedNode | undefined;
          const alertNode = document.getIn([...rulePath, 'alert'], true) as ParsedNode | undefined;
          const range = alertNode?.range ?? node?.range ?? document.range;
          const value = rule as Record<string, unknown>;
          if (typeof value.alert !== 'string' || !value.alert.trim()) {
            problems.push(at(range[0], range[1], 'invalid-rule', `"alert" must be the alert's name, found ${JSON.stringify(value.alert) ?? 'nothing'}`));
            return;
          }
          const urlNode = document.getIn([...rulePath, 'annotations', 'runbook_url'], true) as ParsedNode | undefined;
          rules.push({
            file,
            alert: value.alert,
            ...(value.expr !== undefined && value.expr !== null ? { expr: String(value.expr) } : {}),
            ...(value.for !== undefined && value.for !== null ? { for: String(value.for) } : {}),
            labels: stringMap(value.labels),
            annotations: stringMap(value.annotations),
            ...(groupName ? { group: groupName } : {}),
            span: lines.span(range[0], range[1]),
            ...(urlNode?.range && isScalar(urlNode) ? { runbookUrlSpan: lines.span(urlNode.range[0], urlNode.range[1]) } : {}),
            document: index,
            ...(isMap(node) && !isAliased(document, rulePath) ? { node: node as YAMLMap<unknown, unknown> } : {}),
          });
        });
      });
    }
  });
  return { file: { file, path, text, bom, lines, documents: list, rules }, problems, isRuleFile };
}

/** Paths of the rule group lists in a document: `groups`, `spec.groups`, or those of the items of a `List`. */
function groupLists(data: unknown): (string | number)[][] {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return [];
  const value = data as Record<string, unknown>;
  if (value.kind === 'PrometheusRule') return value.spec && typeof value.spec === 'object' && 'groups' in value.spec ? [['spec', 'groups']] : [];
  if (value.kind === 'List' && Array.isArray(value.items))
    return value.items.flatMap((item, index) => groupLists(item).map((path) => ['items', index, ...path]));
  // A plain rule file: a top-level `groups` (and no `kind`, which would make it some other manifest).
  return 'groups' in value && value.kind === undefined ? [['groups']] : [];
}

function valueAt(data: unknown, path: (string | number)[]): unknown {
  let value = data;
  for (const key of path) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** Label and annotation maps: string values only (numbers and booleans as written); others are left out. */
function stringMap(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, inner]) =>
      typeof inner === 'string' || typeof inner === 'number' || typeof inner === 'boolean' ? [[key, String(inner)]] : [],
    ),
  );
}

/** A node reached through an alias (`*rule`) is shared with its anchor: editing it would edit both. */
function isAliased(document: Document.Parsed, path: (string | number)[]): boolean {
  let node: unknown = document.contents;
  for (const key of path) {
    if (isSeq(node)) node = node.items[key as number];
    else if (isMap(node)) node = node.items.find((pair) => isScalar(pair.key) && pair.key.value === key)?.value;
    else return true;
    if (isAlias(node)) return true;
  }
  return false;
}
