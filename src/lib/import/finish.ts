// The last pass over an imported runbook, as the model reads it: each command block gets the risk,
// long-running and interactive marks the analysis core finds; per-incident values (`$POD` that no
// command sets, `{{pod}}`, `{{ $labels.pod }}`) become declared placeholders; other `$NAME`s are
// declared environment; the provenance (`importedFrom`) and the `todo` list go into the frontmatter.
import { codeSpan, parseRunbookLoaded } from '../model/parse.ts';
import type { Block, Runbook } from '../model/types.ts';
import { LineIndex, type Problem } from '../problem.ts';
import { compareRisk } from '../core/risk/levels.ts';
import { TODO_FIELDS } from '../../schema/runbook.ts';
import { blockFacts, envNeverSet } from './facts.ts';
import { stamp } from './provenance.ts';
import { renderRunbook, type RunbookFrontmatter } from './render.ts';
import type { Say } from './types.ts';
import { inferEnv, inferVariable, isWellKnownEnv, placeholderOfEnv, usedEnv, type VariableDraft } from './variables.ts';

export interface FinishInput {
  /** File name for the model (messages only). */
  file: string;
  frontmatter: RunbookFrontmatter;
  body: string;
  /** The source, recorded as `importedFrom.source`. */
  source: string;
  /** Copy the body as it is: no marks, no placeholders (`--verbatim`). */
  verbatim?: boolean;
  say: Say;
}

export interface Finished {
  content: string;
  model: Runbook;
  problems: Problem[];
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

const applyEdits = (text: string, edits: Edit[]) =>
  [...edits].sort((a, b) => b.start - a.start).reduce((out, edit) => out.slice(0, edit.start) + edit.text + out.slice(edit.end), text);

/**
 * Template placeholders in a command: `{{pod}}` (a mustache-style blank) and alert label templates
 * `{{ $labels.pod }}` / `{{ .Labels.pod }}`. Go templates (`{{range ...}}`, `{{.State.Pid}}`,
 * `{{ .Values.x }}`) are left alone: they are the command's own text (a Helm, docker or `-o template` argument).
 *
 * This one rewrite reads the text of a command block itself rather than asking the core: it is
 * template syntax of the source's site generator, which no shell or SQL reader knows about.
 */
const TEMPLATE_PLACEHOLDER = /\{\{-?\s*(\$labels\.|\.Labels\.)?([A-Za-z][A-Za-z0-9_]*)\s*-?\}\}/g;
/** Go template words that stand alone between braces: `{{end}}`, `{{else}}`. */
const GO_TEMPLATE_WORDS = new Set(['end', 'else', 'nil', 'true', 'false', 'break', 'continue']);

/** Edits of one block: its marks on the fence line, and placeholders for template values and unset `$NAME`s. */
function blockEdits(content: string, lines: LineIndex, block: Block, neverSet: Set<string>, labels: Map<string, string>, say: Say): Edit[] {
  const edits: Edit[] = [];
  const facts = blockFacts(block);
  if (facts) {
    const fenceEnd = content.indexOf('\n', block.span.start.offset);
    const marks: string[] = [];
    if (compareRisk(facts.risk, block.attributes.risk) > 0) {
      if (block.attributes.riskDeclared)
        say('todo', `the block at line ${block.span.start.line} is marked risk="${block.attributes.risk}" but ${facts.reason}: check it`);
      else marks.push(`risk="${facts.risk}"`);
    }
    if (facts.longRunning && !block.attributes.longRunning) marks.push('long-running');
    if (facts.interactive && !block.attributes.interactive) marks.push('interactive');
    if (marks.length) edits.push({ start: fenceEnd, end: fenceEnd, text: ` ${marks.join(' ')}` });
  }
  if (block.kind !== 'command' && block.kind !== 'console') return edits;

  for (const match of block.code.matchAll(TEMPLATE_PLACEHOLDER)) {
    const [, scope, name] = match;
    if (!scope && GO_TEMPLATE_WORDS.has(name)) continue;
    const placeholder = name.toLowerCase().replace(/_+/g, '-');
    if (scope === '$labels.' || scope === '.Labels.') labels.set(placeholder, name);
    const span = codeSpan(lines, block.code, block.codeLine, block.codeColumn, match.index, match.index + match[0].length);
    edits.push({ start: span.start.offset, end: span.end.offset, text: `<${placeholder}>` });
  }

  // `$POD` / `${POD}` that no command of the runbook sets and no shell has: a value of the incident.
  for (const ref of block.env) {
    if (!neverSet.has(ref.name) || isWellKnownEnv(ref.name)) continue;
    const start = ref.span.start.offset;
    const end = ref.span.end.offset;
    const placeholder = `<${placeholderOfEnv(ref.name)}>`;
    if (content[start - 1] === '$') edits.push({ start: start - 1, end, text: placeholder });
    else if (content.slice(start - 2, start) === '${' && content[end] === '}') edits.push({ start: start - 2, end: end + 1, text: placeholder });
    // `${POD:-x}`, `${#POD}`: an expansion with logic stays environment.
  }
  return edits;
}

/** The runbook's blocks marked, its placeholders and environment declared, its provenance recorded. */
export function finishRunbook(input: FinishInput): Finished {
  const { frontmatter, say } = input;
  const todo = TODO_FIELDS.filter((field) => (frontmatter.runbook.todo ?? []).includes(field));
  // Set when a variable's example is a stand-in: the field goes on runbook.todo (import/todo, not an error per variable).
  let standInExample = false;
  let body = input.body;
  const variables: Record<string, VariableDraft & { fromLabel?: string }> = {};
  const env: Record<string, string> = {};

  if (!input.verbatim) {
    const draft = renderRunbook({ ...frontmatter, runbook: { ...frontmatter.runbook, todo } }, body);
    const bodyStart = draft.length - body.length;
    const model = parseRunbookLoaded(`import-draft/${input.file}`, draft);
    const lines = new LineIndex(draft);
    const neverSet = envNeverSet(model.blocks);
    const labels = new Map<string, string>();
    const edits = model.blocks.flatMap((block) => blockEdits(draft, lines, block, neverSet, labels, say));
    const renamed = new Set<string>();
    for (const block of model.blocks) for (const ref of block.env) if (neverSet.has(ref.name) && !isWellKnownEnv(ref.name)) renamed.add(ref.name);
    // A name also used in a form that cannot be a placeholder (`${POD:-x}`) stays environment too.
    const keptAsEnv = new Set<string>();
    for (const block of model.blocks) {
      for (const ref of block.env) {
        if (!renamed.has(ref.name)) continue;
        const start = ref.span.start.offset;
        const simple = draft[start - 1] === '$' || (draft.slice(start - 2, start) === '${' && draft[ref.span.end.offset] === '}');
        if (!simple) keptAsEnv.add(ref.name);
      }
    }
    if (renamed.size)
      say('info', `per-incident values written as placeholders: ${[...renamed].map((name) => `$${name} → <${placeholderOfEnv(name)}>`).join(', ')}`);
    // Edits never touch the frontmatter, so the body starts where it did.
    body = applyEdits(draft, edits).slice(bodyStart);

    // What the commands use after the edits: the draft's placeholders and the new ones; its
    // environment less what became placeholders (no third parse needed).
    // In order of first use, as the model lists them.
    const uses = [
      ...model.blocks.flatMap((block) => block.placeholders.map((ref) => ({ name: ref.name, at: ref.span.start.offset }))),
      ...edits.flatMap((edit) => {
        const name = /^<([A-Za-z][A-Za-z0-9_-]*)>$/.exec(edit.text)?.[1];
        return name ? [{ name, at: edit.start }] : [];
      }),
    ].sort((a, b) => a.at - b.at);
    const placeholders = [...new Set(uses.map((use) => use.name))];
    for (const name of placeholders) {
      const { inferred, ...variable } = inferVariable(name);
      const label = labels.get(name);
      variables[name] = { ...variable, ...(label ? { fromLabel: label } : {}) };
      if (!inferred) {
        standInExample = true;
        say(
          'todo',
          `variable <${name}>: example is TODO; write a real one and check the description "${variable.description}", then remove "variables" from runbook.todo`,
        );
      }
    }
    const assignedElsewhere = new Set(model.blocks.flatMap((block) => block.env.map((ref) => ref.name)).filter((name) => !neverSet.has(name)));
    for (const name of usedEnv(model)) {
      if (renamed.has(name) && !keptAsEnv.has(name)) continue;
      if (assignedElsewhere.has(name)) {
        env[name] = `Set by another command of this runbook (${name}=...): run that one first, in the same shell`;
        continue;
      }
      const { description, inferred } = inferEnv(name);
      env[name] = description;
      if (!inferred) say('todo', `env $${name}: description is TODO`);
    }
  }

  const final = renderRunbook(
    {
      ...frontmatter,
      runbook: {
        ...frontmatter.runbook,
        variables,
        env,
        todo: standInExample ? TODO_FIELDS.filter((field) => field === 'variables' || todo.includes(field)) : todo,
      },
    },
    body,
    { source: input.source },
  );
  const content = stamp(final);
  const model = parseRunbookLoaded(`import/${input.file}`, content);
  return { content, model, problems: model.problems };
}
