// The variables form and safe copying on a runbook page. Small on purpose: the quoting code
// (fill.ts) loads only once there is a value to fill in.
import type { ValueType } from '../lib/core/quote.ts';
import { explainValue } from '../lib/value-hint.ts';

export function initVariables(form: HTMLFormElement | null): void {
  const inputs = form ? [...form.querySelectorAll<HTMLInputElement>('input[name]')] : [];
  const byName = new Map(inputs.map((input) => [input.name, input]));
  const types = Object.fromEntries(inputs.map((input) => [input.name, { type: input.dataset.type as ValueType }]));
  /** Why the input's value is refused (the runner's rules, explained), or undefined. */
  const problemOf = (input: HTMLInputElement) =>
    input.value
      ? explainValue({ pattern: input.dataset.pattern, type: input.dataset.type as ValueType, example: input.dataset.example }, input.value)
      : undefined;
  const check = (input: HTMLInputElement) => {
    const problem = problemOf(input);
    const message = input.parentElement?.querySelector('.rb-var-message');
    if (message) message.textContent = problem ?? '';
    input.setAttribute('aria-invalid', String(Boolean(problem)));
    return !problem;
  };
  // Only valid values fill the commands: an invalid one leaves its placeholder as it is.
  const current = () => Object.fromEntries(inputs.filter((input) => input.value !== '' && !problemOf(input)).map((input) => [input.name, input.value]));

  // The blocks show (and copy) the values of update number `filled`; `requested` is the latest. Copying
  // waits until they agree, so it never copies values the reader has since changed.
  let requested = 0;
  let filled = 0;
  let failed = false;
  let filling: Promise<typeof import('./fill.ts')> | undefined;
  const update = async () => {
    const number = ++requested;
    try {
      filling ??= import('./fill.ts');
      const { fillBlocks } = await filling;
      if (number !== requested) return; // a newer update is on its way
      fillBlocks(current(), types);
      filled = number;
    } catch {
      failed = true;
    }
  };
  const syncUrl = () => {
    const params = new URLSearchParams(location.search);
    for (const input of inputs) {
      params.delete(input.name);
      if (input.dataset.fromLabel) params.delete(input.dataset.fromLabel);
      // Secrets never go into the URL (browser history, shared links, server logs).
      if (input.value && input.dataset.secret === undefined && !problemOf(input)) params.set(input.name, input.value);
    }
    const query = params.toString();
    history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
  };

  // Values from the URL: by variable name, or by the alert label the variable maps (`fromLabel`).
  const params = new URLSearchParams(location.search);
  for (const input of inputs) {
    if (input.dataset.secret !== undefined) continue;
    const value = params.get(input.name) ?? (input.dataset.fromLabel ? params.get(input.dataset.fromLabel) : null);
    if (value !== null) input.value = value;
  }
  if (inputs.some((input) => input.value)) {
    inputs.forEach(check);
    void update();
  }
  form?.addEventListener('input', (event) => {
    if (event.target instanceof HTMLInputElement) check(event.target);
    syncUrl();
    void update();
  });

  // Copy guard: a block whose placeholders are not all filled with valid values is copied only after
  // a visible warning that says which are missing and which values are refused, and why.
  document.addEventListener(
    'click',
    (event) => {
      const button = (event.target as Element).closest?.<HTMLElement>('.expressive-code .copy button');
      const figure = button?.closest<HTMLElement>('figure[data-rb-vars]');
      if (!button || !figure) return;
      let warning = figure.querySelector<HTMLElement>('.rb-copy-warning');
      const show = (text: string) => {
        event.stopImmediatePropagation();
        event.preventDefault();
        warning ??= Object.assign(document.createElement('p'), { className: 'rb-copy-warning' });
        warning.setAttribute('role', 'alert');
        warning.textContent = text;
        figure.append(warning);
      };
      if (failed) return show('The values could not be filled in (the page did not load completely): reload the page, or copy the command by hand.');
      if (filled !== requested) return show('Still filling in your values: click copy again in a moment.');
      const missing = (figure.dataset.rbMissing ?? figure.dataset.rbVars ?? '').split(' ').filter(Boolean);
      if (!missing.length) {
        warning?.remove();
        return;
      }
      // Refused: by the form's rules, or by the quoting for where the placeholder sits (fill.ts sets the title).
      const why = (name: string) => {
        const input = byName.get(name);
        return (input && problemOf(input)) || figure.querySelector<HTMLElement>(`.rb-var-error[data-var="${name}"]`)?.title;
      };
      const refused = missing.filter((name) => why(name));
      const empty = missing.filter((name) => !why(name));
      const text = [
        ...refused.map((name) => `<${name}> is not filled in because its value is refused. ${why(name)}`),
        ...(empty.length ? [`Not filled in: ${empty.map((name) => `<${name}>`).join(', ')}.`] : []),
        refused.length
          ? 'Correct the value above, or click copy again to copy with the placeholders.'
          : 'Fill in the values above, or click copy again to copy with the placeholders.',
      ].join(' ');
      if (warning?.textContent === text) return warning.remove(); // second click: copy as is (placeholders, never a refused value)
      show(text);
    },
    true,
  );
}
