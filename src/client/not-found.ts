// The 404 page for /alerts/<name>/: the alert has no runbook yet; the closest alert names and the
// runbooks that may cover it, from /alerts.json; a name that differs only in case goes straight to its alert.
import { closestNames, closestTexts } from '../lib/alert-suggest.ts';
import type { AlertsJson } from '../pages/alerts.json.ts';

const ALERT_PATH = /^\/alerts\/([^/]+)\/?$/;

function item(href: string, text: string, note: string): HTMLLIElement {
  const li = document.createElement('li');
  const link = Object.assign(document.createElement('a'), { href, textContent: text });
  li.append(link, note);
  return li;
}

export async function initNotFound(): Promise<void> {
  const match = ALERT_PATH.exec(location.pathname);
  const section = document.querySelector<HTMLElement>('[data-alert-help]');
  if (!match || !section) return;
  let name: string;
  try {
    name = decodeURIComponent(match[1]);
  } catch {
    return;
  }
  for (const element of section.querySelectorAll('[data-alert-name]')) element.textContent = name;
  section.hidden = false;
  document.querySelector<HTMLElement>('[data-not-found-generic]')?.setAttribute('hidden', '');

  let data: AlertsJson;
  try {
    const response = await fetch('/alerts.json');
    if (!response.ok) return;
    data = (await response.json()) as AlertsJson;
  } catch {
    return; // the section still says what to do
  }
  const keep = location.search + location.hash;
  const exact = data.alerts.find((alert) => alert.name.toLowerCase() === name.toLowerCase());
  if (exact && exact.name !== name) {
    // Only the case differs: the reader meant that alert (and its page redirects on, keeping the query).
    location.replace(`/alerts/${encodeURIComponent(exact.name)}/${keep}`);
    const paragraph = section.querySelector<HTMLElement>('[data-alert-exact]');
    const link = section.querySelector<HTMLAnchorElement>('[data-alert-exact-link]');
    if (paragraph && link) {
      link.href = `/alerts/${encodeURIComponent(exact.name)}/${keep}`;
      link.textContent = exact.name;
      paragraph.hidden = false;
    }
    return;
  }

  const alerts = closestNames(name, data.alerts, (alert) => alert.name);
  const alertList = section.querySelector('[data-alert-list]');
  if (alerts.length && alertList) {
    for (const { item: alert } of alerts) {
      const where = alert.runbooks.map((runbook) => `${runbook.title} (${runbook.service})`).join('; ');
      alertList.append(item(`/alerts/${encodeURIComponent(alert.name)}/${keep}`, alert.name, ` → ${where}`));
    }
    section.querySelector<HTMLElement>('[data-alert-suggestions]')!.hidden = false;
  }
  const shown = new Set(alerts.flatMap(({ item: alert }) => alert.runbooks.map((runbook) => runbook.url)));
  const runbooks = closestTexts(name, data.runbooks, (runbook) => [runbook.title, runbook.id, ...runbook.aliases, ...runbook.alerts].join(' ')).filter(
    ({ item: runbook }) => !shown.has(runbook.url),
  );
  const runbookList = section.querySelector('[data-runbook-list]');
  if (runbooks.length && runbookList) {
    for (const { item: runbook } of runbooks) runbookList.append(item(runbook.url + keep, runbook.title, ` (${runbook.service}, ${runbook.id})`));
    section.querySelector<HTMLElement>('[data-runbook-suggestions]')!.hidden = false;
  }
}
