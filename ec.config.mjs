// Expressive Code settings (code blocks on every page). In their own file because they hold
// functions, which Astro cannot pass from astro.config.mjs to the <Code> component.
import { defineEcConfig } from '@astrojs/starlight/expressive-code';
import { promql } from './src/grammars/promql.ts';
import { pluginRunbookBlocks } from './src/expressive-code/runbook-blocks.ts';

export default defineEcConfig({
  shiki: {
    // Shiki has no PromQL grammar; ours (src/grammars) colours promql blocks. A loader function,
    // not the grammar object: Expressive Code hashes its options for every code block, and
    // hashing a function is cheap while hashing the grammar costs seconds per thousand blocks.
    langs: [() => promql],
    // Shiki's JavaScript regex engine instead of Oniguruma (WebAssembly): at 2,000 runbooks the
    // build is ~30% faster and peaks ~600 MB lower, because the WebAssembly memory only grows.
    engine: 'javascript',
  },
  plugins: [pluginRunbookBlocks()],
  // Long commands wrap (continuation lines keep their indentation) instead of scrolling sideways:
  // on a phone a filled-in value at the end of a kubectl line is otherwise out of sight. Copying is unaffected.
  defaultProps: { wrap: true },
});
