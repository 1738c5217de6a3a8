// The three risk levels of FORMAT.md, lowest first, and their order.
import { RISKS, type Risk } from '../../../schema/risk.ts';

export { RISKS, type Risk };
export type ChangingRisk = Exclude<Risk, 'read'>;

/** Compares risks: negative when `a` is lower than `b`. */
export function compareRisk(a: Risk, b: Risk): number {
  return RISKS.indexOf(a) - RISKS.indexOf(b);
}
