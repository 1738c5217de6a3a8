// Canonical section names and the synonyms teams use for them.
import type { SectionName } from './types.ts';

const SYNONYMS: Record<string, SectionName> = {
  symptoms: 'symptoms',
  meaning: 'symptoms',
  recognition: 'symptoms',
  impact: 'impact',
  investigation: 'investigation',
  'investigation steps': 'investigation',
  diagnosis: 'investigation',
  resolution: 'resolution',
  'resolution actions': 'resolution',
  mitigation: 'resolution',
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
