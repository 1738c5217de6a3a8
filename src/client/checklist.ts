// Incident mode: a checkbox on each step, progress kept per runbook in localStorage, and a
// "Copy timeline" that copies the checked steps with their times for the incident channel. At a choice
// between options, the option taken is recorded too (with its time), and only its steps count.
import { initChoices } from './choices.ts';

interface StepInfo {
  id: string;
  title: string;
}
/** A choice between options, as the card lists it (src/lib/views.ts). */
interface ChoiceInfo {
  id: string;
  options: { id: string; label: string; title: string; steps: string[] }[];
}
type Progress = Record<string, string>; // step id → ISO time it was checked
type Chosen = Record<string, { option: string; at: string }>; // choice id → the option taken and when

export function timelineMarkdown(title: string, url: string, steps: StepInfo[], progress: Progress, choices: ChoiceInfo[] = [], chosen: Chosen = {}): string {
  const time = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
  // In document order (a choice where its first option starts), then by time: equal times keep that order.
  const entries: { at: string; text: string }[] = [];
  for (const step of steps) {
    for (const choice of choices) {
      const taken = chosen[choice.id];
      const option = taken && choice.options.find((candidate) => candidate.id === taken.option);
      if (option && choice.options[0].steps[0] === step.id) {
        const which = choices.length > 1 ? ` (choice ${choices.indexOf(choice) + 1})` : '';
        entries.push({ at: taken.at, text: `Chose option ${option.label}${which}: ${option.title}` });
      }
    }
    if (progress[step.id]) entries.push({ at: progress[step.id], text: step.title });
  }
  entries.sort((a, b) => a.at.localeCompare(b.at));
  return [`Runbook: [${title}](${url})`, ...entries.map((entry) => `- ${time(entry.at)} — ${entry.text}`)].join('\n');
}

export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Clipboard API refused (no permission, insecure context): the old way.
    const area = Object.assign(document.createElement('textarea'), { value: text });
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}

function loadJson<T extends object>(key: string): T {
  try {
    return JSON.parse(localStorage.getItem(key) ?? '{}') as T;
  } catch {
    return {} as T;
  }
}

export function initChecklist(panel: HTMLElement): void {
  const steps = JSON.parse(panel.dataset.steps ?? '[]') as StepInfo[];
  if (!steps.length) return;
  const alternatives = JSON.parse(panel.dataset.alternatives ?? '[]') as ChoiceInfo[];
  const key = `runbook-progress:${panel.dataset.runbookId}`;
  const choiceKey = `runbook-choices:${panel.dataset.runbookId}`;
  const load = () => loadJson<Progress>(key);
  let progress = load();
  let chosen = loadJson<Chosen>(choiceKey);
  // The choice and option each step belongs to: a step of an option not taken does not count.
  const optionOf = new Map(
    alternatives.flatMap((choice) => choice.options.flatMap((option) => option.steps.map((step) => [step, { choice: choice.id, option: option.id }] as const))),
  );
  const counts = (step: StepInfo) => {
    const found = optionOf.get(step.id);
    return !found || chosen[found.choice]?.option === found.option;
  };
  const status = panel.querySelector<HTMLElement>('[data-progress-status]')!;
  const boxes = new Map<string, HTMLInputElement>();
  const choose = (choice: string, option: string) => {
    chosen = { ...chosen, [choice]: { option, at: new Date().toISOString() } };
    localStorage.setItem(choiceKey, JSON.stringify(chosen));
    render();
  };
  const choices = initChoices(document, choose);
  const render = () => {
    const counted = steps.filter(counts);
    const count = counted.filter((step) => progress[step.id]).length;
    const open = alternatives.filter((choice) => !chosen[choice.id]).length;
    status.textContent = `${count} of ${counted.length} steps done${open ? ` · choose ${open > 1 ? 'the options' : 'an option'}` : ''}`;
    for (const choice of alternatives) choices.show(choice.id, chosen[choice.id]?.option);
    for (const [id, box] of boxes) {
      box.checked = Boolean(progress[id]);
      const when = box.parentElement?.querySelector('.rb-step-time');
      if (when) when.textContent = progress[id] ? progress[id].slice(11, 16) : '';
    }
  };
  const save = () => {
    localStorage.setItem(key, JSON.stringify(progress));
    render();
  };

  for (const step of steps) {
    const heading = document.getElementById(step.id);
    if (!heading) continue;
    const label = document.createElement('label');
    label.className = 'rb-step-check';
    label.innerHTML = '<input type="checkbox"><span>done</span> <time class="rb-step-time"></time>';
    const box = label.querySelector('input')!;
    box.setAttribute('aria-label', `Step done: ${step.title}`);
    box.addEventListener('change', () => {
      if (box.checked) progress[step.id] = new Date().toISOString();
      else delete progress[step.id];
      // A step done in an option of an open choice is that option taken.
      const found = optionOf.get(step.id);
      if (box.checked && found && !chosen[found.choice]) choose(found.choice, found.option);
      save();
    });
    (heading.closest('.sl-heading-wrapper') ?? heading).append(label);
    boxes.set(step.id, box);
  }
  panel.querySelector('[data-copy-timeline]')?.addEventListener('click', async (event) => {
    const button = event.currentTarget as HTMLButtonElement;
    await copyText(timelineMarkdown(panel.dataset.title ?? document.title, location.origin + location.pathname, steps, progress, alternatives, chosen));
    button.textContent = 'Copied';
    setTimeout(() => (button.textContent = 'Copy timeline'), 1500);
  });
  panel.querySelector('[data-reset-progress]')?.addEventListener('click', () => {
    progress = {};
    chosen = {};
    localStorage.removeItem(choiceKey);
    save();
  });
  // Another tab of the same runbook (a second screen during an incident) stays in step.
  addEventListener('storage', (event) => {
    if (event.key === key || event.key === choiceKey) {
      progress = load();
      chosen = loadJson<Chosen>(choiceKey);
      render();
    }
  });
  panel.hidden = false;
  render();
}
