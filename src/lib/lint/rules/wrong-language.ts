// A block whose language says one thing and whose code is another: Terraform, YAML or SQL in a shell
// block, YAML in a python block. Conservative: only lines where the shell starts a command count (the core
// says which: not heredoc bodies, not quoted arguments, not continuation lines), and the line where the
// shell parser gave up. SQL is the core's finding (statements PostgreSQL parses where the shell expected
// commands); Terraform and YAML are recognised by the shape of those lines.
import type { Block } from '../../model/types.ts';
import { defineRule } from '../types.ts';
import { exampleRunbook } from './example.ts';

/** A line of the block's code. */
interface Line {
  start: number;
  end: number;
}

interface Detected {
  language: 'HCL' | 'YAML' | 'SQL' | 'PromQL' | 'output';
  line: Line;
}

/** The code line that holds `offset`. */
function lineAt(code: string, offset: number): Line {
  const start = code.lastIndexOf('\n', offset - 1) + 1;
  const end = code.indexOf('\n', offset) === -1 ? code.length : code.indexOf('\n', offset);
  return { start, end };
}

/** `name = value` with spaces around `=` is no shell assignment; with a Terraform value it is HCL. */
const HCL_ATTRIBUTE = /^\s*[A-Za-z_][\w-]*\s+=\s+(?:"|-?\d|true\b|false\b|null\b|\[|\{|(?:var|local|module|data)\.\w|aws_\w+\.)/;
const HCL_BLOCK = /^\s*(?:resource|data|variable|output|module|provider|locals|terraform)(?:\s+"[^"]*"){0,2}\s*\{\s*$/;
/** `key:`, `key: value`, `- key: value`. */
const YAML_KEY = /^\s*(?:-\s+)?[A-Za-z_][\w.-]*:(?:\s+\S.*)?\s*$/;
const YAML_ITEM = /^\s*-\s+\S/;
/** Python statements that end with a colon, so `else:` is not taken for a YAML key. */
const PYTHON_KEYWORDS = /^\s*(?:if|elif|else|for|while|try|except|finally|with|def|class|async|match|case|lambda|return|import|from|print)\b/;

function detectShell(block: Block): Detected | undefined {
  const code = block.code;
  // Lines where a command starts (top-level commands of the block), and where the parser stopped.
  const starts = block.analysis.commands
    .filter((command) => command.parent === undefined && !command.substitution && command.argv.length)
    .map((command) => command.start);
  if (block.analysis.syntaxError) starts.push(block.analysis.syntaxError.start);
  const byStart = new Map<number, Line>();
  for (const offset of starts.sort((a, b) => a - b)) {
    const line = lineAt(code, offset);
    // The command must start the line (not `cmd; other` or a continuation).
    if (code.slice(line.start, offset).trim() === '' || offset === block.analysis.syntaxError?.start) byStart.set(line.start, line);
  }
  const lines = [...byStart.values()].filter((line) => code.slice(line.start, line.end).trim());
  const text = (line: Line) => code.slice(line.start, line.end);
  const hcl = lines.find((line) => HCL_ATTRIBUTE.test(text(line)) || HCL_BLOCK.test(text(line)));
  if (hcl) return { language: 'HCL', line: hcl };
  const yaml = lines.filter((line) => YAML_KEY.test(text(line)) || YAML_ITEM.test(text(line)));
  if (yaml.length >= 2 && yaml.some((line) => YAML_KEY.test(text(line)))) return { language: 'YAML', line: yaml[0] };
  // Output: a line whose command would be a number (`notAfter=Aug  6 13:11:20 2025 GMT` runs `6`, a timing
  // column `0.0648 GET /v1/...` runs `0.0648`); no program is named by a number.
  const numbered = block.analysis.commands.find(
    (command) =>
      command.parent === undefined &&
      command.argv[0]?.literal &&
      /^\d+(?:[.:,]\d+)*$/.test(command.argv[0].value) &&
      lines.some((line) => line.start <= command.start && command.start <= line.end),
  );
  if (numbered) return { language: 'output', line: lineAt(code, numbered.start) };
  // SQL: the core found statements PostgreSQL parses where the shell expected commands.
  const sql = block.analysis.pastedSql;
  if (sql) return { language: 'SQL', line: lineAt(code, sql.start) };
  return undefined;
}

function detectPythonYaml(block: Block): Line | undefined {
  const lines: Line[] = [];
  let offset = 0;
  for (const text of block.code.split('\n')) {
    if (text.trim() && !/^\s*#/.test(text)) lines.push({ start: offset, end: offset + text.length });
    offset += text.length + 1;
  }
  const text = (line: Line) => block.code.slice(line.start, line.end);
  if (lines.length < 2 || lines.some((line) => PYTHON_KEYWORDS.test(text(line)) || !(YAML_KEY.test(text(line)) || YAML_ITEM.test(text(line)))))
    return undefined;
  // A nested mapping or a list: `x: int` annotations alone are Python.
  const nested = lines.some((line, index) => /:\s*$/.test(text(line)) && index + 1 < lines.length) || lines.some((line) => YAML_ITEM.test(text(line)));
  return nested ? lines[0] : undefined;
}

const HINTS: Record<Detected['language'], string> = {
  HCL: 'This is Terraform: write it in a ```hcl block (change it in the Terraform code, then `terraform plan` and `terraform apply`).',
  YAML: "This is YAML: write it in a ```yaml block; to apply a manifest, pass it in a heredoc (`kubectl apply -f - <<'EOF'`).",
  SQL: 'This is SQL: write it in a ```sql block (it runs with psql "$DATABASE_URL"), or pass it to `psql "$DATABASE_URL" -c "..."`.',
  output:
    "This is a command's output, not a command: show it in a ```text block, or after its command in a ```console block (the command behind a `$ ` prompt, the output below it).",
  PromQL:
    "This is a PromQL query: write it in a ```promql block (it is then checked, and runs in Prometheus or the console's metrics page), or send it with `curl -G --data-urlencode 'query=...' \"$PROMETHEUS_URL/api/v1/query\"`.",
};

const BODY = (fence: string, code: string) =>
  `## Symptoms\n\nThe database is slow.\n\n## Resolution\n\n### Scale the database up\n\nChange the instance class in \`infra/rds.tf\`:\n\n${fence}\n${code}\n\`\`\`\n`;

export const fencesWrongLanguage = defineRule({
  meta: {
    id: 'fences/wrong-language',
    category: 'commands',
    severity: 'warn',
    description:
      'A block must be in the language of its code: no Terraform, YAML or SQL in a shell block, no PromQL query in a console block, no YAML in a python block.',
    docs: 'A `bash` block that holds `instance_class = "db.t4g.medium"`, `env:` and `- name: X` lines, or `SELECT ... FROM` is run as shell by the reader who pastes it and by `runbook run` — and fails, or runs something else. Terraform belongs in an `hcl` block, a manifest in a `yaml` block (or a heredoc to `kubectl apply -f -`), SQL in a `sql` block (or `psql -c`). Only lines the shell reads as commands count: heredoc bodies, quoted arguments and continuation lines are data. A line the shell would run as a program named by a number (`notAfter=Aug  6 13:11:20 2025 GMT` runs `6`; a timing column `0.0648  GET  /v1/kv` runs `0.0648`) is output pasted into the block. A `python` block made of YAML lines (a nested mapping or a list, no Python statement) is reported too, and so is a `console` block that holds only a PromQL query (`up{job="api"} == 0`: a selector with label matchers, a function or an aggregation) — it is neither a command nor output, and in a `promql` block it is checked.',
    examples: {
      bad: exampleRunbook({ body: BODY('```bash', 'instance_class = "db.t4g.medium"') }),
      good: exampleRunbook({ body: BODY('```hcl', 'instance_class = "db.t4g.medium"') }),
    },
    messages: { wrong: 'This {lang} block holds {language} (`{shown}`), not {expected}' },
  },
  create(context) {
    return {
      block(block) {
        let found: Detected | undefined;
        if (block.kind === 'command' && block.language === 'shell') found = detectShell(block);
        else if (block.kind === 'console' && block.analysis.promqlText)
          found = { language: 'PromQL', line: lineAt(block.code, block.analysis.promqlText.start) };
        else if (/^(python|py|python3)$/.test(block.lang)) {
          const line = detectPythonYaml(block);
          if (line) found = { language: 'YAML', line };
        }
        if (!found) return;
        const { line } = found;
        // A trailing comment is not part of what was found.
        const comment = block.analysis.comments.find((range) => range.start > line.start && range.start < line.end);
        const lineText = block.code.slice(line.start, comment?.start ?? line.end);
        const start = line.start + (lineText.length - lineText.trimStart().length);
        const end = line.start + lineText.trimEnd().length;
        const shown = lineText.trim().length > 40 ? `${lineText.trim().slice(0, 39)}…` : lineText.trim();
        context.report({
          messageId: 'wrong',
          data: {
            lang: block.lang,
            language: found.language === 'output' ? "a command's output" : found.language,
            shown,
            expected: block.kind === 'console' ? 'a terminal session' : block.language === 'shell' ? 'shell commands' : 'Python',
          },
          span: context.codeSpan(block, start, end),
          hint: HINTS[found.language],
        });
      },
    };
  },
});
