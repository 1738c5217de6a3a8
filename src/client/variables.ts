// The variables form and safe copying on a runbook page. Small on purpose: the quoting code
// (fill.ts) loads only once there is a value to fill in.
import type { ValueType } from '../lib/core/quote.ts';

export function initVariables(form: HTMLFormElement | null): void {
  const inputs = form ? [...form.querySelectorAll<HTMLInputElement>('input[name]')] : [];
  const types = Object.fromEntries(inputs.map((input) => [input.name, { type: input.dataset.type as ValueType }]));
  const valid = (input: HTMLInputElement) => {
    const value = input.value;
    const type = input.dataset.type;
    const message = input.parentElement?.querySelector('.rb-var-message');
    let problem = '';
    // The same test as the runner and the linter: the whole value must match the pattern.
    const pattern = input.dataset.pattern;
    if (value && pattern && !new RegExp(`^(?:${pattern})$`, 'u').test(value)) problem = `Does not match the expected form (${input.placeholder}).`;
    else if (value && type === 'integer' && !/^-?\d+$/.test(value)) problem = 'Expected a whole number.';
    else if (value && type === 'number' && Number.isNaN(Number(value))) problem = 'Expected a number.';
    if (message) message.textContent = problem;
    input.setAttribute('aria-invalid', String(Boolean(problem)));
    return !problem;
  };
  const current = () => Object.fromEntries(inputs.filter((input) => input.value !== '' && valid(input)).map((input) => [input.name, input.value]));

  let filling: Promise<typeof import('./fill.ts')> | undefined;
  const update = async () => {
    filling ??= import('./fill.ts');
    (await filling).fillBlocks(current(), types);
  };
  const syncUrl = () => {
    const params = new URLSearchParams(location.search);
    for (const input of inputs) {
      params.delete(input.name);
      if (input.dataset.fromLabel) params.delete(input.dataset.fromLabel);
      // Secrets never go into the URL (browser history, shared links, server logs).
      if (input.value && input.dataset.secret === undefined && valid(input)) params.set(input.name, input.value);
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
    inputs.forEach(valid);
    void update();
  }
  form?.addEventListener('input', () => {
    syncUrl();
    void update();
  });

  // Copy guard: a block with unfilled placeholders is copied only after a visible warning.
  document.addEventListener(
    'click',
    (event) => {
      const button = (event.target as Element).closest?.<HTMLElement>('.expressive-code .copy button');
      const figure = button?.closest<HTMLElement>('figure[data-rb-vars]');
      if (!button || !figure) return;
      const missing = (figure.dataset.rbMissing ?? figure.dataset.rbVars ?? '').split(' ').filter(Boolean);
      let warning = figure.querySelector<HTMLElement>('.rb-copy-warning');
      if (!missing.length) {
        warning?.remove();
        return;
      }
      const text = `Not filled in: ${missing.map((name) => `<${name}>`).join(', ')}. Fill in the values above, or click copy again to copy with the placeholders.`;
      if (warning?.textContent === text) return warning.remove(); // second click: copy as is
      event.stopImmediatePropagation();
      event.preventDefault();
      warning ??= Object.assign(document.createElement('p'), { className: 'rb-copy-warning' });
      warning.setAttribute('role', 'alert');
      warning.textContent = text;
      figure.append(warning);
    },
    true,
  );
}
