// Whether output is coloured, decided once at the edge for every command: an explicit --color or
// --no-color, then FORCE_COLOR (force-color.org; 0 or false turns colour off), then NO_COLOR
// (no-color.org), then whether the output is a terminal that is not "dumb".

export function colorEnabled(env: Record<string, string | undefined>, isTTY: boolean | undefined, flag?: boolean): boolean {
  if (flag !== undefined) return flag;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return Boolean(isTTY) && env.TERM !== 'dumb';
}

/** SGR codes the CLI uses. */
export const STYLE = { bold: '1', dim: '2', red: '31', green: '32', yellow: '33', cyan: '36' } as const;

/** `text` in a style when `on`; the text alone otherwise. */
export function paint(on: boolean, style: keyof typeof STYLE, text: string): string {
  return on ? `\u001b[${STYLE[style]}m${text}\u001b[0m` : text;
}
