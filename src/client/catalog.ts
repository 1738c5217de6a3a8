// The catalog's filters and sort, in the browser. The choices go into the URL (?service=tickets&stale=1)
// so a filtered catalog can be shared; the page without this script shows every runbook.

type Sort = 'severity' | 'title' | 'service' | 'reviewed';

const FIELDS = ['service', 'severity', 'owner', 'stale', 'sort'] as const;

function compare(sort: Sort) {
  return (a: HTMLElement, b: HTMLElement): number => {
    const rank = Number(a.dataset.rank) - Number(b.dataset.rank); // severity, then title (the page's order)
    const text = (key: 'title' | 'serviceName' | 'reviewed') => (a.dataset[key] ?? '').localeCompare(b.dataset[key] ?? '');
    if (sort === 'title') return text('title') || text('serviceName');
    if (sort === 'service') return text('serviceName') || rank;
    // Never reviewed ('') sorts first: it is the most overdue.
    if (sort === 'reviewed') return text('reviewed') || rank;
    return rank;
  };
}

export function initCatalog(form: HTMLFormElement | null): void {
  const table = document.querySelector<HTMLTableElement>('[data-testid="catalog"]');
  const body = table?.tBodies[0];
  if (!form || !body) return;
  const rows = [...body.rows];
  const count = form.querySelector<HTMLElement>('[data-catalog-count]');
  const empty = document.querySelector<HTMLElement>('[data-catalog-empty]');
  const control = (name: (typeof FIELDS)[number]) => form.elements.namedItem(name) as HTMLSelectElement | HTMLInputElement | null;

  // Start from the URL's choices (only values the controls offer).
  const params = new URLSearchParams(location.search);
  for (const name of FIELDS) {
    const element = control(name);
    const value = params.get(name);
    if (!element || value === null) continue;
    if (element instanceof HTMLInputElement) element.checked = value === '1';
    else if ([...element.options].some((option) => option.value === value)) element.value = value;
  }

  const apply = () => {
    const wanted = { service: control('service')?.value ?? '', severity: control('severity')?.value ?? '', owner: control('owner')?.value ?? '' };
    const staleOnly = (control('stale') as HTMLInputElement | null)?.checked ?? false;
    const sort = (control('sort')?.value ?? 'severity') as Sort;
    let shown = 0;
    for (const row of rows) {
      const visible =
        (!wanted.service || row.dataset.service === wanted.service) &&
        (!wanted.severity || row.dataset.severity === wanted.severity) &&
        (!wanted.owner || row.dataset.owner === wanted.owner) &&
        (!staleOnly || row.dataset.stale === '1');
      row.hidden = !visible;
      if (visible) shown++;
    }
    body.append(...[...rows].sort(compare(sort)));
    if (count) count.textContent = `Showing ${shown} of ${rows.length} runbooks.`;
    if (empty) empty.hidden = shown > 0;

    const query = new URLSearchParams(location.search);
    for (const name of FIELDS) query.delete(name);
    for (const [name, value] of Object.entries(wanted)) if (value) query.set(name, value);
    if (staleOnly) query.set('stale', '1');
    if (sort !== 'severity') query.set('sort', sort);
    const search = query.toString();
    history.replaceState(history.state, '', `${location.pathname}${search ? `?${search}` : ''}${location.hash}`);
  };

  form.hidden = false;
  form.addEventListener('change', apply);
  apply();
}
