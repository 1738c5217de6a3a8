// Severities of a runbook, most severe first. Without zod, so the CLI can sort and filter by them without loading the schemas.

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** 0 for critical, 3 for low: sorts the most severe first. */
export const severityRank = (severity: Severity) => SEVERITIES.indexOf(severity);
