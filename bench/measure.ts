// Measurements of a built site and of commands, for the benchmark.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface Timed {
  ms: number;
  /** Peak resident memory of the process, bytes. */
  maxRss: number;
  status: number | null;
  output: string;
}

/**
 * Runs a Node script in a fresh process and reports its wall time and peak memory (the process
 * reports its own `resourceUsage().maxRSS` on exit, so no external `time` tool is needed).
 */
export function runNode(args: string[], cwd: string, env: Record<string, string> = {}): Timed {
  const reporter = `process.on('exit', () => process.stderr.write('\\n@@maxrss ' + process.resourceUsage().maxRSS + '\\n'));`;
  const start = performance.now();
  const result = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(reporter)}`, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = performance.now() - start;
  const rss = /@@maxrss (\d+)/.exec(result.stderr ?? '');
  return { ms, maxRss: rss ? Number(rss[1]) * 1024 : 0, status: result.status, output: `${result.stdout}\n${result.stderr}` };
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
  const { chromium } = await import('@playwright/test');
  const { spawn } = await import('node:child_process');
  const port = 4400 + Math.floor(Math.random() * 500);
  const server = spawn(process.execPath, [join(process.cwd(), 'test/e2e/static-server.ts')], { cwd: join(dist, '..'), env: { ...process.env, PORT: String(port) }, stdio: 'ignore' });
  const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium';
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  try {
    // Wait until the server answers (Node and TypeScript start-up takes a moment).
    for (let attempt = 0; attempt < 100; attempt++) {
      const ready = await fetch(`http://127.0.0.1:${port}/`).then(() => true, () => false);
      if (ready) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const sizes: number[] = [];
    for (const page of pages) {
      const tab = await browser.newPage();
      const scripts: Promise<number>[] = [];
      tab.on('response', (response) => {
        if (response.request().resourceType() === 'script') scripts.push(response.body().then((body) => gzipSync(body).length, () => 0));
      });
      await tab.goto(`http://127.0.0.1:${port}/${relative(dist, page).replace(/index\.html$/, '')}`, { waitUntil: 'networkidle' });
      await tab.waitForTimeout(1500);
      const inline = await tab.evaluate(() => [...document.querySelectorAll('script:not([src])')].map((script) => script.textContent ?? '').join('\n'));
      sizes.push((await Promise.all(scripts)).reduce((sum, size) => sum + size, 0) + gzipSync(inline).length);
      await tab.close();
    }
    return sizes;
  } finally {
    await browser.close();
    server.kill();
  }
}
