// Mojibake: UTF-8 text that was decoded as Windows-1252 (`â€™`, `ðŸš¨`) or Mac OS Roman (`‚Üí`,
// `üîß`) and saved again. Found by turning each run of non-ASCII characters back into the bytes
// that legacy encoding would give and decoding those as UTF-8: real text almost never survives that.

export type LegacyEncoding = 'windows-1252' | 'macintosh';

export const ENCODING_NAMES: Record<LegacyEncoding, string> = {
  'windows-1252': 'Windows-1252',
  macintosh: 'Mac OS Roman',
};

export interface MojibakeMatch {
  /** Offsets into the text. */
  start: number;
  end: number;
  encoding: LegacyEncoding;
  /** The text as it was meant (U+FFFD or a best guess where a byte was lost). */
  repaired: string;
  /** True when the round trip is exact, so `repaired` can replace the match safely. */
  exact: boolean;
}

/** Character → byte for the upper half of each legacy encoding (from the platform's own decoder). */
function encoder(encoding: LegacyEncoding): Map<string, number> {
  const upper = new TextDecoder(encoding).decode(Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i));
  const map = new Map<string, number>();
  [...upper].forEach((char, i) => map.set(char, 0x80 + i));
  // Windows-1252 leaves five bytes undefined; decoders keep them as C1 controls (as ISO-8859-1 does for all 32).
  if (encoding === 'windows-1252')
    for (let byte = 0x80; byte <= 0x9f; byte++) if (!map.has(String.fromCharCode(byte))) map.set(String.fromCharCode(byte), byte);
  return map;
}

const ENCODERS: Record<LegacyEncoding, Map<string, number>> = { 'windows-1252': encoder('windows-1252'), macintosh: encoder('macintosh') };

/**
 * Leads of two-byte sequences that mojibake of real text uses (Latin-1, Latin Extended, Greek, Cyrillic,
 * Hebrew, Arabic) and real text rarely puts before a symbol. Other two-byte hits are too often genuine
 * (`“é` in Mac OS Roman is `D2 8E`, valid UTF-8), so a lone one of those is left alone.
 */
const TWO_BYTE_LEADS: Record<LegacyEncoding, Set<number>> = {
  'windows-1252': new Set([0xc2, 0xc3, 0xc4, 0xc5, 0xce, 0xcf, 0xd0, 0xd1, 0xd7, 0xd8, 0xd9]),
  macintosh: new Set([0xc2, 0xc3, 0xc4, 0xc5]),
};

/** Bytes Windows-1252 cannot decode, in the order a lost one is most likely (`”` E2 80 9D, `┐` E2 94 90). */
const LOST_BYTE_GUESSES: Record<string, number> = { 'e2 80': 0x9d, 'e2 94': 0x90 };

/** Not something text means: controls, unassigned, private use, lone surrogates. */
const IMPLAUSIBLE = /[\p{Cc}\p{Cn}\p{Co}\p{Cs}]/u;

const isContinuation = (byte: number | undefined) => byte !== undefined && byte >= 0x80 && byte <= 0xbf;

/** Length of the UTF-8 sequence a lead byte starts, and the range its second byte must be in. */
function leadOf(byte: number): { length: number; low: number; high: number } | undefined {
  if (byte >= 0xc2 && byte <= 0xdf) return { length: 2, low: 0x80, high: 0xbf };
  if (byte === 0xe0) return { length: 3, low: 0xa0, high: 0xbf };
  if (byte === 0xed) return { length: 3, low: 0x80, high: 0x9f };
  if (byte >= 0xe1 && byte <= 0xef) return { length: 3, low: 0x80, high: 0xbf };
  if (byte === 0xf0) return { length: 4, low: 0x90, high: 0xbf };
  if (byte >= 0xf1 && byte <= 0xf3) return { length: 4, low: 0x80, high: 0xbf };
  if (byte === 0xf4) return { length: 4, low: 0x80, high: 0x8f };
  return undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

interface Segment {
  /** Offsets into the run (one character per byte). */
  start: number;
  end: number;
  text: string;
  bytes: number;
  lead: number;
  exact: boolean;
}

/** The UTF-8 sequences hidden in a run of bytes; bytes that belong to none are real text. */
function segments(bytes: number[], encoding: LegacyEncoding): Segment[] {
  const found: Segment[] = [];
  let i = 0;
  while (i < bytes.length) {
    const lead = leadOf(bytes[i]);
    if (lead) {
      let n = 1;
      if (bytes[i + 1] !== undefined && bytes[i + 1] >= lead.low && bytes[i + 1] <= lead.high) {
        n = 2;
        while (n < lead.length && isContinuation(bytes[i + n])) n++;
      }
      if (n === lead.length) {
        const text = utf8.decode(Uint8Array.from(bytes.slice(i, i + n)));
        if (!IMPLAUSIBLE.test(text)) {
          found.push({ start: i, end: i + n, text, bytes: n, lead: bytes[i], exact: true });
          i += n;
          continue;
        }
      } else if (n >= 2 && encoding === 'windows-1252' && (bytes[i] === 0xe2 || bytes[i] === 0xf0)) {
        // A byte Windows-1252 cannot decode was dropped (`â€` for `”`, `â”` for `┐`, `ðŸ` for many emoji).
        const guess = n === lead.length - 1 ? LOST_BYTE_GUESSES[hex(bytes.slice(i, i + n))] : undefined;
        const text = guess === undefined ? '\uFFFD' : utf8.decode(Uint8Array.from([...bytes.slice(i, i + n), guess]));
        found.push({ start: i, end: i + n, text, bytes: lead.length, lead: bytes[i], exact: false });
        i += n;
        continue;
      }
    } else if (encoding === 'macintosh' && bytes[i] === 0x9f && isContinuation(bytes[i + 1]) && isContinuation(bytes[i + 2])) {
      // Mac OS Roman shows the F0 of an emoji as the Apple logo (U+F8FF), which is often stripped.
      const text = utf8.decode(Uint8Array.from([0xf0, ...bytes.slice(i, i + 3)]));
      if (/\p{Extended_Pictographic}/u.test(text)) {
        found.push({ start: i, end: i + 3, text, bytes: 4, lead: 0xf0, exact: false });
        i += 3;
        continue;
      }
    }
    i++;
  }
  return found;
}

const hex = (bytes: number[]) => bytes.map((byte) => byte.toString(16).padStart(2, '0')).join(' ');

/** Adjacent segments that together are convincing mojibake. */
function groups(run: number[], encoding: LegacyEncoding): { start: number; end: number; text: string; exact: boolean }[] {
  const result: { start: number; end: number; text: string; exact: boolean }[] = [];
  let current: Segment[] = [];
  const flush = () => {
    if (!current.length) return;
    const convincing = current.length > 1 || current[0].bytes > 2 || TWO_BYTE_LEADS[encoding].has(current[0].lead);
    // Exactly repairable stretches stay together; each guess (a lost byte) is reported on its own.
    if (convincing) {
      for (const segment of current) {
        const last = result[result.length - 1];
        const text = segment.text === '\uFEFF' ? '' : segment.text; // a byte order mark means nothing inside text
        if (last && last.end === segment.start && last.exact && segment.exact) {
          last.end = segment.end;
          last.text += text;
        } else result.push({ start: segment.start, end: segment.end, text, exact: segment.exact });
      }
    }
    current = [];
  };
  for (const segment of segments(run, encoding)) {
    if (current.length && current[current.length - 1].end !== segment.start) flush();
    current.push(segment);
  }
  flush();
  return result;
}

/** Mojibake in a run of non-ASCII characters, under the encoding that explains most of it. */
function inRun(run: string, offset: number): MojibakeMatch[] {
  let best: MojibakeMatch[] = [];
  let bestLength = 0;
  for (const encoding of ['windows-1252', 'macintosh'] as const) {
    const map = ENCODERS[encoding];
    const matches: MojibakeMatch[] = [];
    // Characters the encoding cannot produce split the run into parts.
    let partStart = 0;
    const chars = [...run];
    let position = 0;
    const bytes: number[] = [];
    const finishPart = (partEnd: number) => {
      for (const group of groups(bytes, encoding)) {
        matches.push({ start: offset + partStart + group.start, end: offset + partStart + group.end, encoding, repaired: group.text, exact: group.exact });
      }
      bytes.length = 0;
      partStart = partEnd;
    };
    for (const char of chars) {
      const byte = map.get(char);
      position += char.length;
      if (byte === undefined) finishPart(position);
      else bytes.push(byte);
    }
    finishPart(position);
    const length = matches.reduce((sum, match) => sum + match.end - match.start, 0);
    if (length > bestLength) {
      best = matches;
      bestLength = length;
    }
  }
  return best;
}

/** Every piece of mojibake in `text`, in order. Repairs text that went through the mistake twice. */
export function findMojibake(text: string): MojibakeMatch[] {
  const found: MojibakeMatch[] = [];
  for (const run of text.matchAll(/[^\x00-\x7F]+/g)) {
    for (const match of inRun(run[0], run.index)) {
      // `Ã¢â‚¬â„¢` is `â€™` twice over: repair until nothing is left (a few rounds at most).
      for (let round = 0; round < 3; round++) {
        const again = findMojibake0(match.repaired);
        if (again.length !== 1 || again[0].start !== 0 || again[0].end !== match.repaired.length) break;
        match.repaired = again[0].repaired;
        match.exact &&= again[0].exact;
      }
      found.push(match);
    }
  }
  return found;
}

/** One round, no double repair. */
function findMojibake0(text: string): MojibakeMatch[] {
  const found: MojibakeMatch[] = [];
  for (const run of text.matchAll(/[^\x00-\x7F]+/g)) found.push(...inRun(run[0], run.index));
  return found;
}

/** `text` with every exactly repairable piece of mojibake repaired. */
export function repairMojibake(text: string): string {
  return repairMojibakeReport(text).text;
}

export interface MojibakeReport {
  /** The text with every exact match repaired. Line breaks are never part of a match, so line numbers stay. */
  text: string;
  /** What was repaired, by 1-based line of the text. */
  repairs: { line: number; before: string; after: string; encoding: LegacyEncoding }[];
  /** Pieces whose bytes were lost on the way: left as they are, with the most likely character (U+FFFD when none). */
  damaged: { line: number; text: string; guess: string; encoding: LegacyEncoding }[];
}

/** Repairs like `repairMojibake`, and says where (the importer reports it and redraws damaged diagrams). */
export function repairMojibakeReport(text: string): MojibakeReport {
  const report: MojibakeReport = { text: '', repairs: [], damaged: [] };
  let last = 0;
  let line = 1;
  let counted = 0;
  for (const match of findMojibake(text)) {
    for (; counted < match.start; counted++) if (text.charCodeAt(counted) === 10) line++;
    const before = text.slice(match.start, match.end);
    if (!match.exact) {
      report.damaged.push({ line, text: before, guess: match.repaired, encoding: match.encoding });
      continue;
    }
    report.repairs.push({ line, before, after: match.repaired, encoding: match.encoding });
    report.text += text.slice(last, match.start) + match.repaired;
    last = match.end;
  }
  report.text += text.slice(last);
  return report;
}
