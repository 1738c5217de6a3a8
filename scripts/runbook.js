#!/usr/bin/env -S node --
// (`node --` stops Node from reading our options, such as --env-file, as its own: nodejs/node#54232.)
// Entry point of the `runbook` CLI. Plain JavaScript so that it can explain, under an old Node,
// why it cannot run; the CLI itself is TypeScript run by Node's type stripping (Node >= 22.18).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `runbook needs Node.js 22.18 or newer (this is ${process.version}).\n` +
      'Run it through npm, which uses the Node pinned in this project: npx runbook ... or npm run runbook -- ...\n',
  );
  process.exit(2);
}
// Output piped into `head` and closed early: stop quietly, as Unix tools do, without a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
if (process.argv.length === 3 && (process.argv[2] === '--version' || process.argv[2] === '-V')) {
  // `runbook --version` alone is answered before anything else loads (main.ts answers it too, with other arguments).
  const { readFileSync } = await import('node:fs');
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  // Cache compiled code between runs (Node >= 22.1): the CLI starts several times faster.
  const { enableCompileCache } = await import('node:module');
  enableCompileCache?.();
  const { run } = await import('../src/cli/main.ts');
  process.exitCode = await run(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    isTTY: process.stdout.isTTY,
  });
}
