// Starts the WebAssembly shell parser and returns its API. A package of its own so that bundlers (the site's
// Vite build) leave it where it is: the module finds its two files next to itself.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';

export async function startShellParser() {
  // Go's runtime glue (wasm_exec.js of the Go release that built the module): defines globalThis.Go.
  createRequire(import.meta.url)('./wasm_exec.cjs');
  const bytes = gunzipSync(readFileSync(new URL('./mvdan-sh.wasm.gz', import.meta.url)));
  const go = new globalThis.Go();
  const { instance } = await WebAssembly.instantiate(bytes, go.importObject);
  // The Go program registers its API and then waits forever for calls; `run` never settles.
  void go.run(instance);
  const api = globalThis.__runbookShellParser;
  if (!api) throw new Error('the shell parser did not start');
  return api;
}
