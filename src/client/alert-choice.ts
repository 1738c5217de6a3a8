// The choice page's pick (src/lib/alert-choice.ts, shared with `runbook alerts check`).
export { chooseRunbook, type AlertChoice } from '../lib/alert-choice.ts';
