// Calls into a WebAssembly parser without V8's optimizing compiler. PostgreSQL's parser (libpg-query)
// holds one function of ~100 KB (the grammar's yyparse): the first statement parsed makes it "hot", and
// TurboFan then spends 2–5 s of CPU and ~600 MB of memory compiling it on a background thread, in a
// process that parses a few hundred statements at most (each well under a millisecond with the baseline
// compiler, Liftoff). On two shared cores that compile competes with the work itself. V8 decides to
// tier a function up only while it runs, so the filter below is set for the duration of our calls and
// restored after: other WebAssembly in the process (the site build's highlighter) keeps its tiering.
import { setFlagsFromString } from 'node:v8';

/** V8 releases known to have `--wasm-tier-up-filter` (an unknown flag would be printed to stderr). */
const SUPPORTED = (() => {
  const major = Number(process.versions.v8?.split('.')[0]);
  return major >= 11 && major <= 14;
})();

/** A function index no module has: "tier up only this function" then tiers up nothing. */
const NO_FUNCTION = 2_147_483_647;
let depth = 0;

/** Runs `call` (synchronous WebAssembly calls) with V8's tier-up to TurboFan held off. */
export function withBaselineWasm<T>(call: () => T): T {
  if (!SUPPORTED) return call();
  if (depth++ === 0) setFlagsFromString(`--wasm-tier-up-filter=${NO_FUNCTION}`);
  try {
    return call();
  } finally {
    if (--depth === 0) setFlagsFromString('--wasm-tier-up-filter=-1');
  }
}
