// Control characters from a runbook never reach the terminal raw: list, show, run, lint and import
// print them escaped (\x1b, \u202e), and --json output escapes them too while keeping every value.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeControlCharacters, escapeJsonControlCharacters } from '../../src/lib/text/control-characters.ts';
import { runCli } from '../helpers/cli.ts';
import { makeProject, runbookSource } from '../helpers/project.ts';

/** Anything a terminal obeys: C0 (but tab and newline), a carriage return that does not end a line, DEL, C1, bidi controls. */
const RAW_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|\r(?!\n)/;

// The title clears the screen through a YAML escape; the description hides itself behind a bidi override;
// a step heading and a command carry raw ESC sequences; a line of prose rewrites itself with a carriage return.
const RUNBOOK = runbookSource({
  id: 'tickets-hostile',
  title: '"Slow API\\e[2J\\e[H"',
  extra: '  aliases: [hostile]\n',
  body: '## Symptoms\n\nAll good.\rNothing to see here.\n\n## Investigation\n\n### Check\u001b[8m the pods\n\n```bash\nkubectl get pods # \u001b[31mred\u001b[0m \u202eevil\n```\n',
}).replace('title: "Slow API', 'description: "Quiet\\u202e night"\ntitle: "Slow API');

function project() {
  return makeProject({ runbooks: { 'tickets/hostile.mdx': RUNBOOK } });
}

describe('escaping control characters in CLI output', () => {
  it('escapes each kind, once', () => {
    expect(escapeControlCharacters('a\u001b[2Jb\u0007c\u009bd\u007fe\u202ef\tg\nh\ri\r\n')).toBe('a\\x1b[2Jb\\x07c\\x9bd\\x7fe\\u202ef\tg\nh\\ri\r\n');
    expect(escapeControlCharacters(escapeControlCharacters('\u001b'))).toBe('\\x1b');
    const json = escapeJsonControlCharacters(JSON.stringify({ text: 'a\u001bb\u009bc\u202ed' }));
    expect(json).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(json)).toEqual({ text: 'a\u001bb\u009bc\u202ed' });
  });

  it('list prints the title escaped', async () => {
    const { code, stdout } = await runCli(['list', '--now', '2026-11-24'], project());
    expect(code).toBe(0);
    expect(stdout).toContain('tickets-hostile');
    expect(stdout).not.toMatch(RAW_CONTROL);
  });

  it('show prints title, description, step titles and commands escaped', async () => {
    const { code, stdout } = await runCli(['show', 'hostile'], project());
    expect(code).toBe(0);
    expect(stdout).not.toMatch(RAW_CONTROL);
    expect(stdout).toContain('Slow API\\x1b[2J\\x1b[H  [tickets-hostile]');
    expect(stdout).toContain('Quiet\\u202e night');
    expect(stdout).toContain('investigation › Check\\x1b[8m the pods');
    expect(stdout).toContain('kubectl get pods # \\x1b[31mred\\x1b[0m \\u202eevil');
  });

  it('show --json keeps every value, with the characters escaped', async () => {
    const { code, stdout } = await runCli(['show', 'hostile', '--json'], project());
    expect(code).toBe(0);
    expect(stdout).not.toMatch(RAW_CONTROL);
    const shown = JSON.parse(stdout) as { title: string; description: string; commands: { text: string }[] };
    expect(shown.title).toBe('Slow API\u001b[2J\u001b[H');
    expect(shown.description).toBe('Quiet\u202e night');
    expect(shown.commands[0].text).toContain('\u001b[31mred');
  });

  it('run --dry-run prints the commands escaped', async () => {
    const { code, stdout, stderr } = await runCli(['run', 'hostile', '--dry-run'], project());
    expect(code).toBe(0);
    expect(`${stdout}${stderr}`).not.toMatch(RAW_CONTROL);
    expect(stdout).toContain('# Dry run of tickets-hostile (Slow API\\x1b[2J\\x1b[H)');
    expect(stdout).toContain('kubectl get pods # \\x1b[31mred\\x1b[0m \\u202eevil');
  });

  it("run prints the commands escaped, and a command's own output as it wrote it", async () => {
    const root = makeProject({
      runbooks: {
        'tickets/colour.mdx': runbookSource({
          id: 'tickets-colour',
          body: "## Symptoms\n\nx\n\n## Investigation\n\n### Check\n\n```bash\nprintf '\\033[32mok\\033[0m\\n' # \u001b[8mhidden\n```\n",
        }),
      },
    });
    const { code, stdout, stderr } = await runCli(['run', 'tickets-colour', '--yes'], root);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain("$ printf '\\033[32mok\\033[0m\\n' # \\x1b[8mhidden");
    expect(stdout).toContain('\u001b[32mok\u001b[0m\n');
    expect(stderr).not.toMatch(RAW_CONTROL);
  });

  it('lint prints messages and code frames escaped, and keeps its own colours', async () => {
    const root = project();
    const plain = await runCli(['lint', '--no-cache', '--now', '2026-11-24'], root);
    expect(plain.code).toBe(1);
    expect(plain.stdout).not.toMatch(RAW_CONTROL);
    expect(plain.stdout).toContain('error  Control character U+001B ESCAPE in the text  text/control-characters');
    expect(plain.stdout).toContain('    > 18 | ### Check\\x1b[8m the pods');
    // The caret stands under the escaped character: "### Check" is 9 columns wide.
    expect(plain.stdout).toContain(`         | ${' '.repeat(9)}^^^^\n`);
    for (const format of ['json', 'sarif', 'github']) {
      const { stdout } = await runCli(['lint', '--no-cache', '--now', '2026-11-24', '--format', format], root);
      expect(stdout, format).not.toMatch(RAW_CONTROL);
    }
    const coloured = await runCli(['lint', '--no-cache', '--now', '2026-11-24', '--color'], root);
    expect(coloured.stdout).toContain('\u001b[31merror\u001b[0m');
    expect(coloured.stdout.replace(/\u001b\[[0-9;]*m/g, '')).not.toMatch(RAW_CONTROL);
  });

  it('import prints what it read from a document escaped, as text and as JSON', async () => {
    const root = makeProject({});
    writeFileSync(
      join(root, 'shop.md'),
      '# Shop \u001b[2J\u202e runbooks\n\n## Checkout\n\n### RB-001: Checkout errors\n\n**Symptoms**:\n- Checkout answers 502 \u001b[2J\u202e\n\n**Steps**:\n\n1. **Check pods**\n   ```bash\n   kubectl -n shop get pods\n   ```\n',
    );
    const text = await runCli(['import', 'shop.md', '--service', 'shop', '--dry-run'], root);
    expect(text.code).toBe(0);
    expect(`${text.stdout}${text.stderr}`).not.toMatch(RAW_CONTROL);
    const json = await runCli(['import', 'shop.md', '--service', 'shop', '--dry-run', '--json'], root);
    expect(`${json.stdout}${json.stderr}`).not.toMatch(RAW_CONTROL);
    // JSON keeps the text as read (escaped by JSON itself): a program reading it gets the characters back.
    const summary = JSON.parse(json.stdout) as { report: { message: string }[] };
    expect(summary.report.map((item) => item.message).join('\n')).toContain('Shop \u001b[2J\u202e runbooks');
  });
});
