// RuleTester tables for the rules over structure, review state, placeholders, fences, links and MDX.
import { reviewStale, schemaSections } from '../../../src/lib/lint/rules/content.ts';
import { exampleRunbook } from '../../../src/lib/lint/rules/example.ts';
import { fencesLanguage, fencesPrompt } from '../../../src/lib/lint/rules/fences.ts';
import { linksResolve } from '../../../src/lib/lint/rules/links.ts';
import { mdxSafety } from '../../../src/lib/lint/rules/mdx-safety.ts';
import { envDeclared, placeholdersContext, placeholdersDeclared, placeholdersExample, placeholdersUsed } from '../../../src/lib/lint/rules/placeholders.ts';
import { fencesAttributes, idsUnique, mdxSyntax, schemaDuplicate, schemaFrontmatter, schemaReference } from '../../../src/lib/lint/rules/schema.ts';
import { ruleTester } from '../../helpers/rule-tester.ts';

// exampleRunbook() frontmatter: lines 1-7 then the extra runbook lines from line 8; the body starts
// two lines after the closing `---` (line 10 without extra lines).
const body = (text: string) => `## Symptoms\n\nSlow.\n\n## Investigation\n\n### Check\n\n${text}`;
const bash = (code: string, meta = '') => body(`\`\`\`bash${meta ? ` ${meta}` : ''}\n${code}\n\`\`\`\n`);

ruleTester(schemaFrontmatter, {
  valid: [{ name: 'valid frontmatter', code: exampleRunbook({ runbook: 'responseTime: 5m' }) }],
  invalid: [
    {
      name: 'unknown key',
      code: exampleRunbook({ runbook: 'owner: a\nonwer: b' }),
      errors: [{ message: /^runbook: Unknown key "onwer"; allowed keys: id, /, line: 9, column: 3 }],
    },
  ],
});

ruleTester(schemaDuplicate, {
  valid: [{ name: 'one alert per name', code: exampleRunbook({ runbook: 'alerts:\n  - name: A\n  - name: B' }) }],
  invalid: [
    {
      name: 'same alert twice',
      code: exampleRunbook({ runbook: 'alerts:\n  - name: A\n  - name: A' }),
      errors: [{ message: 'Duplicate alert name "A" in service tickets: already used by this runbook', line: 10, column: 13 }],
    },
  ],
});

ruleTester(schemaReference, {
  valid: [
    {
      name: 'related runbook exists',
      code: exampleRunbook({ runbook: 'related: [shop-other]' }),
      others: { 'tickets/other.mdx': exampleRunbook().replace('id: shop-slow-api', 'id: shop-other') },
    },
  ],
  invalid: [
    {
      name: 'dangling related',
      code: exampleRunbook({ runbook: 'related: [shop-missing]' }),
      errors: [{ message: 'Unknown related runbook "shop-missing"', line: 8, column: 13 }],
    },
  ],
});

ruleTester(mdxSyntax, {
  valid: [{ name: 'escaped brace', code: exampleRunbook({ body: '## Symptoms\n\nAbove \\{threshold} and `a < b`.\n' }) }],
  invalid: [
    {
      name: 'stray brace',
      code: exampleRunbook({ body: '## Symptoms\n\nAbove {threshold.\n' }),
      errors: [{ message: /^MDX syntax error: /, line: 12, column: 7 }],
    },
  ],
});

ruleTester(fencesAttributes, {
  valid: [{ name: 'known attributes', code: exampleRunbook({ body: bash('kubectl get pods', 'title="Pods" risk="read" long-running') }) }],
  invalid: [
    {
      name: 'misspelt attribute',
      code: exampleRunbook({ body: bash('kubectl get pods', 'longrunning') }),
      errors: [{ message: /^Unknown code block attribute "longrunning"/, line: 18, column: 9, endColumn: 20 }],
    },
    {
      name: 'a command written on the fence line: one problem for the line, not one per word',
      code: exampleRunbook({ body: body('```REDISCLI_AUTH=$(sudo cat /etc/redis/pass) redis-cli key=1 mode="x"\nSLOWLOG GET 10\n```\n') }),
      errors: [
        {
          message:
            'The fence line holds text, not a language and attributes: `REDISCLI_AUTH=$(sudo cat /etc/redis/pas…` is not shown on the page; move it into the block, or give it as title="..."',
          line: 18,
          column: 4,
          endColumn: 70,
        },
      ],
    },
  ],
});

ruleTester(idsUnique, {
  valid: [{ name: 'distinct steps', code: exampleRunbook({ body: `${bash('a')}\n### Other\n\n\`\`\`bash\nb\n\`\`\`\n` }) }],
  invalid: [
    {
      name: 'two steps with one heading',
      code: exampleRunbook({ body: `${bash('a')}\n### Check\n\n\`\`\`bash\nb\n\`\`\`\n` }),
      errors: [{ message: 'Duplicate step id "check": the heading "Check" is used twice', line: 22, column: 1 }],
    },
  ],
});

const alerting = 'alerts:\n  - name: ApiLatencyHigh';
const check = '```bash\nkubectl -n shop get pods\n```\n';
ruleTester(schemaSections, {
  valid: [
    { name: 'symptoms and investigation', code: exampleRunbook() },
    { name: 'synonyms', code: exampleRunbook({ runbook: alerting, body: '## Meaning\n\nx\n\n## Mitigation\n\ny\n' }) },
    {
      name: "the alert collections' names: Alert Description, Troubleshooting",
      code: exampleRunbook({ runbook: alerting, body: '## Alert Description\n\nx\n\n## Troubleshooting\n\ny\n' }),
    },
    {
      name: 'Possible checks and Remediation',
      code: exampleRunbook({ runbook: alerting, body: '## Symptoms\n\nx\n\n## Possible checks\n\ny\n\n## Remediation\n\nz\n' }),
    },
    {
      name: 'a procedure without alerts: its own headings',
      code: exampleRunbook({ body: `## Restoring a namespace\n\n${check}\n## Checking the result\n\n${check}` }),
    },
    { name: 'a how-to without alerts: no sections at all', code: exampleRunbook({ body: `Connect to the bastion first.\n\n${check}` }) },
    {
      name: 'no alerts: a how-to with a Troubleshooting section among its own',
      code: exampleRunbook({ body: '## Architecture\n\nx\n\n## Troubleshooting\n\ny\n' }),
    },
    {
      name: 'symptoms, then steps as numbered headings',
      code: exampleRunbook({ body: '## Symptoms\n\nx\n\n## 1. Check the logs\n\ny\n\n## 2. Restart the server\n\nz\n' }),
    },
    {
      name: 'symptoms, then commands under headings of its own',
      code: exampleRunbook({ body: `## Symptoms\n\nx\n\n## Possible causes and actions\n\n${check}` }),
    },
    {
      name: 'symptoms, then a fence without a language (fences/language asks for it)',
      code: exampleRunbook({ body: '## Symptoms\n\nx\n\n## Connect\n\n```\ngcloud container clusters get-credentials ops\n```\n' }),
    },
    { name: 'Checks', code: exampleRunbook({ runbook: alerting, body: '## Symptoms\n\nx\n\n## Checks\n\ny\n' }) },
  ],
  invalid: [
    {
      name: 'an alert runbook without Symptoms',
      code: exampleRunbook({ runbook: alerting, body: '## Resolution\n\ny\n' }),
      errors: [
        {
          message: 'Missing section "## Symptoms" (or "## Meaning"): the runbook answers the alert ApiLatencyHigh; say what the alert means and what users see',
          line: 2,
          column: 1,
          endColumn: 6,
        },
      ],
    },
    {
      name: 'no alerts, laid out in incident sections: Resolution without Symptoms',
      code: exampleRunbook({ body: '## Resolution\n\ny\n' }),
      errors: [
        {
          message: 'Missing section "## Symptoms" (or "## Meaning"): the runbook is laid out in incident sections; say what the alert means and what users see',
          line: 2,
          column: 1,
        },
      ],
    },
    {
      name: 'an alert runbook with nothing to do',
      code: exampleRunbook({ runbook: 'alerts:\n  - name: A\n  - name: B', body: 'See the other page.\n' }),
      errors: [
        {
          message: 'Missing section "## Symptoms" (or "## Meaning"): the runbook answers the alerts A, B; say what the alert means and what users see',
          line: 2,
          column: 1,
        },
        {
          message: 'Missing section "## Investigation" or "## Resolution": the runbook answers the alerts A, B and has no code blocks; a runbook needs steps',
          line: 2,
          column: 1,
        },
      ],
    },
    {
      name: 'symptoms and nothing to do (no alerts)',
      code: exampleRunbook({ body: '## Symptoms\n\nx\n\n## Further reading\n\ny\n' }),
      errors: [
        {
          message: 'Missing section "## Investigation" or "## Resolution": the runbook describes Symptoms and has no code blocks; a runbook needs steps',
          line: 2,
          column: 1,
        },
      ],
    },
    {
      name: 'a year is not a step number',
      code: exampleRunbook({ body: '## Symptoms\n\nx\n\n## 2024 outage\n\ny\n' }),
      errors: [{ message: /^Missing section "## Investigation" or "## Resolution"/, line: 2, column: 1 }],
    },
    {
      name: 'out of order',
      code: exampleRunbook({ body: '## Symptoms\n\nx\n\n## Resolution\n\ny\n\n## Investigation\n\nz\n' }),
      errors: [
        {
          message:
            'Section "Investigation" is out of order; the order is symptoms, impact, investigation, resolution, verification, prevention, escalation, post-incident',
          line: 18,
          column: 1,
          severity: 'warn',
        },
      ],
    },
  ],
});

ruleTester(reviewStale, {
  valid: [
    { name: 'reviewed recently', code: exampleRunbook(), now: '2026-12-01' },
    // The importer's runbook waiting for its first review: import/todo reports it, once.
    {
      name: 'never reviewed, listed in runbook.todo by the importer',
      code: exampleRunbook({ runbook: 'todo: [lastReviewed]' }).replace('  lastReviewed: 2026-11-01\n', ''),
    },
  ],
  invalid: [
    {
      name: 'overdue',
      code: exampleRunbook(),
      now: '2027-06-01',
      errors: [{ message: 'Review overdue: last reviewed 2026-11-01, due 2027-04-30 (32 days ago)', line: 7, column: 17, severity: 'error' }],
    },
    {
      name: 'due within 14 days',
      code: exampleRunbook(),
      now: '2027-04-20',
      errors: [{ message: 'Review due on 2027-04-30 (in 10 days)', line: 7, column: 17, severity: 'warn' }],
    },
    {
      name: 'never reviewed',
      code: exampleRunbook().replace('  lastReviewed: 2026-11-01\n', ''),
      errors: [{ message: 'This runbook has never been reviewed (no lastReviewed)', line: 4, column: 3 }],
    },
  ],
});

const POD = 'variables:\n  pod:\n    description: Pod\n    example: api-1\n    pattern: "^[a-z0-9-]+$"';
ruleTester(placeholdersDeclared, {
  valid: [{ name: 'declared', code: exampleRunbook({ runbook: POD, body: bash('kubectl logs <pod>') }) }],
  invalid: [
    {
      name: 'undeclared, with a suggestion',
      code: exampleRunbook({ runbook: POD, body: bash('kubectl logs <pod>\nkubectl describe pod <pdo>') }),
      errors: [{ message: 'Placeholder <pdo> is not declared in runbook.variables; did you mean "pod"?', line: 25, column: 22, endColumn: 27 }],
    },
    {
      name: 'inside a list item',
      code: exampleRunbook({ body: body('1. Logs\n\n   ```bash\n   kubectl logs <pod>\n   ```\n') }),
      errors: [{ message: 'Placeholder <pod> is not declared in runbook.variables', line: 21, column: 17 }],
    },
  ],
});

ruleTester(placeholdersUsed, {
  valid: [{ name: 'used', code: exampleRunbook({ runbook: POD, body: bash('kubectl logs <pod>') }) }],
  invalid: [
    {
      name: 'unused',
      code: exampleRunbook({ runbook: POD }),
      errors: [{ message: 'Variable "pod" is declared but no command uses <pod>', line: 9, column: 5 }],
    },
  ],
});

ruleTester(placeholdersExample, {
  valid: [
    { name: 'example matches', code: exampleRunbook({ runbook: POD, body: bash('kubectl logs <pod>') }) },
    {
      name: "the importer's stand-in, listed in runbook.todo",
      code: exampleRunbook({ runbook: `${POD.replace('api-1', 'TODO')}\ntodo: [variables]`, body: bash('kubectl logs <pod>') }),
    },
  ],
  invalid: [
    {
      name: 'a stand-in that is still not a valid value when listed in runbook.todo: only the TODO itself is deferred',
      code: exampleRunbook({ runbook: `${POD.replace('api-1', 'TBD soon')}\ntodo: [variables]`, body: bash('kubectl logs <pod>') }),
      errors: [{ message: 'Variable "pod" has no real example ("TBD soon")', line: 11, column: 16 }],
    },
    {
      name: 'TODO example',
      code: exampleRunbook({ runbook: POD.replace('api-1', 'TODO'), body: bash('kubectl logs <pod>') }),
      errors: [{ message: 'Variable "pod" has no real example ("TODO")', line: 11, column: 16 }],
    },
    {
      name: 'pattern mismatch',
      code: exampleRunbook({ runbook: POD.replace('api-1', 'API_1'), body: bash('kubectl logs <pod>') }),
      errors: [{ message: 'The example "API_1" of variable "pod" does not match the pattern ^[a-z0-9-]+$', line: 11, column: 16 }],
    },
    {
      name: 'not an integer',
      code: exampleRunbook({
        runbook: 'variables:\n  n:\n    description: N\n    example: five\n    type: integer',
        body: bash('kubectl scale --replicas=<n> deploy/api', 'risk="change"'),
      }),
      errors: [{ message: 'The example "five" of variable "n" is not an integer', line: 11, column: 16 }],
    },
  ],
});

ruleTester(envDeclared, {
  valid: [
    { name: 'declared env', code: exampleRunbook({ runbook: 'env:\n  NS: Namespace', body: bash('kubectl -n "$NS" get pods') }) },
    { name: 'assigned in the block', code: exampleRunbook({ body: bash('NS=shop\nkubectl -n "$NS" get pods') }) },
    {
      name: "variables the block sets in every way, the shell's own, defaults and remote expansions",
      code: exampleRunbook({
        body: bash(
          [
            'for pod in $(kubectl get pods -o name); do kubectl describe "$pod"; done',
            'while IFS= read -r line; do echo "$line"; done < pods.txt',
            'let n=1; (( m += 2 )); for ((i = 0; i < 3; i++)); do echo "$i $n $m"; done',
            'let "total = n * 2" \'half = n / 2\'; echo "$total $half"',
            'printf -v stamp \'%(%s)T\' -1; echo "$stamp"',
            'while getopts ab opt; do echo "$opt"; done',
            'export ns=shop; local_name=x; echo "$ns $local_name ${count:=3} $count"',
            'echo "$HOME $PWD $RANDOM $1 $? $_ ${NAMESPACE:-shop} ${region:-eu}"',
            "kubectl exec api -- sh -c 'echo $POD_IP $hostname'",
            "ssh bastion 'echo $REMOTE_HOME $user'",
            'f() { local arg=$1; echo "$arg"; }',
          ].join('\n'),
        ),
      }),
    },
    {
      name: 'set or exported by an earlier block: the reader runs the blocks in order in one terminal',
      code: exampleRunbook({
        runbook: 'env:\n  NS: Namespace',
        body: `${bash('pod=$(kubectl -n "$NS" get pods -o name | sed -n 1p)\nexport NODE=n1')}\n### Delete\n\n\`\`\`bash\nkubectl -n "$NS" delete "$pod"\nkubectl drain "$NODE"\n\`\`\`\n`,
      }),
    },
    { name: 'a block that sources its variables', code: exampleRunbook({ body: bash('source ./cluster.env\nkubectl -n "$namespace" get pods') }) },
  ],
  invalid: [
    {
      name: 'undeclared env',
      code: exampleRunbook({ body: bash('kubectl -n "$NS" get pods') }),
      errors: [{ message: 'Environment variable $NS is not declared in runbook.env', line: 19, column: 14 }],
    },
    {
      name: 'SQL without DATABASE_URL',
      code: exampleRunbook({ body: body('```sql\nSELECT 1;\n```\n') }),
      errors: [{ message: 'SQL blocks run with psql "$DATABASE_URL", but DATABASE_URL is not declared in runbook.env', line: 18, column: 1 }],
    },
    {
      name: 'declared but unused',
      code: exampleRunbook({ runbook: 'env:\n  NS: Namespace' }),
      errors: [{ message: 'Environment variable NS is declared but no command uses $NS', line: 9, column: 5, severity: 'warn' }],
    },
    {
      name: 'a lower-case variable nothing sets, in every form; a typo of a placeholder',
      code: exampleRunbook({
        runbook: 'variables:\n  pod-name:\n    description: Pod\n    example: api-1',
        body: bash('kubectl -n $namespace delete pod "${pod_name}"\necho ${#items}'),
      }),
      errors: [
        { message: 'Variable $namespace is never set: no command of the runbook assigns it', line: 23, column: 13, endColumn: 22, severity: 'error' },
        {
          message: 'Variable $pod_name is never set: no command of the runbook assigns it; did you mean the placeholder <pod-name>?',
          line: 23,
          column: 37,
          endColumn: 45,
        },
        { message: 'Variable $items is never set: no command of the runbook assigns it', line: 24, column: 9, endColumn: 14 },
      ],
    },
    {
      name: 'set by a later block: not set yet when this one runs, upper and lower case',
      code: exampleRunbook({
        runbook: 'env:\n  NS: Namespace',
        body: `${bash('kubectl -n "$NS" delete "$pod"\nkubectl drain "$NODE"')}\n\`\`\`bash\npod=$(kubectl -n "$NS" get pods -o name | sed -n 1p)\nexport NODE=n1\n\`\`\`\n`,
      }),
      errors: [
        {
          message: 'Variable $pod is set by the block at line 25, after this one: it is not set yet when this command runs',
          line: 21,
          column: 27,
          endColumn: 30,
          severity: 'error',
        },
        {
          message: 'Variable $NODE is set by the block at line 25, after this one: it is not set yet when this command runs',
          line: 22,
          column: 17,
          endColumn: 21,
          severity: 'error',
        },
      ],
    },
  ],
});

ruleTester(fencesLanguage, {
  valid: [
    { name: 'bash', code: exampleRunbook() },
    { name: 'prose in a plain fence', code: exampleRunbook({ body: body('```\n1. Identify the slow query\n2. Add an index\n```\n') }) },
    { name: 'a sentence that starts with a program name', code: exampleRunbook({ body: body('```\nwatch the dashboard for a minute\n```\n') }) },
  ],
  invalid: [
    {
      name: 'commands without language',
      code: exampleRunbook({ body: body('```\nkubectl get pods\n```\n') }),
      errors: [{ message: 'This code block looks like commands but has no language', line: 18, column: 1 }],
    },
    {
      name: 'a program the core knows, after an export',
      code: exampleRunbook({ body: body('```\nexport CONSUL_HTTP_ADDR=127.0.0.1:8500\ndig @127.0.0.1 -p 8600 api.service.consul\n```\n') }),
      errors: [{ message: 'This code block looks like commands but has no language', line: 18, column: 1 }],
    },
    {
      name: 'SQL written in small letters',
      code: exampleRunbook({ body: body('```\nselect pg_size_pretty(pg_database_size(current_database()));\n```\n') }),
      errors: [{ message: 'This code block looks like commands but has no language', line: 18, column: 1 }],
    },
  ],
});

const fence = (lang: string, code: string) => body(`\`\`\`${lang}\n${code}\n\`\`\`\n`);

ruleTester(fencesPrompt, {
  valid: [
    { name: 'console block', code: exampleRunbook({ body: fence('console', '$ kubectl get pods\nNAME') }) },
    {
      name: 'console block with root prompts, long prompts and a continuation prompt',
      code: exampleRunbook({
        body: fence(
          'console',
          '# journalctl -u kubelet\nsh-4.4# chroot /host\n[root@node ~]# systemctl status kubelet\nuser@host:~$ cat <<EOF\n> hello\n> EOF\nhello',
        ),
      }),
    },
    { name: 'comments in a shell block, a shebang', code: exampleRunbook({ body: bash('#!/bin/bash\n# Check the pods\nkubectl get pods') }) },
    {
      name: 'a variable at the start of a line is no prompt',
      code: exampleRunbook({ runbook: 'env:\n  KUBECTL: kubectl binary', body: bash('$KUBECTL get pods') }),
    },
    { name: 'a redirect at the start of a line is no prompt', code: exampleRunbook({ body: bash('> /var/log/app.log\n> app.log gzip -9 old.log') }) },
  ],
  invalid: [
    {
      name: 'prompt in bash',
      code: exampleRunbook({ body: bash('$ kubectl get pods\n  $ kubectl get nodes') }),
      errors: [
        { message: 'Shell prompt "$ " before `kubectl get pods` in a shell block: it would be pasted and run', line: 19, column: 1, endColumn: 3 },
        { message: 'Shell prompt "$ " before `kubectl get nodes` in a shell block: it would be pasted and run', line: 20, column: 3, endColumn: 5 },
      ],
      output: exampleRunbook({ body: bash('kubectl get pods\n  kubectl get nodes') }),
    },
    {
      name: 'long prompts in bash; comments are left alone; a continuation keeps its indentation',
      code: exampleRunbook({ body: bash('# Restart the kubelet\nuser@host:~$ kubectl get nodes \\\n  -o wide\n[root@node ~]# systemctl restart kubelet') }),
      errors: [
        {
          message: 'Shell prompt "user@host:~$ " before `kubectl get nodes \\` in a shell block: it would be pasted and run',
          line: 20,
          column: 1,
          endColumn: 14,
        },
        {
          message: 'Shell prompt "[root@node ~]# " before `systemctl restart kubelet` in a shell block: it would be pasted and run',
          line: 22,
          column: 1,
          endColumn: 16,
        },
      ],
      output: exampleRunbook({ body: bash('# Restart the kubelet\nkubectl get nodes \\\n  -o wide\nsystemctl restart kubelet') }),
    },
    {
      name: 'prompts and output in bash: a session, the fix makes it a console block (removing the prompts would run the output)',
      code: exampleRunbook({ body: bash('$ kubectl get nodes \\\n  -o wide\nNAME   STATUS\nn1     Ready') }),
      errors: [
        { message: 'Shell prompt "$ " before `kubectl get nodes \\` in a shell block: it would be pasted and run', line: 19, column: 1, endColumn: 3 },
        {
          message: 'Output line `NAME   STATUS` in a bash block written with prompts: pasted whole, the output would run as commands',
          line: 21,
          column: 1,
          endColumn: 14,
        },
      ],
      output: exampleRunbook({ body: fence('console', '$ kubectl get nodes \\\n  -o wide\nNAME   STATUS\nn1     Ready') }),
    },
    {
      name: 'a line that starts like a command has no prompt in a block with prompts: no fix decides',
      code: exampleRunbook({ body: bash('$ vi values.yaml\n# if using Istio\n#     kubectl get pods (an example)\n./bin/k-ctl apply\nexport X=1') }),
      errors: [
        { message: 'Shell prompt "$ " before `vi values.yaml` in a shell block: it would be pasted and run', line: 19, column: 1, endColumn: 3 },
        {
          message: 'Output line `./bin/k-ctl apply` in a bash block written with prompts: pasted whole, the output would run as commands',
          line: 22,
          column: 1,
          endColumn: 18,
        },
      ],
      output: exampleRunbook({
        body: fence('console', '$ vi values.yaml\n# if using Istio\n#     kubectl get pods (an example)\n./bin/k-ctl apply\nexport X=1'),
      }),
    },
    {
      name: 'an assignment without its prompt among prompt lines',
      code: exampleRunbook({ body: bash('export NS=shop\n$ kubectl -n "$NS" get pods') }),
      errors: [
        {
          message: 'Line `export NS=shop` has no prompt in a bash block written with prompts: as a session it is output and never runs, pasted whole it runs',
          line: 19,
          column: 1,
          endColumn: 15,
        },
        { message: 'Shell prompt "$ " before `kubectl -n "$NS" get pods` in a shell block: it would be pasted and run', line: 20, column: 1, endColumn: 3 },
      ],
    },
    {
      name: 'a command behind "# " in a bash block written with prompts is a comment',
      code: exampleRunbook({ body: bash("# Set the namespace first:\n# NAMESPACE='openshift-monitoring'\n$ oc -n $NAMESPACE get pods") }),
      errors: [
        {
          message: "`# NAMESPACE='openshift-monitoring'` is a comment in a bash block written with prompts, not a command: it never runs",
          line: 20,
          column: 1,
          endColumn: 35,
        },
        { message: 'Shell prompt "$ " before `oc -n $NAMESPACE get pods` in a shell block: it would be pasted and run', line: 21, column: 1, endColumn: 3 },
      ],
      output: exampleRunbook({ body: bash("# Set the namespace first:\n# NAMESPACE='openshift-monitoring'\noc -n $NAMESPACE get pods") }),
    },
    {
      name: 'a "> " prompt before a program and its option (read as a redirect, the option would run)',
      code: exampleRunbook({ body: bash('> gpg --card-edit\ngpg/card> admin') }),
      errors: [
        { message: 'Shell prompt "> " before `gpg --card-edit` in a shell block: it would be pasted and run', line: 19, column: 1, endColumn: 3 },
        { message: 'Output line `gpg/card> admin` in a bash block written with prompts: pasted whole, the output would run as commands', line: 20, column: 1 },
      ],
      // The output line's fix (a console block, where only prompt lines are copied) wins over the prompt's.
      output: exampleRunbook({ body: fence('console', '> gpg --card-edit\ngpg/card> admin') }),
    },
    {
      name: 'a console block without any prompt (its first line named), fixed to bash',
      code: exampleRunbook({ body: fence('console', 'oc logs -f deployment/api -n shop') }),
      errors: [
        {
          message:
            'This console block has no "$ " prompt line: `oc logs -f deployment/api -n shop` is read as a command only because it starts with a program, the other lines as its output',
          line: 19,
          column: 1,
          endColumn: 34,
        },
      ],
      output: exampleRunbook({ body: fence('bash', 'oc logs -f deployment/api -n shop') }),
    },
    {
      name: 'a console block without any prompt, commands and output: the fix puts prompts before the commands',
      code: exampleRunbook({ body: fence('console', 'kubectl get pods -n shop \\\n  -o wide\nNAME    READY\napi-1   1/1\n  sudo systemctl status kubelet') }),
      errors: [
        {
          message:
            'This console block has no "$ " prompt line: `kubectl get pods -n shop \\` is read as a command only because it starts with a program, the other lines as its output',
          line: 19,
          column: 1,
          endColumn: 27,
        },
      ],
      output: exampleRunbook({
        body: fence('console', '$ kubectl get pods -n shop \\\n  -o wide\nNAME    READY\napi-1   1/1\n  $ sudo systemctl status kubelet'),
      }),
    },
    {
      name: 'a console block of output only has no prompt and runs nothing',
      code: exampleRunbook({ body: fence('console', 'NAME    READY\napi-1   1/1') }),
      errors: [
        { message: 'This console block has no "$ " prompt line, so `NAME    READY` is taken for output, not a command', line: 18, column: 1, endColumn: 4 },
      ],
      output: exampleRunbook({ body: fence('bash', 'NAME    READY\napi-1   1/1') }),
    },
    {
      name: 'a console block of prose comments and commands has no prompt',
      code: exampleRunbook({ body: fence('console', '# Check the kubelet\nsystemctl status kubelet') }),
      errors: [
        {
          message:
            'This console block has no "$ " prompt line: `systemctl status kubelet` is read as a command only because it starts with a program, the other lines as its output',
          line: 20,
          column: 1,
        },
      ],
      output: exampleRunbook({ body: fence('bash', '# Check the kubelet\nsystemctl status kubelet') }),
    },
  ],
});

const other = exampleRunbook({ runbook: 'aliases: [RB-007]\nalerts:\n  - name: LatencyHigh' }).replace('id: shop-slow-api', 'id: shop-other');
ruleTester(linksResolve, {
  valid: [
    {
      name: 'generated and existing pages',
      code: exampleRunbook({
        body: '## Symptoms\n\nSee [catalog](/runbooks/), [other](/runbooks/tickets/other/), [site](https://example.com/x) and [here](#symptoms).\n',
      }),
      others: { 'tickets/other.mdx': exampleRunbook().replace('id: shop-slow-api', 'id: shop-other') },
    },
    {
      name: 'a declared alert and permanent links by id and alias',
      code: exampleRunbook({
        body: '## Symptoms\n\nSee [the alert](/alerts/LatencyHigh/?pod=x), [all alerts](/alerts/), [by id](/r/shop-other/) and [by alias](/r/RB-007/#symptoms).\n',
      }),
      others: { 'tickets/other.mdx': other },
    },
    {
      name: "anchors of headings at any depth: GitHub's slugs, repeats numbered, closing #s, URL-encoded, _top",
      code: exampleRunbook({
        body: "## Symptoms\n\nSee [a](#--latency-history), [b](#redis-primaries-1), [c](#what-is-consuls-serfhealth-check), [d](#caf%C3%A9), [e](#_top), [f](#redis-primaries), [the title](#slow-api).\n\n#### --latency-history ####\n\n#### Redis primaries\n\n#### Redis primaries\n\n##### What is Consul's `serfHealth` check?\n\n###### Café\n",
      }),
    },
    {
      name: 'a heading of another runbook page',
      code: exampleRunbook({ body: '## Symptoms\n\nSee [pods](/runbooks/tickets/other/#check-the-pods) and [by id](/r/shop-other/#anything).\n' }),
      others: { 'tickets/other.mdx': other },
    },
  ],
  invalid: [
    {
      name: "a repeated heading has two anchors, not three; another page's missing heading",
      code: exampleRunbook({
        body: '## Symptoms\n\n[a](#redis-primaries-2) [b](/runbooks/tickets/other/#check-pods)\n\n#### Redis primaries\n\n#### Redis primaries\n',
      }),
      others: { 'tickets/other.mdx': other },
      errors: [
        { message: 'Link to "#redis-primaries-2": no heading on this page has that anchor', line: 12, column: 1, endColumn: 24 },
        {
          message: 'Link to "/runbooks/tickets/other/#check-pods": the page /runbooks/tickets/other/ has no heading with the anchor "#check-pods"',
          line: 12,
          column: 25,
          endColumn: 65,
        },
      ],
    },
    {
      name: 'dead links',
      code: exampleRunbook({ body: '## Symptoms\n\nSee [SLOs](./slos.md) and [nowhere](#nope).\n' }),
      errors: [
        { message: 'Link to "./slos.md" leads to no page of this site', line: 12, column: 5 },
        { message: 'Link to "#nope": no heading on this page has that anchor', line: 12, column: 27 },
      ],
    },
    {
      name: 'an alert no runbook declares, one in the wrong case, and permanent links to no runbook',
      code: exampleRunbook({ body: '## Symptoms\n\n[a](/alerts/LatencyLow/) [b](/alerts/latencyhigh/) [c](/r/shop-nope/) [d](/r/rb-007/)\n' }),
      others: { 'tickets/other.mdx': other },
      errors: [
        { message: 'Link to "/alerts/LatencyLow/": no runbook declares the alert "LatencyLow"', line: 12, column: 1 },
        { message: 'Link to "/alerts/latencyhigh/": no runbook declares the alert "latencyhigh"', line: 12, column: 26 },
        { message: 'Link to "/r/shop-nope/": no runbook has the id or alias "shop-nope"', line: 12, column: 52 },
        { message: 'Link to "/r/rb-007/": no runbook has the id or alias "rb-007"', line: 12, column: 71 },
      ],
    },
  ],
});

ruleTester(mdxSafety, {
  valid: [
    {
      name: 'allowlisted import and component',
      code: exampleRunbook({ body: "import { Aside } from '@astrojs/starlight/components';\n\n## Symptoms\n\n<Aside>Careful.</Aside>\n" }),
    },
  ],
  invalid: [
    {
      name: 'import, expression and unknown component',
      code: exampleRunbook({ body: "import X from './x.js';\n\n## Symptoms\n\n{1 + 1}\n\n<X />\n" }),
      errors: [
        { message: "Not allowed in a page: `import X from './x.js';` (MDX runs imports and exports when the site is built)", line: 10, column: 1 },
        { message: 'JavaScript expression {1 + 1}: MDX runs it when the site is built', line: 14, column: 1 },
        { message: /^Component <X> is not on the allowlist/, line: 16, column: 1 },
      ],
    },
  ],
});

ruleTester(placeholdersContext, {
  valid: [
    { name: 'a shell word', code: exampleRunbook({ runbook: POD, body: bash('kubectl -n shop logs <pod>') }) },
    {
      name: 'a positional argument of sh -c',
      code: exampleRunbook({ runbook: POD, body: bash('kubectl -n shop exec deploy/api -- sh -c \'grep -- "$1" /var/log/app.log\' _ <pod>') }),
    },
    {
      name: 'a block that does not parse: shell/syntax reports it once, at the error, not once per placeholder',
      code: exampleRunbook({ runbook: POD, body: bash('kubectl -n shop logs <pod>\necho "done') }),
    },
  ],
  invalid: [
    {
      name: 'a value inside the string sh -c runs',
      code: exampleRunbook({ runbook: POD, body: bash('kubectl -n shop exec deploy/api -- sh -c "grep <pod> /var/log/app.log"') }),
      errors: [
        {
          message:
            'Placeholder <pod> cannot be filled in safely here: `sh -c` hands this text to a shell that parses it again, so its quoting does not protect the value',
          line: 24,
          column: 48,
          endColumn: 53,
        },
      ],
    },
  ],
});
