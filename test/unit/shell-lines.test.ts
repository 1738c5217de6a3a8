// The lines of shell code as the shell reads them: commands, comments, continuations, strings and heredoc bodies.
import { describe, expect, it } from 'vitest';
import { shellLayout } from '../../src/lib/shell/lines.ts';

describe('shellLayout', () => {
  it('tells command lines from comments, continuations, strings and heredoc bodies', () => {
    const code = [
      '# a comment',
      'kubectl get pods \\',
      '  -n shop   # trailing',
      "echo 'multi",
      "line' | grep x |",
      '  wc -l',
      "cat <<'EOF'",
      'env:',
      '  - name: X',
      'EOF',
      'psql -c "SELECT 1',
      'FROM t"',
      'echo "# not a comment" $#',
    ].join('\n');
    const { lines, comments } = shellLayout(code);
    const flags = lines.map((line) => [code.slice(line.start, line.end), [line.code && 'code', line.continued && 'continued', line.comment && 'comment', line.heredoc && 'heredoc'].filter(Boolean).join(' ')]);
    expect(flags).toEqual([
      ['# a comment', 'code comment'],
      ['kubectl get pods \\', 'code'],
      ['  -n shop   # trailing', 'code continued'],
      ["echo 'multi", 'code'],
      ["line' | grep x |", ''],
      ['  wc -l', 'code continued'],
      ["cat <<'EOF'", 'code'],
      ['env:', 'heredoc'],
      ['  - name: X', 'heredoc'],
      ['EOF', 'heredoc'],
      ['psql -c "SELECT 1', 'code'],
      ['FROM t"', ''],
      ['echo "# not a comment" $#', 'code'],
    ]);
    expect(comments.map((range) => code.slice(range.start, range.end))).toEqual(['# a comment', '# trailing']);
  });

  it('strips tabs before the delimiter of <<-', () => {
    const code = 'cat <<-END\n\tbody\n\tEND\necho after';
    expect(shellLayout(code).lines.map((line) => line.heredoc)).toEqual([false, true, true, false]);
  });
});
