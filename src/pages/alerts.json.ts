// What the 404 page needs to help someone who followed a link to an alert without a runbook: every
// alert name with its runbooks, and every runbook's title, id, aliases and alerts (for suggestions).
// Small on purpose (no commands): the page loads it only for /alerts/<name>/ addresses.
import { alertGroups, catalog, siteProject } from '../lib/views.ts';

export interface AlertsJson {
  alerts: { name: string; runbooks: { title: string; url: string; service: string }[] }[];
  runbooks: { id: string; title: string; url: string; service: string; aliases: string[]; alerts: string[] }[];
}

export async function GET() {
  const project = await siteProject();
  const body: AlertsJson = {
    alerts: alertGroups(project).map((group) => ({
      name: group.name,
      runbooks: group.entries.map((entry) => ({ title: entry.runbook.title, url: entry.runbook.url, service: entry.runbook.service.name })),
    })),
    runbooks: catalog(project).map((card) => ({
      id: card.id,
      title: card.title,
      url: card.url,
      service: card.service.name,
      aliases: card.aliases,
      alerts: card.alerts,
    })),
  };
  return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
}
