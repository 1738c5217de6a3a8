// mdx/safety: what a page may hold (literal content, allowlisted components with literal attributes)
// and every refused construct, each at its exact place. The same check stops the site build
// (test/unit/content-safety-build.test.ts).
import { describe, expect, it } from 'vitest';
import { markdownToMdast, mdxToMdast } from 'satteri';
import type { Root } from 'mdast';
import { mdxSafety } from '../../../src/lib/lint/rules/mdx-safety.ts';
import { exampleRunbook } from '../../../src/lib/lint/rules/example.ts';
import { findUnsafeConstructs, openingTag } from '../../../src/lib/model/mdx-safety.ts';
import { refusedUrlScheme } from '../../../src/lib/text/url-scheme.ts';
import { ruleTester } from '../../helpers/rule-tester.ts';

// The body starts on line 10 of an exampleRunbook.
const page = (body: string) =>
  exampleRunbook({ body: `${body}\n\n## Symptoms\n\nSlow.\n\n## Investigation\n\n### Check the pods\n\n\`\`\`bash\nkubectl -n shop get pods\n\`\`\`\n` });
const IMPORT = "import { Aside, Badge, LinkCard } from '@astrojs/starlight/components';\n\n";

ruleTester(mdxSafety, {
  valid: [
    {
      name: 'allowlisted import and components with literal attributes',
      code: page(
        `${IMPORT}<Aside type="caution" title='Check first'>Careful.</Aside>\n\n<Badge text="new" variant="tip" />\n\n<LinkCard title="Dashboard" href="https://grafana.example.com/d/api" />`,
      ),
    },
    {
      name: 'multi-line import of allowlisted components',
      code: page('import {\n  Aside,\n  Steps,\n} from "@astrojs/starlight/components";\n\n<Steps>\n\n1. One\n\n</Steps>'),
    },
    { name: 'MDX comments, one or several', code: page('{/* a note for editors */}\n\nText {/* inline */} and {/* one */ /* two */}.') },
    {
      name: 'plain HTML with literal, safe attributes',
      code: page(
        '<details open>\n<summary>More</summary>\n\n<a href="https://example.com/x?a=1&b=2" title="docs">docs</a> <img src="./graph.png" alt="graph" width="300" /> <kbd>Ctrl</kbd>\n\n</details>',
      ),
    },
    {
      name: 'links and images to pages, files and http(s)',
      code: page('[next](../other/) [ext](https://example.com) [mail](mailto:ops@example.com) ![graph](./graph.png) [ref]\n\n[ref]: https://example.com/ref'),
    },
    { name: 'a scheme word inside a path or query is not a scheme', code: page('[x](/search?q=javascript:alert) [y](./javascript:notes.md)') },
    {
      name: 'escaped braces and angle brackets, and code, are text',
      code: page('Write \\{x} and &lt;script&gt; and `{1 + 1}` and `<script>`.\n\n```html\n<script>alert(1)</script>\n```'),
    },
  ],
  invalid: [
    {
      name: 'attribute expression on an allowlisted component (runs at build)',
      code: page(`${IMPORT}<Aside title={process.getBuiltinModule('child_process').execSync('id')}>x</Aside>`),
      errors: [
        {
          message: "Attribute expression title={process.getBuiltinModule('child_process…} on <Aside>: MDX runs it when the site is built",
          line: 12,
          column: 8,
          endLine: 12,
          endColumn: 72,
        },
      ],
    },
    {
      name: 'spread attribute',
      code: page(`${IMPORT}<Badge text="x" {...globalThis.props} />`),
      errors: [
        { message: 'Spread attribute {...globalThis.props} on <Badge>: MDX runs it when the site is built', line: 12, column: 17, endLine: 12, endColumn: 38 },
      ],
    },
    {
      name: 'expression in the text, flow and inline; a comment next to code is no comment',
      code: page('{process.exit(1)}\n\nSince {new Date().getFullYear()}.\n\n{/* a */ process.exit(1) /* b */}'),
      errors: [
        { message: 'JavaScript expression {process.exit(1)}: MDX runs it when the site is built', line: 10, column: 1, endLine: 10, endColumn: 18 },
        { message: 'JavaScript expression {new Date().getFullYear()}: MDX runs it when the site is built', line: 12, column: 7 },
        { message: 'JavaScript expression {/* a */ process.exit(1) /* b */}: MDX runs it when the site is built', line: 14, column: 1 },
      ],
    },
    {
      name: 'export, default import, other module, and a component not on the allowlist',
      code: page(
        "import { Aside } from '@astrojs/starlight/components';\nimport Chart from '../../components/Chart.astro';\nexport const x = globalThis.process.exit(1);\nimport { Icon } from '@astrojs/starlight/components';",
      ),
      errors: [
        {
          message: "Not allowed in a page: `import Chart from '../../components/Chart.astro';` (MDX runs imports and exports when the site is built)",
          line: 11,
          column: 1,
          endLine: 11,
          endColumn: 50,
        },
        {
          message: 'Not allowed in a page: `export const x = globalThis.process.exit(1);` (MDX runs imports and exports when the site is built)',
          line: 12,
          column: 1,
        },
        { message: 'Not allowed in a page: importing Icon (allowed: Aside, Steps, Tabs, TabItem, Badge, Card, CardGrid, LinkCard, Kbd)', line: 13, column: 1 },
      ],
    },
    {
      name: 'an allowed import followed by code on the same line',
      code: page("import { Aside } from '@astrojs/starlight/components'; globalThis.process.exit(1)"),
      errors: [
        {
          message:
            "Not allowed in a page: `import { Aside } from '@astrojs/starlight/components'; glob…` (MDX runs imports and exports when the site is built)",
          line: 10,
          column: 1,
        },
      ],
    },
    {
      name: 'components not on the allowlist, member and namespaced names',
      code: page('<Chart />\n\n<Aside.Inner />\n\n<svg:rect />'),
      errors: [
        {
          message: 'Component <Chart> is not on the allowlist (Aside, Steps, Tabs, TabItem, Badge, Card, CardGrid, LinkCard, Kbd)',
          line: 10,
          column: 1,
          endLine: 10,
          endColumn: 10,
        },
        { message: '<Aside.Inner>: a member or namespaced component is JavaScript that runs when the site is built', line: 12, column: 1 },
        { message: '<svg:rect>: a member or namespaced component is JavaScript that runs when the site is built', line: 14, column: 1 },
      ],
    },
    {
      name: 'script, style, iframe, object, embed (and others that load code)',
      code: page(
        '<script>alert(1)</script>\n\n<style>{"body{display:none}"}</style>\n\n<iframe src="https://evil.example" />\n\n<object data="x.swf" />\n\n<embed src="x.swf" />\n\n<svg><circle r="4" /></svg>\n\n<base href="https://evil.example/" />',
      ),
      errors: [
        { message: "<script> element in a page: it can run or load code in the reader's browser", line: 10, column: 1, endLine: 10, endColumn: 9 },
        { message: "<style> element in a page: it can run or load code in the reader's browser", line: 12, column: 1 },
        { message: 'JavaScript expression {"body{display:none}"}: MDX runs it when the site is built', line: 12, column: 8 },
        { message: "<iframe> element in a page: it can run or load code in the reader's browser", line: 14, column: 1 },
        { message: "<object> element in a page: it can run or load code in the reader's browser", line: 16, column: 1 },
        { message: "<embed> element in a page: it can run or load code in the reader's browser", line: 18, column: 1 },
        { message: "<svg> element in a page: it can run or load code in the reader's browser", line: 20, column: 1 },
        { message: "<base> element in a page: it can run or load code in the reader's browser", line: 22, column: 1 },
      ],
    },
    {
      name: 'event handler attributes in any case, and Astro directives',
      code: page(
        `<img src="x.png" alt="" onerror="alert(1)" />\n\n${IMPORT}<Aside onClick="alert(1)">x</Aside> <div set:html="<script>alert(1)</script>" /> <b ONMOUSEOVER="alert(1)">b</b>`,
      ),
      errors: [
        { message: "Event handler attribute onerror on <img>: it runs script in the reader's browser", line: 10, column: 25, endLine: 10, endColumn: 43 },
        { message: "Event handler attribute onClick on <Aside>: it runs script in the reader's browser", line: 14, column: 8 },
        { message: 'Directive set:html on <div>: Astro directives inject raw HTML or load code', line: 14, column: 42 },
        { message: "Event handler attribute ONMOUSEOVER on <b>: it runs script in the reader's browser", line: 14, column: 85 },
      ],
    },
    {
      name: 'javascript:, vbscript: and data: URLs in links, images, definitions and attributes, however written',
      code: page(
        [
          '[a](javascript:alert(1))',
          '[b]( JAVASCRIPT:alert(1))',
          '[c](java&#x09;script:alert(1))',
          '[d](&#106;avascript:alert(1))',
          '[e](javascript&colon;alert(1))',
          '![f](data:image/svg+xml;base64,PHN2Zz4=)',
          '[g][ref]',
          '',
          '[ref]: VBScript:msgbox',
          '',
          '<a href="java&#x09;script:alert(1)">h</a> <img src=" data:text/html,x" alt="" /> <img srcset="a.png 1x, javascript:x 2x" alt="" />',
        ].join('\n'),
      ),
      errors: [
        { message: "javascript: URL in a link (javascript:alert(1)): it can run script in the reader's browser", line: 10, column: 1 },
        { message: "javascript: URL in a link (JAVASCRIPT:alert(1)): it can run script in the reader's browser", line: 11, column: 1 },
        { message: "javascript: URL in a link (java script:alert(1)): it can run script in the reader's browser", line: 12, column: 1 },
        { message: "javascript: URL in a link (javascript:alert(1)): it can run script in the reader's browser", line: 13, column: 1 },
        { message: "javascript: URL in a link (javascript:alert(1)): it can run script in the reader's browser", line: 14, column: 1 },
        { message: "data: URL in an image (data:image/svg+xml;base64,PHN2Zz4=): it can run script in the reader's browser", line: 15, column: 1 },
        { message: "vbscript: URL in a link definition (VBScript:msgbox): it can run script in the reader's browser", line: 18, column: 1 },
        { message: "javascript: URL in href on <a> (java script:alert(1)): it can run script in the reader's browser", line: 20, column: 4 },
        { message: "data: URL in src on <img> (data:text/html,x): it can run script in the reader's browser", line: 20, column: 48 },
        { message: "javascript: URL in srcset on <img> (a.png 1x, javascript:x 2x): it can run script in the reader's browser", line: 20, column: 87 },
      ],
    },
  ],
});

/** The check on a page's tree, as the site's pipeline runs it: `[line:column message]`. */
function check(source: string, format: 'mdx' | 'markdown'): string[] {
  const tree = (format === 'mdx' ? mdxToMdast(source) : markdownToMdast(source)) as Root;
  const lines = source.split('\n');
  const place = (offset: number) => {
    let rest = offset;
    for (const [index, line] of lines.entries()) {
      if (rest <= line.length) return `${index + 1}:${rest + 1}`;
      rest -= line.length + 1;
    }
    return '?';
  };
  return findUnsafeConstructs(tree, source, format).map((found) => `${place(found.start)} ${found.message}`);
}

describe('raw HTML of a Markdown (.md) page, read as a browser reads it', () => {
  it('refuses scripts, handlers and script URLs in raw HTML, inline and in blocks', () => {
    const source =
      'Text <script>alert(1)</script> and <javascript:alert(1)> and <a href="JaVa&#x53;cript:alert(1)">x</a>.\n\n<div\n  onmouseover="alert(1)">\nhover\n</div>\n\n<img src=x onerror=alert(1)>\n\n<svg><animate attributeName="href" values="javascript:alert(1)" /></svg>\n';
    expect(check(source, 'markdown')).toEqual([
      "1:6 <script> element in a page: it can run or load code in the reader's browser",
      "1:36 javascript: URL in a link (javascript:alert(1)): it can run script in the reader's browser",
      "1:62 javascript: URL in href on <a> (JaVaScript:alert(1)): it can run script in the reader's browser",
      "3:1 Event handler attribute onMouseOver on <div>: it runs script in the reader's browser",
      "8:1 Event handler attribute onError on <img>: it runs script in the reader's browser",
      "10:1 <svg> element in a page: it can run or load code in the reader's browser",
    ]);
  });
  it('leaves braces, safe HTML and Markdown links alone', () => {
    expect(check('Use {namespace} and <kbd>Ctrl</kbd> and <a href="https://x.example/">x</a> and [y](./y/).\n', 'markdown')).toEqual([]);
  });
});

describe('refusedUrlScheme', () => {
  it.each([
    ['javascript:alert(1)', 'javascript'],
    [' JAVASCRIPT:alert(1)', 'javascript'],
    ['\u0001java\tscr\nipt:alert(1)', 'javascript'],
    ['java&#x09;script:x', 'javascript'],
    ['&#106avascript:x', 'javascript'],
    ['&#0000106;avascript:x', 'javascript'],
    ['javascript&colon;x', 'javascript'],
    ['&amp;#106;avascript:x', 'javascript'],
    ['java\u200Bscript:x', 'javascript'],
    ['vbscript:msgbox', 'vbscript'],
    ['DATA:text/html,<script>alert(1)</script>', 'data'],
    ['https://example.com/javascript:x', undefined],
    ['./javascript:notes.md', undefined],
    ['/search?q=data:x', undefined],
    ['mailto:ops@example.com', undefined],
    ['#javascript:x', undefined],
  ])('%j → %s', (url, scheme) => {
    expect(refusedUrlScheme(url)).toBe(scheme);
  });
});

describe('openingTag', () => {
  it('finds each attribute of a JSX tag, with quoted braces and nested expressions', () => {
    const source = `<Aside a="x > y" b='{' c={{ d: "}" }} {...e} f>t</Aside>`;
    const { spans, tagEnd } = openingTag(source, 0, source.length);
    expect(spans.map(([start, end]) => source.slice(start, end))).toEqual([`a="x > y"`, `b='{'`, `c={{ d: "}" }}`, '{...e}', 'f']);
    expect(source.slice(0, tagEnd)).toBe(`<Aside a="x > y" b='{' c={{ d: "}" }} {...e} f>`);
  });
});
