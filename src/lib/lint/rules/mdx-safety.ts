// MDX is code that runs at build time, and HTML runs in readers' browsers: a page may hold literal
// content and the allowlisted components only. The check is the model's (src/lib/model/mdx-safety.ts),
// the same one that stops the site build.
import { ALLOWED_COMPONENTS, COMPONENTS_MODULE } from '../../model/mdx-safety.ts';
import { defineRule } from '../types.ts';
import { exampleRunbook } from './example.ts';

export const mdxSafety = defineRule({
  meta: {
    id: 'mdx/safety',
    category: 'safety',
    severity: 'error',
    description:
      'No JavaScript (expressions, attribute expressions, imports, exports), no scripts, event handlers or `javascript:` URLs; only allowlisted components.',
    docs: `MDX is JavaScript: an \`export\`, an \`{expression}\`, an attribute written \`title={...}\` or \`{...spread}\`, and any imported component run during the build with the builder's permissions, and a runbook is content that many people edit. HTML runs in every reader's browser: \`<script>\`, \`<style>\`, \`<iframe>\`, \`<object>\`, \`<embed>\` (and \`<svg>\`, \`<math>\`, \`<meta>\`, \`<base>\`, ...), \`on...\` event attributes, Astro directives such as \`set:html\`, and \`javascript:\`, \`vbscript:\` or \`data:\` URLs in links, images and \`href\`/\`src\` attributes, however they are written (\`JAVASCRIPT:\`, \`java&#x09;script:\`). A page may import only from \`${COMPONENTS_MODULE}\` and use ${ALLOWED_COMPONENTS.map((c) => `\`<${c}>\``).join(', ')} with literal attribute values (\`title="..."\`); an MDX comment \`{/* ... */}\` is fine. The site build runs the same check and stops at the first page that fails it, before the page's code exists.`,
    examples: {
      bad: exampleRunbook({
        body: 'import Chart from \'../../components/Chart.astro\';\n\n## Symptoms\n\nSlow since {new Date().getFullYear()}.\n\n<Chart />\n\n<img src="x" onerror="alert(1)" />\n',
      }),
      good: exampleRunbook({
        body: 'import { Aside } from \'@astrojs/starlight/components\';\n\n## Symptoms\n\nSlow.\n\n<Aside type="caution" title="Check first">Check the deploy log first.</Aside>\n\n## Investigation\n\n### Check the pods\n\n```bash\nkubectl -n shop get pods\n```\n',
      }),
    },
    messages: { unsafe: '{message}' },
  },
  create(context) {
    return {
      runbook(runbook) {
        for (const unsafe of runbook.unsafeMdx)
          context.report({ messageId: 'unsafe', data: { message: unsafe.message }, span: unsafe.span, hint: unsafe.hint });
      },
    };
  },
});
