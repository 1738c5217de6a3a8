// The risk to act on for a block: what it declares, raised to what its commands do (a block declared `read`
// that runs `kubectl delete` is destructive wherever it is shown, copied or run), and `change` for a block that
// runs a program only known at run time (`$K delete pod x`) and declares nothing. Blocks that do not run
// (snippets, text) keep what they declare.
import type { BlockKind } from '../block.ts';
import type { RiskInference } from './infer.ts';
import { compareRisk, type Risk } from './levels.ts';

export interface EffectiveRisk {
  risk: Risk;
  /** Set when the risk is above the declared one: why (`deletes Kubernetes objects`) and the command. */
  raised?: { reason: string; command?: string };
}

export function effectiveRisk(kind: BlockKind, declared: { risk: Risk; riskDeclared: boolean }, inferred: RiskInference): EffectiveRisk {
  if (kind !== 'command' && kind !== 'console') return { risk: declared.risk };
  const top = inferred.findings.reduce<RiskInference['findings'][number] | undefined>(
    (best, finding) => (!best || compareRisk(finding.risk, best.risk) > 0 ? finding : best),
    undefined,
  );
  if (top && compareRisk(top.risk, declared.risk) > 0) return { risk: top.risk, raised: { reason: top.reason, command: top.command } };
  if (!declared.riskDeclared && inferred.unknown.length && compareRisk('change', declared.risk) > 0) {
    return {
      risk: 'change',
      raised: { reason: 'runs a program that is only known when it runs (declare risk= on the block)', command: inferred.unknown[0].command },
    };
  }
  return { risk: declared.risk };
}
