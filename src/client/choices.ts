// The choices of a runbook page (src/markdown/runbook-page.ts wraps them): picking an option marks it and folds
// the other options down to their headings; "Show all options" unfolds them without changing the choice. Without
// JavaScript every option stays in view.

export interface Choices {
  /** Shows `option` (an option id) as the one taken in `group`, or no choice at all. */
  show(group: string, option: string | undefined): void;
}

const SHOW_ALL = 'Show all options';
const SHOW_CHOSEN = 'Fold the other options';

/** Wires every choice of the page; `onChoose` hears the reader pick an option. */
export function initChoices(root: ParentNode, onChoose: (group: string, option: string) => void): Choices {
  const choices = new Map<string, HTMLElement>();
  for (const choice of root.querySelectorAll<HTMLElement>('.rb-choice[data-choice]')) {
    const group = choice.dataset.choice!;
    choices.set(group, choice);
    const toggle = Object.assign(document.createElement('button'), {
      type: 'button',
      className: 'rb-button rb-choice-toggle',
      hidden: true,
      textContent: SHOW_ALL,
    });
    toggle.addEventListener('click', () => {
      const all = choice.dataset.showAll === undefined;
      if (all) choice.dataset.showAll = '';
      else delete choice.dataset.showAll;
      toggle.textContent = all ? SHOW_CHOSEN : SHOW_ALL;
      toggle.setAttribute('aria-expanded', String(all));
    });
    toggle.setAttribute('aria-expanded', 'false');
    choice.querySelector('.rb-choice-picker')?.append(toggle);
    for (const radio of choice.querySelectorAll<HTMLInputElement>('input[type=radio]')) {
      radio.addEventListener('change', () => {
        if (radio.checked) onChoose(group, radio.value);
      });
    }
  }
  return {
    show(group, option) {
      const choice = choices.get(group);
      if (!choice) return;
      if (option) choice.dataset.chosen = option;
      else delete choice.dataset.chosen;
      for (const radio of choice.querySelectorAll<HTMLInputElement>('input[type=radio]')) radio.checked = radio.value === option;
      for (const wrapper of choice.querySelectorAll<HTMLElement>('.rb-option[data-option]')) {
        wrapper.classList.toggle('rb-option-chosen', option !== undefined && wrapper.dataset.option === option);
        wrapper.classList.toggle('rb-option-other', option !== undefined && wrapper.dataset.option !== option);
      }
      const toggle = choice.querySelector<HTMLButtonElement>('.rb-choice-toggle');
      if (toggle) toggle.hidden = option === undefined;
    },
  };
}
