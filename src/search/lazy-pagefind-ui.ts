// Stands in for `@pagefind/default-ui` in Starlight's own Search component (a Vite alias in
// astro.config.mjs): Starlight creates the UI at idle on every page view, which loads ~26 KiB
// gzip of JavaScript nobody needs until they search. This loads the real UI when the search
// dialog opens, and replays what the reader typed while it was loading. A query that is exactly a
// runbook's alias ("RB-007") is searched as that runbook's id, so the runbook comes first.
import { aliasTerm } from './aliases.ts';
// @ts-expect-error: the package ships no types
import type * as RealModule from '@pagefind/default-ui/npm_dist/mjs/ui-core.mjs';

type Options = Record<string, unknown> & { element: string };
interface RealUI {
  triggerSearch(term: string): void;
}

/** Alias → runbook id (src/pages/runbook-aliases.json.ts); none when it cannot be loaded. */
const loadAliases = (): Promise<Record<string, string>> =>
  fetch(`${import.meta.env.BASE_URL.replace(/\/$/, '')}/runbook-aliases.json`)
    .then((response) => (response.ok ? (response.json() as Promise<Record<string, string>>) : {}))
    .catch(() => ({}));

const loadReal = () =>
  // @ts-expect-error: the package ships no types
  import('@pagefind/default-ui/npm_dist/mjs/ui-core.mjs') as Promise<typeof RealModule & { PagefindUI: new (options: Options) => RealUI }>;

export class PagefindUI {
  constructor(options: Options) {
    const container = document.querySelector(options.element);
    const dialog = container?.closest('dialog');
    let typed = '';
    let started = false;
    const buffer = (event: KeyboardEvent) => {
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === 'Backspace') typed = typed.slice(0, -1);
      else if (event.key.length === 1) typed += event.key;
    };
    const start = async () => {
      if (started) return;
      started = true;
      dialog?.addEventListener('keydown', buffer);
      const [{ PagefindUI: Real }, aliases] = await Promise.all([loadReal(), loadAliases()]);
      // 22 words instead of Pagefind's 12 (with sub-results): enough for a runbook's "Severity: … · Service: … · Id: …" line.
      const ui = new Real({ excerptLength: 22, ...options, processTerm: (term: string) => aliasTerm(aliases, term) });
      dialog?.removeEventListener('keydown', buffer);
      const input = container?.querySelector('input');
      if (input && dialog?.open) {
        input.focus();
        if (typed) {
          input.value = typed;
          ui.triggerSearch(typed);
        }
      }
    };
    if (!dialog) {
      void start();
      return;
    }
    if (dialog.open) void start();
    new MutationObserver(() => dialog.open && void start()).observe(dialog, { attributes: true, attributeFilter: ['open'] });
    // Start fetching as soon as the reader shows intent (hovering or focusing the search button).
    const button = document.querySelector('site-search button[data-open-modal]');
    for (const type of ['pointerenter', 'focus', 'touchstart']) button?.addEventListener(type, () => void start(), { once: true, passive: true });
  }
}
