// The pieces that read content safely: UTF-8 decoding with positions, the content walk with
// symbolic links, YAML limits, and the Markdown subset for text written by content authors.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { walkContentFiles } from '../../src/lib/content-files.ts';
import { authoredInlineMarkdownHtml } from '../../src/lib/markdown.ts';
import { LineIndex } from '../../src/lib/problem.ts';
import { decodeUtf8, firstInvalidByte, MAX_CONTENT_BYTES, readContentFile } from '../../src/lib/source-file.ts';
import { expandedSize, MAX_YAML_VALUES, parseYamlData } from '../../src/lib/yaml-data.ts';
import { z } from 'astro/zod';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))));

describe('decodeUtf8', () => {
  it('drops a byte order mark and remembers it', () => {
    expect(decodeUtf8('f', bytes([0xef, 0xbb, 0xbf], '---\n'))).toEqual({ text: '---\n', bom: true, problems: [] });
  });
  it.each([
    ['a lone continuation byte', bytes('ab\ncd', [0x80]), 5, 2, 3],
    ['a lead byte without its continuation', bytes('x', [0xc3, 0x28]), 1, 1, 2],
    ['an overlong encoding', bytes([0xc0, 0xaf]), 0, 1, 1],
    ['a surrogate', bytes('é\n', [0xed, 0xa0, 0x80]), 3, 2, 1],
    ['above U+10FFFF', bytes('ok', [0xf4, 0x90, 0x80, 0x80]), 2, 1, 3],
    ['a truncated sequence at the end', bytes('€', [0xe2, 0x82]), 3, 1, 2],
  ])('%s: at its byte, line and column', (_name, input, offset, line, column) => {
    expect(firstInvalidByte(input)).toBe(offset);
    const { text, problems } = decodeUtf8('f.mdx', input);
    expect(text).toBeUndefined();
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'f.mdx',
        line,
        column,
        rule: 'files/encoding',
        message: expect.stringContaining(`Invalid UTF-8 at byte ${offset} (line ${line}, column ${column})`),
      }),
    ]);
  });
  it('reads every valid sequence, up to four bytes', () => {
    const text = 'aé€😀\u{10FFFF}';
    expect(firstInvalidByte(Buffer.from(text))).toBe(Buffer.from(text).length);
    expect(decodeUtf8('f', Buffer.from(text)).text).toBe(text);
  });
  it('names UTF-16, either byte order', () => {
    for (const mark of [
      [0xff, 0xfe],
      [0xfe, 0xff],
    ])
      expect(decodeUtf8('f', bytes(mark, 'x')).problems[0].message).toBe('The file is UTF-16 text; content files are UTF-8');
  });
});

describe('readContentFile', () => {
  const root = mkdtempSync(join(tmpdir(), 'read-content-'));
  it('hashes the bytes it read', () => {
    writeFileSync(join(root, 'a.mdx'), bytes([0xef, 0xbb, 0xbf], 'x'));
    const read = readContentFile(root, 'a.mdx');
    expect(read).toMatchObject({ text: 'x', bom: true, problems: [] });
    expect(read.hash).toMatch(/^[0-9a-f]{64}$/);
  });
  it('refuses a file over the limit without reading it, a folder, and a missing file', () => {
    writeFileSync(join(root, 'big.mdx'), Buffer.alloc(MAX_CONTENT_BYTES + 1, 0x61));
    mkdirSync(join(root, 'dir.mdx'));
    expect(readContentFile(root, 'big.mdx').problems[0]).toMatchObject({
      rule: 'files/size',
      message: 'File too large: 1.0 MiB; a content file may be at most 1.0 MiB',
    });
    expect(readContentFile(root, 'dir.mdx').problems[0]).toMatchObject({ rule: 'files/unreadable', message: 'dir.mdx is not a regular file' });
    expect(readContentFile(root, 'gone.mdx').problems[0]).toMatchObject({ rule: 'files/unreadable', message: 'Cannot read gone.mdx (ENOENT)' });
  });
});

describe('walkContentFiles', () => {
  function tree() {
    const root = mkdtempSync(join(tmpdir(), 'walk-'));
    for (const file of ['c/a/one.mdx', 'c/b/two.md', 'c/b/_draft.mdx', 'c/b/notes.txt', 'outside/three.mdx']) {
      mkdirSync(join(root, file, '..'), { recursive: true });
      writeFileSync(join(root, file), 'x');
    }
    return root;
  }
  it('lists the pages, sorted, without drafts and other files', () => {
    expect(walkContentFiles(tree(), 'c', ['.md', '.mdx'])).toEqual({ files: ['c/a/one.mdx', 'c/b/two.md'], problems: [] });
  });
  it('follows a link to a folder outside once, and to a file', () => {
    const root = tree();
    symlinkSync('../../outside', join(root, 'c/a/linked'));
    symlinkSync('../b/two.md', join(root, 'c/a/two-again.md'));
    expect(walkContentFiles(root, 'c', ['.md', '.mdx'])).toEqual({
      files: ['c/a/linked/three.mdx', 'c/a/one.mdx', 'c/a/two-again.md', 'c/b/two.md'],
      problems: [],
    });
  });
  it('reports a loop, a second route to a folder and a broken link, and walks on', () => {
    const root = tree();
    symlinkSync('..', join(root, 'c/a/up'));
    symlinkSync('../b', join(root, 'c/a/b-again'));
    symlinkSync('missing', join(root, 'c/b/broken.mdx'));
    symlinkSync('self', join(root, 'c/b/self'));
    const walked = walkContentFiles(root, 'c', ['.md', '.mdx']);
    expect(walked.files).toEqual(['c/a/one.mdx', 'c/b/two.md']);
    expect(walked.problems.map((problem) => `${problem.file} ${problem.severity} ${problem.message}`).sort()).toEqual([
      'c/a/b-again warn c/a/b-again leads to c/b, which is already read; not followed a second time',
      'c/a/up error Symbolic link loop: c/a/up leads back to c, which contains it; not followed',
      'c/b/broken.mdx warn Broken symbolic link c/b/broken.mdx: its target does not exist',
      'c/b/self error Symbolic link loop at c/b/self: the link resolves to itself',
    ]);
  });
  it('is empty for a folder that does not exist', () => {
    expect(walkContentFiles(tree(), 'nope', ['.mdx'])).toEqual({ files: [], problems: [] });
  });
});

describe('YAML limits', () => {
  const parse = (text: string) => {
    const lines = new LineIndex(text);
    return parseYamlData({ file: 'f.yaml', lines, offset: 0, text, schema: z.object({}).passthrough(), rule: 'schema/x', whole: lines.span(0, 0) });
  };
  it('counts an alias as the values it repeats, without expanding it', () => {
    const shared = [1, 2, 3];
    expect(expandedSize({ a: shared, b: [shared, shared] }).values).toBe(1 + 4 + 1 + 4 + 4);
    const bomb: unknown[] = ['lol'];
    let level: unknown[] = bomb;
    for (let i = 0; i < 30; i++) level = Array(10).fill(level);
    const started = performance.now();
    expect(expandedSize(level).values).toBeGreaterThan(MAX_YAML_VALUES);
    expect(performance.now() - started).toBeLessThan(50);
  });
  it('refuses a billion laughs in well under a second, at its first alias', () => {
    const text = [
      'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]',
      ...'bcdefghij'.split('').map((name, i) => `${name}: &${name} [${Array(10).fill(`*${'abcdefghij'[i]}`).join(', ')}]`),
    ].join('\n');
    const started = performance.now();
    const result = parse(text);
    expect(performance.now() - started).toBeLessThan(200);
    expect(result.problems).toEqual([
      expect.objectContaining({ line: 2, column: 8, message: expect.stringContaining('YAML expands to more than 100,000 values') }),
    ]);
    expect(result.raw).toBeUndefined();
  });
  it('accepts a large document without aliases under the limit', () => {
    expect(parse(`list: [${Array(5000).fill('x').join(', ')}]`).problems).toEqual([]);
  });
  it('reports every syntax error, and schema errors next to duplicated keys', () => {
    expect(parse('a: 1\na: 2\nb: [x, y\nc: 3\n').problems.map((problem) => `${problem.line}:${problem.column} ${problem.message}`)).toEqual([
      '2:1 Invalid YAML: duplicated mapping key',
      '4:1 Invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });
});

describe('authoredInlineMarkdownHtml: text from content is never HTML', () => {
  it.each([
    ['The `pod` name, see [docs](https://example.com) and *this*', 'The <code>pod</code> name, see <a href="https://example.com">docs</a> and <em>this</em>'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['a <script>alert(1)</script> b', 'a &lt;script&gt;alert(1)&lt;/script&gt; b'],
    ['[click](javascript:alert(1))', 'click'],
    ['[click][r]\n\n[r]: JAVASCRIPT:alert(1)', 'click'],
    ['![graph](data:image/png;base64,AAAA)', 'graph'],
    ['<a href="javascript:x">y</a>', '&lt;a href="javascript:x"&gt;y&lt;/a&gt;'],
  ])('%j', (text, html) => {
    expect(authoredInlineMarkdownHtml(text)).toBe(html);
  });
});
