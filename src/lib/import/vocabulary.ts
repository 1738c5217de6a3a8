// The words source documents use for sections, labels, runbook groups and shared parts, mapped to
// what they become: a canonical section (FORMAT.md), a list of steps, metadata, or a service page.
import { sectionFor } from '../model/sections.ts';
import type { SectionName } from '../model/types.ts';

export type MetaField = 'severity' | 'timeToResolve' | 'responseTime' | 'alert' | 'alertName' | 'threshold' | 'lastUpdated' | 'owner';

export type Role =
  /** A canonical section; `keepLabel` keeps a label that says more than the section name ("Do this immediately"). */
  | { kind: 'section'; section: SectionName; keepLabel?: boolean }
  /** "Steps", "Runbook": steps, sorted into Investigation and Resolution by what they do. */
  | { kind: 'steps' }
  /** A heading whose content is metadata ("### Alert" with Name / Severity / Threshold). */
  | { kind: 'alert-section' }
  | { kind: 'metadata'; field: MetaField };

/** Lowercase words only: "🔍 Investigation Steps:" → "investigation steps", "Causes & Fixes" → "causes and fixes". */
export function normaliseLabel(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const section = (name: SectionName, keepLabel = false): Role => ({ kind: 'section', section: name, ...(keepLabel ? { keepLabel } : {}) });
const meta = (field: MetaField): Role => ({ kind: 'metadata', field });

// Beyond the model's own synonyms (src/lib/model/sections.ts).
const ROLES: Record<string, Role> = {
  signs: section('symptoms'),
  'when to use': section('symptoms'),
  'when to rollback': section('symptoms'),
  'when to roll back': section('symptoms'),
  triggers: section('symptoms'),
  'alert description': section('symptoms'),
  description: section('symptoms'),
  'problem description': section('symptoms'),
  problem: section('symptoms'),
  'business impact': section('impact'),
  'user impact': section('impact'),
  check: section('investigation', true),
  checks: section('investigation', true),
  detection: section('investigation', true),
  debug: section('investigation', true),
  debugging: section('investigation', true),
  diagnostics: section('investigation'),
  troubleshooting: section('investigation'),
  'troubleshooting steps': section('investigation'),
  'diagnosis steps': section('investigation'),
  'investigation and diagnosis': section('investigation'),
  fix: section('resolution', true),
  fixes: section('resolution', true),
  remediation: section('resolution'),
  'remediation steps': section('resolution'),
  recovery: section('resolution'),
  'resolution steps': section('resolution'),
  'rollback procedure': section('resolution'),
  'roll back procedure': section('resolution'),
  'common causes and fixes': section('resolution'),
  'causes and fixes': section('resolution'),
  workaround: section('resolution', true),
  'do this immediately': section('resolution', true),
  'immediate actions': section('resolution', true),
  'immediate action': section('resolution', true),
  verify: section('verification'),
  validation: section('verification'),
  'post rollback': section('post-incident'),
  'post-rollback': section('post-incident'),
  'post incident actions': section('post-incident'),
  'post-incident actions': section('post-incident'),
  'follow up': section('post-incident'),
  'follow-up': section('post-incident'),
  postmortem: section('post-incident'),
  'post-mortem': section('post-incident'),
  'post mortem': section('post-incident'),
  'prevention measures': section('prevention'),
  'escalation path': section('escalation'),
  'when to escalate': section('escalation'),
  steps: { kind: 'steps' },
  runbook: { kind: 'steps' },
  procedure: { kind: 'steps' },
  actions: { kind: 'steps' },
  alert: { kind: 'alert-section' },
  'alert details': { kind: 'alert-section' },
  severity: meta('severity'),
  priority: meta('severity'),
  'time to resolve': meta('timeToResolve'),
  'time to resolution': meta('timeToResolve'),
  'resolution time': meta('timeToResolve'),
  'expected resolution time': meta('timeToResolve'),
  ttr: meta('timeToResolve'),
  'response sla': meta('responseTime'),
  'response time': meta('responseTime'),
  'time to respond': meta('responseTime'),
  sla: meta('responseTime'),
  alerts: meta('alert'),
  'alert name': meta('alertName'),
  threshold: meta('threshold'),
  condition: meta('threshold'),
  'last updated': meta('lastUpdated'),
  'last reviewed': meta('lastUpdated'),
  owner: meta('owner'),
  'maintained by': meta('owner'),
};

/** What a heading or label of a runbook stands for, or undefined when it is none of the known words. */
export function roleOf(text: string): Role | undefined {
  const normalised = normaliseLabel(text);
  const known = ROLES[normalised];
  if (known) return known;
  const canonical = sectionFor(normalised);
  return canonical ? section(canonical) : undefined;
}

/** `**Alert**: ...` is metadata in a runbook; in the "Alert" heading section, `**Name**:` is the alert name too. */
export function labelRole(label: string, inAlertSection: boolean): Role | undefined {
  const normalised = normaliseLabel(label);
  if (normalised === 'alert') return meta('alert');
  if (inAlertSection && normalised === 'name') return meta('alertName');
  return roleOf(label);
}

/** Headings of shared parts of a document: they become service pages, never runbooks. */
const SHARED =
  /\b(escalat\w*|contacts?|contact information|on-?call|severity|severities|communication|templates?|post-?mortems?|post-?incident|useful commands|commands|quick reference|cheat ?sheet|reference|related|overview|introduction|about|glossary|appendix|monitoring|dashboards?|metrics|table of contents|contents|changelog|version|owners?)\b/i;
export const isSharedTitle = (title: string) => SHARED.test(title);

/** Headings of groups whose sub-sections are runbooks even without an id ("Common Tasks", "Troubleshooting"). */
const GROUP =
  /\b(incidents?|tasks?|troubleshoot\w*|emergenc\w*|procedures?|playbooks?|runbooks?|operations?|issues?|scenarios?|problems?|alerts?|failures?|outages?)\b/i;
export const isGroupTitle = (title: string) => GROUP.test(title) && !/\bescalat/i.test(title);

export const isTableOfContents = (title: string) => /^(table of contents|contents|toc|index)$/.test(normaliseLabel(title));

/** Where a step goes when its list does not say: by the verb its title starts with. */
export type StepKind = 'investigation' | 'resolution' | 'verification' | 'post-incident' | 'neutral';

const RESOLUTION_WORDS =
  /^(?:if|option|short-term|medium-term|long-term|immediate\w*|manual\w*|emergency|roll ?back|rollback|restart|scale|increase|decrease|raise|lower|kill|terminate|block|unblock|enable|disable|fix|update|upgrade|downgrade|deploy|redeploy|restore|implement|switch|trigger|create|vacuum|optimi[sz]\w*|declare|page|notify|communicate|apply|patch|flush|clear|reboot|fail ?over|failover|stop|preserve|activate|deactivate|rotate|revert|add|remove|delete|drop|purge|drain|cordon|evict|backup|back up|reduce|tune|adjust|set|reset|resume|pause|suspend|route|reroute|mitigate|recover|workaround|force|upgrade|replace|move|disconnect)\b/i;
const INVESTIGATION_WORDS =
  /^(?:check|validate|review|identify|list|analy[sz]e|assess|inspect|find|look|get|view|describe|diagnose|detect|debug|measure|examine|determine|investigate|gather|collect|query|search|locate|audit|isolate|understand|compare)\b/i;
const VERIFICATION_WORDS = /^(?:verify|monitor|confirm|watch|validate|test|observe|ensure)\b/i;

export function stepKind(title: string): StepKind {
  const text = title.replace(/^step\s*\d+\s*[:.-]\s*/i, '').trim();
  const role = roleOf(text);
  if (role?.kind === 'section' && role.section === 'post-incident') return 'post-incident';
  if (role?.kind === 'section' && role.section === 'verification') return 'verification';
  if (VERIFICATION_WORDS.test(text)) return 'verification';
  if (RESOLUTION_WORDS.test(text)) return 'resolution';
  if (INVESTIGATION_WORDS.test(text)) return 'investigation';
  return 'neutral';
}
