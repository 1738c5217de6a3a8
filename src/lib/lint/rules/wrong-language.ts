// A block whose language says one thing and whose code is another: Terraform, YAML or SQL in a shell
// block, YAML in a python block. Conservative: only lines the shell would read as commands count
// (not heredoc bodies, not quoted arguments, not continuation lines).
import type { Block } from '../../model/types.ts';
import { shellLayout, type ShellLine } from '../../shell/lines.ts';
import { defineRule } from '../types.ts';
import { exampleRunbook } from './example.ts';

interface Detected {
  language: 'HCL' | 'YAML' | 'SQL';
  line: ShellLine;
}

/** `name = value` with spaces around `=` is no shell assignment; with a Terraform value it is HCL. */
const HCL_ATTRIBUTE = /^\s*[A-Za-z_][\w-]*\s+=\s+(?:"|-?\d|true\b|false\b|null\b|\[|\{|(?:var|local|module|data)\.\w|aws_\w+\.)/;
const HCL_BLOCK = /^\s*(?:resource|data|variable|output|module|provider|locals|terraform)(?:\s+"[^"]*"){0,2}\s*\{\s*$/;
/** `key:`, `key: value`, `- key: value`. */
const YAML_KEY = /^\s*(?:-\s+)?[A-Za-z_][\w.-]*:(?:\s+\S.*)?\s*$/;
const YAML_ITEM = /^\s*-\s+\S/;
const SQL_START = /^\s*(?:SELECT\b|WITH\s+\w+\s+AS\s*\(|INSERT\s+INTO\b|UPDATE\s+\w+\s+SET\b|DELETE\s+FROM\b)/;
const SQL_LOWER = /^\s*select\b(?!\s+\w+\s+in\b)/;
/** Python statements that end with a colon, so `else:` is not taken for a YAML key. */
const PYTHON_KEYWORDS = /^\s*(?:if|elif|else|for|while|try|except|finally|with|def|class|async|match|case|lambda|return|import|from|print)\b/;

function detectShell(block: Block): Detected | undefined {
  const code = block.code;
  const lines = shellLayout(code).lines.filter((line) => line.code && !line.continued && !line.comment && code.slice(line.start, line.end).trim());
  const text = (line: ShellLine) => code.slice(line.start, line.end);
  const hcl = lines.find((line) => HCL_ATTRIBUTE.test(text(line)) || HCL_BLOCK.test(text(line)));
  if (hcl) return { language: 'HCL', line: hcl };
  const yaml = lines.filter((line) => YAML_KEY.test(text(line)) || YAML_ITEM.test(text(line)));
  if (yaml.length >= 2 && yaml.some((line) => YAML_KEY.test(text(line)))) return { language: 'YAML', line: yaml[0] };
  const sql = lines.find((line, index) => {
    if (SQL_START.test(text(line))) return true;
    if (!SQL_LOWER.test(text(line))) return false;
    // Lower-case `select` only with its FROM before the statement ends (bash has a `select` loop).
    const statement = lines.slice(index).map(text).join('\n').split(';')[0];
    return /\bfrom\b/i.test(statement);
  });
  if (sql) return { language: 'SQL', line: sql };
  return undefined;
}

function detectPythonYaml(block: Block): ShellLine | undefined {
  const lines: ShellLine[] = [];
  let offset = 0;
  for (const text of block.code.split('\n')) {
    if (text.trim() && !/^\s*#/.test(text)) lines.push({ start: offset, end: offset + text.length, code: true, continued: false, comment: false, heredoc: false });
    offset += text.length + 1;
  }
  const text = (line: ShellLine) => block.code.slice(line.start, line.end);
  if (lines.length < 2 || lines.some((line) => PYTHON_KEYWORDS.test(text(line)) || !(YAML_KEY.test(text(line)) || YAML_ITEM.test(text(line))))) return undefined;
  // A nested mapping or a list: `x: int` annotations alone are Python.
  const nested = lines.some((line, index) => /:\s*$/.test(text(line)) && index + 1 < lines.length) || lines.some((line) => YAML_ITEM.test(text(line)));
  return nested ? lines[0] : undefined;
}

const HINTS: Record<Detected['language'], string> = {
  HCL: 'This is Terraform: write it in a ```hcl block (change it in the Terraform code, then `terraform plan` and `terraform apply`).',
  YAML: "This is YAML: write it in a ```yaml block; to apply a manifest, pass it in a heredoc (`kubectl apply -f - <<'EOF'`).",
  SQL: 'This is SQL: write it in a ```sql block (it runs with psql "$DATABASE_URL"), or pass it to `psql "$DATABASE_URL" -c "..."`.',
};

const BODY = (fence: string, code: string) => `## Symptoms\n\nThe database is slow.\n\n## Resolution\n\n### Scale the database up\n\nChange the instance class in \`infra/rds.tf\`:\n\n${fence}\n${code}\n\`\`\`\n`;

export const fencesWrongLanguage = defineRule({
  meta: {
    id: 'fences/wrong-language',
    category: 'commands',
    severity: 'warn',
    description: 'A block must be in the language of its code: no Terraform, YAML or SQL in a shell block, no YAML in a python block.',
    docs: 'A `bash` block that holds `instance_class = "db.t4g.medium"`, `env:` and `- name: X` lines, or `SELECT ... FROM` is run as shell by the reader who pastes it and by `runbook run` — and fails, or runs something else. Terraform belongs in an `hcl` block, a manifest in a `yaml` block (or a heredoc to `kubectl apply -f -`), SQL in a `sql` block (or `psql -c`). Only lines the shell reads as commands count: heredoc bodies, quoted arguments and continuation lines are data. A `python` block made of YAML lines (a nested mapping or a list, no Python statement) is reported too.',
    examples: {
      bad: exampleRunbook({ body: BODY('```bash', 'instance_class = "db.t4g.medium"') }),
      good: exampleRunbook({ body: BODY('```hcl', 'instance_class = "db.t4g.medium"') }),
    },
  },
  check(runbook, context) {
    for (const block of runbook.blocks) {
      let found: Detected | undefined;
      if (block.kind === 'command' && block.language === 'shell') found = detectShell(block);
      else if (/^(python|py|python3)$/.test(block.lang)) {
        const line = detectPythonYaml(block);
        if (line) found = { language: 'YAML', line };
      }
      if (!found) continue;
      // A trailing comment is not part of what was found.
      const comment = block.language === 'shell' ? shellLayout(block.code).comments.find((range) => range.start > found.line.start && range.start < found.line.end) : undefined;
      const lineText = block.code.slice(found.line.start, comment?.start ?? found.line.end);
      const start = found.line.start + (lineText.length - lineText.trimStart().length);
      const end = found.line.start + lineText.trimEnd().length;
      const shown = lineText.trim().length > 40 ? `${lineText.trim().slice(0, 39)}…` : lineText.trim();
      context.report({
        span: context.codeSpan(block, start, end),
        message: `This ${block.lang} block holds ${found.language} (\`${shown}\`), not ${block.language === 'shell' ? 'shell commands' : 'Python'}`,
        hint: HINTS[found.language],
      });
    }
  },
});
