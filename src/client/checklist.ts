// Incident mode: a checkbox on each step, progress kept per runbook in localStorage, and a
// "Copy timeline" that copies the checked steps with their times for the incident channel.

interface StepInfo {
  id: string;
  title: string;
}
type Progress = Record<string, string>; // step id → ISO time it was checked

export function timelineMarkdown(title: string, url: string, steps: StepInfo[], progress: Progress): string {
  const done = steps.filter((step) => progress[step.id]).sort((a, b) => progress[a.id].localeCompare(progress[b.id]));
  const time = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
  return [`Runbook: [${title}](${url})`, ...done.map((step) => `- ${time(progress[step.id])} — ${step.title}`)].join('\n');
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

export function initChecklist(panel: HTMLElement): void {
  const steps = JSON.parse(panel.dataset.steps ?? '[]') as StepInfo[];
  if (!steps.length) return;
  const key = `runbook-progress:${panel.dataset.runbookId}`;
  const load = (): Progress => {
    try {
      return JSON.parse(localStorage.getItem(key) ?? '{}') as Progress;
    } catch {
      return {};
    }
  };
  let progress = load();
  const status = panel.querySelector<HTMLElement>('[data-progress-status]')!;
  const boxes = new Map<string, HTMLInputElement>();
  const render = () => {
    const count = steps.filter((step) => progress[step.id]).length;
    status.textContent = `${count} of ${steps.length} steps done`;
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
      save();
    });
    (heading.closest('.sl-heading-wrapper') ?? heading).append(label);
    boxes.set(step.id, box);
  }
  panel.querySelector('[data-copy-timeline]')?.addEventListener('click', async (event) => {
    const button = event.currentTarget as HTMLButtonElement;
    await copyText(timelineMarkdown(panel.dataset.title ?? document.title, location.origin + location.pathname, steps, progress));
    button.textContent = 'Copied';
    setTimeout(() => (button.textContent = 'Copy timeline'), 1500);
  });
  panel.querySelector('[data-reset-progress]')?.addEventListener('click', () => {
    progress = {};
    save();
  });
  // Another tab of the same runbook (a second screen during an incident) stays in step.
  addEventListener('storage', (event) => {
    if (event.key === key) {
      progress = load();
      render();
    }
  });
  panel.hidden = false;
  render();
}
