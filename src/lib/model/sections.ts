// Canonical section names and the synonyms teams use for them.
import type { SectionName } from './types.ts';

const SYNONYMS: Record<string, SectionName> = {
  symptoms: 'symptoms',
  meaning: 'symptoms',
  recognition: 'symptoms',
  // Names the public alert collections use for the same sections (openshift/runbooks, GitLab's runbooks).
  'alert description': 'symptoms',
  impact: 'impact',
  investigation: 'investigation',
  'investigation steps': 'investigation',
  diagnosis: 'investigation',
  diagnostics: 'investigation',
  troubleshooting: 'investigation',
  troubleshoot: 'investigation',
  'troubleshooting steps': 'investigation',
  'possible checks': 'investigation',
  checks: 'investigation',
  resolution: 'resolution',
  'resolution actions': 'resolution',
  mitigation: 'resolution',
  remediation: 'resolution',
  verification: 'verification',
  prevention: 'prevention',
  escalation: 'escalation',
  'post-incident': 'post-incident',
  'post incident': 'post-incident',
  postincident: 'post-incident',
};

/** The canonical section for a `##` heading, or null when it is not a known section. */
export function sectionFor(heading: string): SectionName | null {
  const normalised = heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return SYNONYMS[normalised] ?? null;
}
