// commands/payload: inline JSON and YAML documents that do not parse or are not what the option wants.
import { commandsPayload } from '../../../src/lib/lint/rules/payload.ts';
import { exampleRunbook } from '../../../src/lib/lint/rules/example.ts';
import { ruleTester } from '../../helpers/rule-tester.ts';

/** A runbook whose first code line is line 19. */
const fence = (lang: string, code: string) =>
  exampleRunbook({ body: `## Symptoms\n\nSlow.\n\n## Investigation\n\n### Look\n\n\`\`\`${lang}\n${code}\n\`\`\`\n` });
const bash = (code: string) => fence('bash', code);

ruleTester(commandsPayload, {
  valid: [
    { name: 'a merge patch', code: bash(`kubectl patch deployment api -n shop -p '{"spec": {"replicas": 3}}'`) },
    { name: 'a merge patch in YAML flow style (kubectl reads YAML)', code: bash(`kubectl patch deployment api -p '{spec: {replicas: 3}}'`) },
    { name: 'a JSON patch', code: bash(`kubectl patch deployment api --type json -p '[{"op": "replace", "path": "/spec/replicas", "value": 3}]'`) },
    {
      name: 'a JSON patch given as --type=json and --patch=',
      code: bash(`kubectl patch pvc data --type=json --patch='[{"op": "remove", "path": "/metadata/finalizers"}]'`),
    },
    {
      name: 'a variable and a placeholder as values',
      code: bash(`kubectl patch deployment api -p "{\\"spec\\": {\\"replicas\\": $N}}"\nkubectl patch deployment api -p '{"spec": {"replicas": <replicas>}}'`),
    },
    {
      name: 'kubectl reads -p=VALUE as VALUE (Go flags)',
      code: bash(`kubectl patch vm api --type='json' -p='[{"op": "remove", "path": "/spec/template/spec/domain/machine"}]'`),
    },
    {
      name: 'a YAML flow patch with single-quoted keys',
      code: bash(`oc patch console.v1.operator.openshift.io cluster --type=json -p="[{'op': 'add', 'path': '/spec/plugins', 'value':[odf-client-console]}]"`),
    },
    { name: 'a patch only known when it runs', code: bash(`kubectl patch deployment api -p "$PATCH"`) },
    {
      name: 'a manifest on stdin with an expansion',
      code: bash('cat <<EOF | kubectl apply -f -\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: $NAME\ndata:\n  mode: "on"\nEOF'),
    },
    { name: 'curl with a form body (not JSON)', code: bash(`curl -X POST -d 'name=api&replicas=3' https://example.com/scale`) },
    {
      name: 'curl with a JSON body',
      code: bash(`curl -H 'Content-Type: application/json' -d '{"silence": true}' https://alertmanager.example.com/api/v2/silences`),
    },
    { name: 'a text block', code: fence('text', `kubectl patch deployment api -p '{"spec": {"replicas": 3}'`) },
    { name: 'output of a console block', code: fence('console', `$ kubectl get deployment api -o json\n{"spec": {"replicas": 3}`) },
  ],
  invalid: [
    {
      name: 'an unclosed brace in a merge patch',
      code: bash(`kubectl patch deployment api -n shop -p '{"spec": {"replicas": 3}'`),
      errors: [
        {
          message: 'The patch given to `-p` of `kubectl patch deployment api -n shop -p` does not parse: Flow map must end with a }',
          line: 19,
          column: 65,
          endLine: 19,
          endColumn: 66,
        },
      ],
    },
    {
      name: 'a backslash-newline inside single quotes is part of the patch',
      code: bash(`$ kubectl patch storageprofile local --type=merge -p '{"spec": \\\n    {"claimPropertySets": [{"accessModes": ["ReadWriteOnce"]}]}}'`),
      errors: [
        {
          message:
            'The patch given to `-p` of `kubectl patch storageprofile local --type=merge -p` does not parse: Missing , between flow map items (a `\\` at the end of a line inside quotes is kept as is: it does not join the lines)',
          line: 20,
          column: 5,
          endColumn: 6,
        },
      ],
    },
    {
      name: 'a list of operations without --type json',
      code: bash(`kubectl patch deployment api -p '[{"op": "replace", "path": "/spec/replicas", "value": 3}]'`),
      errors: [
        {
          message:
            'The patch given to `-p` of `kubectl patch deployment api -p` is not what the option wants: a list of operations is a JSON patch: it needs `--type json`',
          line: 19,
          column: 34,
          endColumn: 91,
        },
      ],
    },
    {
      name: 'a JSON patch operation without a value',
      code: bash(`kubectl patch deployment api --type json -p '[{"op": "replace", "path": "/spec/replicas"}]'`),
      errors: [
        {
          message:
            'The JSON patch given to `-p` of `kubectl patch deployment api --type json -p` is not what the option wants: the "replace" operation of "/spec/replicas" needs a "value"',
          line: 19,
          column: 46,
          endColumn: 91,
        },
      ],
    },
    {
      name: 'a JSON patch path without its slash',
      code: bash(`kubectl patch pvc data --type=json -p '[{"op": "remove", "path": "metadata/finalizers"}]'`),
      errors: [
        {
          message:
            'The JSON patch given to `-p` of `kubectl patch pvc data --type=json -p` is not what the option wants: the "remove" operation needs a "path" that starts with "/", not "metadata/finalizers"',
          line: 19,
          column: 40,
          endColumn: 89,
        },
      ],
    },
    {
      name: 'single quotes inside a JSON body of curl',
      code: bash(`curl -H 'Content-Type: application/json' -d "{'silence': true}" https://am.example.com/api`),
      errors: [
        {
          message:
            "The JSON given to `--data` of `curl -H 'Content-Type: application/json' -d https://am.example.com/api` does not parse: an unexpected character (single quotes are not JSON: use double quotes)",
          line: 19,
          column: 47,
          endColumn: 56,
        },
      ],
    },
    {
      name: 'a trailing comma in helm --set-json',
      code: bash(`helm upgrade api charts/api --set-json 'resources={"cpu": "1",}'`),
      errors: [
        {
          message: 'The JSON given to `--set-json` of `helm upgrade api charts/api --set-json` does not parse: a property name in double quotes expected',
          line: 19,
          column: 63,
          endColumn: 64,
        },
      ],
    },
    {
      name: 'a badly indented manifest in a heredoc',
      code: bash("kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: api\n data: x\nEOF"),
      errors: [
        {
          message: 'The YAML on the input of `kubectl apply -f -` does not parse: All mapping items must start at the same column',
          line: 24,
          column: 1,
          endColumn: 2,
        },
      ],
    },
    {
      name: 'on a prompt line of a shell block',
      code: bash(`$ kubectl patch deployment api -p '{"spec": {"replicas": 3}'`),
      errors: [
        {
          message: 'The patch given to `-p` of `kubectl patch deployment api -p` does not parse: Flow map must end with a }',
          line: 19,
          column: 59,
          endColumn: 60,
        },
      ],
    },
    {
      name: 'on a prompt line of a console block, output left alone',
      code: fence('console', `$ echo '{"a": 1' | curl -H 'content-type: application/json' -d @- http://localhost:9093/api\n{"status": "error"`),
      errors: [
        {
          message: "The JSON on the input of `curl -H 'content-type: application/json' -d @- http://localhost:9093/api` does not parse: a closing `}` expected",
          line: 19,
          column: 15,
          endColumn: 16,
        },
      ],
    },
  ],
});
