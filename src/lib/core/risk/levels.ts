// The three risk levels of FORMAT.md, lowest first.
export const RISKS = ['read', 'change', 'destructive'] as const;
export type Risk = (typeof RISKS)[number];
export type ChangingRisk = Exclude<Risk, 'read'>;

/** Compares risks: negative when `a` is lower than `b`. */
export function compareRisk(a: Risk, b: Risk): number {
  return RISKS.indexOf(a) - RISKS.indexOf(b);
}
