// Runs the CLI in-process with captured output.
import { run } from '../../src/cli/main.ts';

export async function runCli(args: string[], cwd = process.cwd()) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { cwd, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), isTTY: false });
  return { code, stdout, stderr };
}
