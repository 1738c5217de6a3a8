// Measurements of a built site and of commands, for the benchmark. Every process it starts is
// tracked, and killed when the benchmark ends in any way (done, failed, Ctrl-C).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface Timed {
  ms: number;
  /** Peak resident memory of the process, bytes. */
  maxRss: number;
  status: number | null;
  output: string;
}

/** Processes started by the benchmark and still running. */
const running = new Set<ChildProcess>();

/** Starts a process that the benchmark keeps track of (in its own process group, so that its children end with it). */
export function startTracked(command: string, args: string[], options: Parameters<typeof spawn>[2] = {}): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  running.add(child);
  child.once('exit', () => running.delete(child));
  child.once('error', () => running.delete(child));
  return child;
}

/** Ends every process the benchmark started, with their children (SIGTERM to each process group). */
export function killTracked(): void {
  for (const child of running) {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    } catch {
      child.kill('SIGTERM');
    }
  }
  running.clear();
}

/**
 * Kills what the benchmark started on every way out: a normal end, an error, Ctrl-C or a kill.
 * Call once, first thing in main.
 */
export function cleanUpOnExit(): void {
  process.on('exit', killTracked);
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    process.on(signal, () => {
      process.stderr.write(`\nbench: ${signal}, stopping the processes it started\n`);
      killTracked();
      process.exit(code);
    });
  }
}

/**
 * Runs a Node script in a fresh process and reports its wall time and peak memory (the process
 * reports its own `resourceUsage().maxRSS` on exit, so no external `time` tool is needed).
 */
export function runNode(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Timed> {
  const reporter = `process.on('exit', () => process.stderr.write('\\n@@maxrss ' + process.resourceUsage().maxRSS + '\\n'));`;
  return runProcess(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(reporter)}`, ...args], cwd, env).then((result) => {
    const rss = /@@maxrss (\d+)/.exec(result.stderr);
    return { ms: result.ms, maxRss: rss ? Number(rss[1]) * 1024 : 0, status: result.status, output: `${result.stdout}\n${result.stderr}` };
  });
}

export interface ProcessResult {
  ms: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a process to its end, tracked (see startTracked), and times it from spawn to exit. */
export function runProcess(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = startTracked(command, args, {
      cwd,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
    child.once('error', reject);
    child.once('close', (status) =>
      resolve({ ms: performance.now() - start, status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
  });
}

export function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

export function dirSize(dir: string): number {
  return files(dir).reduce((sum, file) => sum + statSync(file).size, 0);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Runbook pages of a built site: dist/runbooks/<service>/<slug>/index.html. */
export function runbookPages(dist: string): string[] {
  return files(join(dist, 'runbooks')).filter((file) => relative(join(dist, 'runbooks'), file).split('/').length === 3 && file.endsWith('index.html'));
}

/**
 * JavaScript a page loads before any interaction: its module scripts, their static imports
 * (recursively; dynamic `import()` excluded) and its inline scripts — gzip bytes.
 */
export function eagerJs(dist: string, page: string): { gzip: number; files: string[] } {
  const html = readFileSync(page, 'utf8');
  const seen = new Set<string>();
  const queue = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"[^>]*>/g)].map((m) => m[1]);
  let total = gzipSync([...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n')).length;
  while (queue.length) {
    const src = queue.shift()!;
    const file = join(dist, src.split('?')[0]);
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    total += gzipSync(code).length;
    // Static imports only: `import x from "./a.js"`, `import "./a.js"`, `export ... from "./a.js"`.
    for (const match of code.matchAll(/(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g)) {
      queue.push(match[1].startsWith('/') ? match[1] : join('/', relative(dist, join(file, '..', match[1]))));
    }
  }
  return { gzip: total, files: [...seen].map((file) => relative(dist, file)) };
}

export function gzipSize(file: string): number {
  return gzipSync(readFileSync(file)).length;
}

/**
 * Eager JavaScript measured in a real browser: every script a page loads until the network is
 * idle and idle callbacks have run, without any interaction (this counts Starlight's idle-time
 * import of the search UI, which a static analysis would miss), plus inline scripts; gzip bytes.
 */
export async function eagerJsInBrowser(dist: string, pages: string[]): Promise<number[]> {
  const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium';
  // Checked first: without it nothing is started, so nothing is left waiting for a browser that never comes.
  if (!existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath} (install it, or set PLAYWRIGHT_CHROMIUM_PATH)`);
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({
    executablePath,
    timeout: 60_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const port = 4400 + Math.floor(Math.random() * 500);
  const server = startTracked(process.execPath, [join(process.cwd(), 'test/e2e/static-server.ts')], {
    cwd: join(dist, '..'),
    env: { ...process.env, PORT: String(port) },
    stdio: 'ignore',
  });
  try {
    // Wait until the server answers (Node and TypeScript start-up takes a moment).
    let ready = false;
    for (let attempt = 0; attempt < 100 && !ready; attempt++) {
      ready = await fetch(`http://127.0.0.1:${port}/`).then(
        () => true,
        () => false,
      );
      if (!ready) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (!ready) throw new Error(`the static server on port ${port} did not answer within 10 s`);
    const sizes: number[] = [];
    for (const page of pages) {
      const tab = await browser.newPage();
      const scripts: Promise<number>[] = [];
      tab.on('response', (response) => {
        if (response.request().resourceType() === 'script')
          scripts.push(
            response.body().then(
              (body) => gzipSync(body).length,
              () => 0,
            ),
          );
      });
      await tab.goto(`http://127.0.0.1:${port}/${relative(dist, page).replace(/index\.html$/, '')}`, { waitUntil: 'networkidle', timeout: 60_000 });
      await tab.waitForTimeout(1500);
      const inline = await tab.evaluate(() => [...document.querySelectorAll('script:not([src])')].map((script) => script.textContent ?? '').join('\n'));
      sizes.push((await Promise.all(scripts)).reduce((sum, size) => sum + size, 0) + gzipSync(inline).length);
      await tab.close();
    }
    return sizes;
  } finally {
    server.kill();
    await browser.close();
  }
}
