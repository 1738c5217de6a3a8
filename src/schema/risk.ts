// The three risk levels of FORMAT.md, lowest first: what a command block may declare and what the registry and
// transcripts record.
export const RISKS = ['read', 'change', 'destructive'] as const;
export type Risk = (typeof RISKS)[number];
