// Commands behind prompts are commands: every rule that reads commands sees the `$ ` lines of a shell block
// (besides the fences/prompt warning) and the prompt lines of a console block, and none of their output.
import { cliFlags } from '../../../src/lib/lint/rules/cli-flags.ts';
import { exampleRunbook } from '../../../src/lib/lint/rules/example.ts';
import { commandsInteractive, commandsLongRunning } from '../../../src/lib/lint/rules/never-ends.ts';
import { commandsPipeClosedEarly } from '../../../src/lib/lint/rules/pipe-closed-early.ts';
import { envDeclared, placeholdersDeclared } from '../../../src/lib/lint/rules/placeholders.ts';
import { commandsPseudoPlaceholder } from '../../../src/lib/lint/rules/pseudo-placeholder.ts';
import { riskDeclared } from '../../../src/lib/lint/rules/risk.ts';
import { secretsNoSecrets } from '../../../src/lib/lint/rules/secrets.ts';
import { shellSyntax } from '../../../src/lib/lint/rules/shell-syntax.ts';
import { sqlSyntax } from '../../../src/lib/lint/rules/sql-syntax.ts';
import { ruleTester } from '../../helpers/rule-tester.ts';

/** A runbook whose first code line is line 19. */
const fence = (lang: string, code: string, runbook = '') =>
  exampleRunbook({ runbook, body: `## Symptoms\n\nSlow.\n\n## Investigation\n\n### Check\n\n\`\`\`${lang}\n${code}\n\`\`\`\n` });
const bash = (code: string, runbook = '') => fence('bash', code, runbook);
const consoleBlock = (code: string, runbook = '') => fence('console', code, runbook);
/** Variables declared for the placeholders used below (line 8 onwards of the frontmatter: the code moves down). */
const POD = 'variables:\n  pod:\n    description: Pod name\n    example: api-1';

ruleTester(riskDeclared, {
  valid: [
    { name: 'a destructive prompt line in a marked block', code: fence('bash risk="destructive"', '$ kubectl delete pod x -n shop') },
    { name: 'output that looks like a command is not one', code: consoleBlock('$ kubectl get pods -n shop\nkubectl delete pod x   # output of a script') },
  ],
  invalid: [
    {
      name: 'a $ prompt line in a bash block',
      code: bash('$ kubectl delete pod x -n shop'),
      errors: [{ message: '`kubectl delete pod` deletes Kubernetes objects: mark the block risk="destructive"', line: 19, column: 3, endColumn: 21 }],
    },
    {
      name: 'a continuation of a prompt line',
      code: bash('$ kubectl -n shop \\\n    delete pod x'),
      errors: [{ message: '`kubectl delete pod` deletes Kubernetes objects: mark the block risk="destructive"', line: 19, column: 3 }],
    },
    {
      name: 'a root prompt in a console block',
      code: consoleBlock('$ oc debug node/n1\nStarting pod/n1-debug ...\nsh-4.4# systemctl restart kubelet'),
      errors: [{ message: /^`systemctl restart kubelet` starts, stops or reconfigures a service: mark the block risk="change"/, line: 21, column: 9 }],
    },
    {
      name: 'a bare root prompt in a console block',
      code: consoleBlock('# rm -rf /var/lib/etcd/member'),
      errors: [{ message: /^`rm -rf \/var\/lib\/etcd\/member` /, line: 19, column: 3 }],
    },
    {
      name: 'a console block without any prompt: a line that starts with a program is a command, the rest output',
      code: consoleBlock('kubectl delete pod -l k8s-app=kube-proxy -n kube-system\npod "kube-proxy-b9g23" deleted'),
      errors: [{ message: '`kubectl delete pod` deletes Kubernetes objects: mark the block risk="destructive"', line: 19, column: 1, endColumn: 19 }],
    },
  ],
});

ruleTester(cliFlags, {
  valid: [{ name: 'flags of prompt lines that exist', code: bash('$ kubectl get pods --namespace shop') }],
  invalid: [
    {
      name: 'an unknown flag behind a $ prompt',
      code: bash('$ kubectl get pods --namespce shop'),
      errors: [{ message: 'Unknown flag --namespce for `kubectl get`; did you mean --namespace?', line: 19, column: 20, endColumn: 30 }],
    },
    {
      name: 'an unknown flag behind a long prompt in a console block',
      code: consoleBlock('user@bastion:~$ kubectl top pods -w\nNAME  CPU'),
      errors: [{ message: /^Unknown flag -w for `kubectl top pods`/, line: 19, column: 34, endColumn: 36 }],
    },
  ],
});

ruleTester(shellSyntax, {
  valid: [{ name: 'output lines of a console block are not parsed', code: consoleBlock('$ kubectl get pods\nNAME    READY   STATUS ( restarts') }],
  invalid: [
    {
      name: 'a syntax error behind a $ prompt',
      code: bash('$ kubectl get pods | | wc -l'),
      errors: [{ message: 'Expected a statement after `|`', line: 19, column: 20 }],
    },
    {
      name: 'a syntax error behind a prompt in a console block',
      code: consoleBlock('$ if true; then echo x\n> done'),
      errors: [{ message: 'Unexpected `done`: it can only be used to end a loop', line: 20, column: 3 }],
    },
  ],
});

ruleTester(sqlSyntax, {
  valid: [{ name: 'psql -c behind a prompt', code: bash('$ psql -h db -c "SELECT 1"') }],
  invalid: [
    {
      name: 'a SQL typo in psql -c behind a prompt',
      code: bash('$ psql -h db -c "SELEC 1"'),
      errors: [{ message: /^Unexpected "SELEC" in SQL/, line: 19, column: 18, endColumn: 23 }],
    },
  ],
});

ruleTester(placeholdersDeclared, {
  valid: [{ name: 'a declared placeholder behind a prompt', code: bash('$ kubectl logs <pod> -n shop', POD) }],
  invalid: [
    {
      name: 'an undeclared placeholder behind a prompt',
      code: consoleBlock('$ kubectl logs <pod> -n shop\nlog line <not-a-placeholder>'),
      errors: [{ message: 'Placeholder <pod> is not declared in runbook.variables', line: 19, column: 16, endColumn: 21 }],
    },
  ],
});

ruleTester(commandsPseudoPlaceholder, {
  valid: [
    { name: 'output of a console block is not a command', code: consoleBlock('$ aws sts get-caller-identity\n{"Account": "xxxxxxxxxxxx"}') },
    // gitlab-com runbooks, docs/uncategorized/yubikey.md: a `> ` prompt before the command, its output shortened with `...`.
    { name: 'output after a "> " prompt line', code: bash('> gpg --export-ssh-key FAEFD87E\nssh-rsa AAAAB3NzaC1yc2EAAAADAQABA ... COMMENT') },
  ],
  invalid: [
    {
      name: 'a pseudo-placeholder behind a prompt',
      code: bash('$ aws ec2 describe-instances --instance-ids i-xxx'),
      errors: [{ message: /^Unexpected "i-xxx"/, line: 19, column: 45, endColumn: 50 }],
    },
  ],
});

ruleTester(commandsInteractive, {
  valid: [{ name: 'an interactive command shown as output', code: consoleBlock('$ kubectl get pods\n  kubectl exec -it api -- sh') }],
  invalid: [
    {
      name: 'kubectl exec -it behind a prompt',
      code: bash('$ kubectl exec -it api -- sh'),
      errors: [{ message: '`kubectl exec -it` asks for a terminal: mark the block interactive', line: 19, column: 3, endColumn: 19 }],
    },
    {
      name: 'a root prompt in a console block',
      code: consoleBlock('# vi /etc/kubernetes/kubelet.conf'),
      errors: [{ message: '`vi` opens an editor: mark the block interactive', line: 19, column: 3, endColumn: 5 }],
    },
  ],
});

ruleTester(commandsLongRunning, {
  valid: [{ name: 'long-running marked', code: fence('bash long-running', '$ kubectl logs -f deploy/api') }],
  invalid: [
    {
      name: 'kubectl logs -f behind a prompt',
      code: bash('$ kubectl logs -f deploy/api'),
      errors: [{ message: '`kubectl logs -f` follows the log: mark the block long-running', line: 19, column: 3 }],
    },
  ],
});

ruleTester(commandsPipeClosedEarly, {
  valid: [{ name: 'a pipe into head shown as output', code: consoleBlock('$ kubectl get pods\nkubectl logs x | head -5') }],
  invalid: [
    {
      name: 'a pipe into head behind a prompt',
      code: bash('$ kubectl logs api -n shop | head -5'),
      errors: [{ message: /^`kubectl logs api -n shop` is killed by SIGPIPE when `head -5` stops reading early/, line: 19, column: 30 }],
    },
  ],
});

ruleTester(secretsNoSecrets, {
  valid: [{ name: 'a variable behind a prompt', code: bash('$ curl -u "admin:$API_PASSWORD" https://x/api', 'env:\n  API_PASSWORD: Password') }],
  invalid: [
    {
      name: 'a password behind a prompt',
      code: bash('$ curl -u admin:Sup3rS3cretPass https://x/api'),
      errors: [{ message: 'Password in the runbook: curl -u admin:****', line: 19, column: 17 }],
    },
  ],
});

ruleTester(envDeclared, {
  valid: [{ name: 'assigned by an earlier prompt line', code: consoleBlock('$ NS=shop\n$ kubectl -n "$NS" get pods') }],
  invalid: [
    {
      name: 'an undeclared variable behind a prompt',
      code: bash('$ kubectl -n "$NS" get pods'),
      errors: [{ message: 'Environment variable $NS is not declared in runbook.env', line: 19, column: 16, endColumn: 18 }],
    },
  ],
});
