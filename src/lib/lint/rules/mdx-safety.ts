// MDX is code that runs at build time: runbooks may only use the project's allowlisted components.
import { defineRule } from '../types.ts';
import { exampleRunbook } from './example.ts';

/** Components a runbook may use (Starlight's and ours); no imports of anything else. */
export const ALLOWED_COMPONENTS = ['Aside', 'Steps', 'Tabs', 'TabItem', 'Badge', 'Card', 'CardGrid', 'LinkCard', 'Kbd'];
const ALLOWED_IMPORT = /^import\s*\{[^}]*\}\s*from\s*['"]@astrojs\/starlight\/components['"];?\s*$/;

export const mdxSafety = defineRule({
  meta: {
    id: 'mdx/safety',
    category: 'safety',
    severity: 'error',
    description: 'No `export`, no JavaScript expressions, and only allowlisted components in runbooks.',
    docs: `MDX is JavaScript: an \`export\`, an \`{expression}\` or an imported component runs during the build with the builder's permissions, and a runbook is content that many people edit. Runbooks may import only from \`@astrojs/starlight/components\` and use ${ALLOWED_COMPONENTS.map((c) => `\`<${c}>\``).join(', ')}.`,
    examples: {
      bad: exampleRunbook({ body: "import Chart from '../../components/Chart.astro';\n\n## Symptoms\n\nSlow since {new Date().getFullYear()}.\n\n<Chart />\n" }),
      good: exampleRunbook({ body: "import { Aside } from '@astrojs/starlight/components';\n\n## Symptoms\n\nSlow.\n\n<Aside type=\"caution\">Check the deploy log first.</Aside>\n\n## Investigation\n\n### Check the pods\n\n```bash\nkubectl -n shop get pods\n```\n" }),
    },
    messages: {
      esm: 'Not allowed in a runbook: `{statement}`',
      expression: 'JavaScript expression {{expression}} in a runbook',
      component: 'Component <{name}> is not on the allowlist ({allowed})',
    },
  },
  create(context) {
    return {
      runbook(runbook) {
        for (const node of runbook.mdx) {
          if (node.kind === 'esm') {
            for (const statement of node.value.split('\n').filter((line) => line.trim())) {
              if (ALLOWED_IMPORT.test(statement.trim())) continue;
              context.report({ messageId: 'esm', data: { statement: statement.trim().slice(0, 80) }, span: node.span, hint: "Only `import { ... } from '@astrojs/starlight/components'` is allowed." });
            }
          } else if (node.kind === 'expression') {
            if (!node.value.trim() || /^\s*\/\*[\s\S]*\*\/\s*$/.test(node.value)) continue; // empty or a comment
            context.report({ messageId: 'expression', data: { expression: node.value.trim().slice(0, 40) }, span: node.span, hint: 'Write the text itself, or escape the brace as \\{.' });
          } else if (node.value && !ALLOWED_COMPONENTS.includes(node.value) && /^[A-Z]/.test(node.value)) {
            context.report({ messageId: 'component', data: { name: node.value, allowed: ALLOWED_COMPONENTS.join(', ') }, span: node.span });
          }
        }
      },
    };
  },
});
