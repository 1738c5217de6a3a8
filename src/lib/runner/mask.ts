// Secret values replaced by *** in output that arrives in pieces. A pipe read may end in the middle of a
// secret, so each stream holds back its last (longest secret − 1) characters until the next piece or the end:
// a secret split across two reads is masked like any other.

export const MASK = '***';

/** Masks one stream of text fed in pieces; what it returns can be shown and kept. */
export class StreamMask {
  private held = '';
  private readonly secrets: string[];
  private readonly hold: number;
  constructor(secrets: readonly string[]) {
    // Longest first: where two secrets start at the same place, the longer one is masked whole.
    this.secrets = [...new Set(secrets.filter((secret) => secret !== ''))].sort((a, b) => b.length - a.length);
    this.hold = this.secrets.length ? this.secrets[0].length - 1 : 0;
  }

  /** The masked text that is certain now: everything but a tail that may be the start of a secret. */
  push(text: string): string {
    if (!this.secrets.length) return text;
    return this.scan(this.held + text, false);
  }

  /** The rest, at the end of the stream. */
  flush(): string {
    const rest = this.held ? this.scan(this.held, true) : '';
    this.held = '';
    return rest;
  }

  private scan(text: string, end: boolean): string {
    // Positions from `limit` on might start a secret whose end has not arrived yet.
    const limit = end ? text.length : Math.max(0, text.length - this.hold);
    let out = '';
    let i = 0;
    while (i < limit) {
      let at = -1;
      let length = 0;
      for (const secret of this.secrets) {
        const found = text.indexOf(secret, i);
        if (found !== -1 && (at === -1 || found < at)) [at, length] = [found, secret.length];
      }
      if (at === -1 || at >= limit) {
        out += text.slice(i, limit);
        i = limit;
        break;
      }
      out += text.slice(i, at) + MASK;
      i = at + length;
    }
    // Never hand out half of a surrogate pair: the terminal would show a replacement character.
    const last = out.charCodeAt(out.length - 1);
    if (!end && i === limit && i < text.length && last >= 0xd800 && last <= 0xdbff) {
      out = out.slice(0, -1);
      i--;
    }
    this.held = text.slice(i);
    return out;
  }
}

/** `text` with every secret replaced by ***. */
export function maskText(text: string, secrets: readonly string[]): string {
  const mask = new StreamMask(secrets);
  return mask.push(text) + mask.flush();
}
