// SARIF 2.1.0, for code scanning tools (GitHub code scanning, IDE viewers).
import type { Problem } from '../../problem.ts';
import type { RuleMeta } from '../types.ts';

/** What a SARIF rule descriptor needs of a rule (lint rules, and the problem kinds of `runbook alerts check`). */
export type SarifRule = { meta: Pick<RuleMeta, 'id' | 'description' | 'docs' | 'severity'> };

export function formatSarif(problems: Problem[], rules: SarifRule[], docsUrl: (rule: string) => string, tool = 'runbook-lint'): string {
  const used = new Set(problems.map((problem) => problem.rule));
  const descriptors = rules.map((rule) => ({
    id: rule.meta.id,
    name: rule.meta.id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.meta.description },
    fullDescription: { text: rule.meta.docs },
    helpUri: docsUrl(rule.meta.id),
    defaultConfiguration: { level: rule.meta.severity === 'error' ? 'error' : 'warning' },
  }));
  // Problems from the engine itself (lint/crash, lint/ignore) get a descriptor too.
  for (const id of used) {
    if (!descriptors.some((descriptor) => descriptor.id === id)) {
      descriptors.push({
        id,
        name: id,
        shortDescription: { text: id },
        fullDescription: { text: id },
        helpUri: docsUrl(id),
        defaultConfiguration: { level: 'error' },
      });
    }
  }
  const index = new Map(descriptors.map((descriptor, i) => [descriptor.id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: tool, informationUri: docsUrl(''), rules: descriptors } },
        results: problems.map((problem) => ({
          ruleId: problem.rule,
          ruleIndex: index.get(problem.rule),
          level: problem.severity === 'error' ? 'error' : 'warning',
          message: { text: problem.hint ? `${problem.message} (${problem.hint})` : problem.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: problem.file },
                region: { startLine: problem.line, startColumn: problem.column, endLine: problem.endLine, endColumn: Math.max(problem.endColumn, 1) },
              },
            },
          ],
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
