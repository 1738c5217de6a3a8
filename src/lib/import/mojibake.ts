// Repairs mojibake: UTF-8 text that was once decoded as MacRoman (`üîß` → 🔧) or Windows-1252
// (`â€™` → ’). A repair is kept only when the bytes decode as valid UTF-8 and re-encode to the same text.

export type Codepage = 'macintosh' | 'windows-1252';
const CODEPAGES: Codepage[] = ['windows-1252', 'macintosh'];

export interface Repair {
  /** 1-based line number. */
  line: number;
  before: string;
  after: string;
  codepage: Codepage;
}

export interface Damage {
  line: number;
  /** The characters that could not be repaired: a UTF-8 sequence whose bytes were lost. */
  text: string;
}

export interface RepairResult {
  text: string;
  repairs: Repair[];
  /** Places where bytes were lost on the way (cp1252 has no character for 0x81, 0x8D, 0x8F, 0x90, 0x9D). */
  damaged: Damage[];
  /** The codepage the document was mis-decoded with, when any repair was made. */
  codepage?: Codepage;
}

/** char → byte for the high half (0x80-0xFF) of a codepage, and the way back. */
interface Table {
  toByte: Map<string, number>;
  toChar: string[];
}
const tables = new Map<Codepage, Table>();

function table(codepage: Codepage): Table {
  let found = tables.get(codepage);
  if (!found) {
    const decoder = new TextDecoder(codepage);
    const toByte = new Map<string, number>();
    const toChar: string[] = [];
    for (let byte = 0x80; byte <= 0xff; byte++) {
      const char = decoder.decode(new Uint8Array([byte]));
      toChar[byte] = char;
      // WHATWG windows-1252 maps its five undefined bytes to C1 controls; a text that still holds
      // them kept the byte, so they may take part in a repair.
      if (!toByte.has(char)) toByte.set(char, byte);
    }
    found = { toByte, toChar };
    tables.set(codepage, found);
  }
  return found;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

/** How many bytes a UTF-8 sequence starting with `lead` has, or 0 when it is not a lead byte. */
function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

const isContinuation = (byte: number | undefined) => byte !== undefined && byte >= 0x80 && byte <= 0xbf;

interface LineRepair {
  text: string;
  repaired: { before: string; after: string }[];
  damaged: string[];
}

/** Repairs one line with one codepage: every run of characters that are the bytes of a UTF-8 sequence. */
function repairLine(line: string, codepage: Codepage): LineRepair {
  const { toByte, toChar } = table(codepage);
  const chars = [...line];
  const bytes = chars.map((char) => toByte.get(char));
  const out: string[] = [];
  const repaired: LineRepair['repaired'] = [];
  const damaged: string[] = [];
  let i = 0;
  while (i < chars.length) {
    const length = bytes[i] === undefined ? 0 : sequenceLength(bytes[i]!);
    if (length === 0) {
      out.push(chars[i]);
      i++;
      continue;
    }
    let available = 1;
    while (available < length && isContinuation(bytes[i + available])) available++;
    if (available < length) {
      // A lead byte with some of its continuation bytes: the rest was lost (or this is real text such
      // as "â" followed by a letter, which has no continuation at all and is left alone).
      if (available > 1) damaged.push(chars.slice(i, i + available).join(''));
      out.push(chars[i]);
      i++;
      continue;
    }
    const sequence = new Uint8Array(bytes.slice(i, i + length) as number[]);
    let decoded: string;
    try {
      decoded = utf8.decode(sequence);
    } catch {
      out.push(chars[i]);
      i++;
      continue;
    }
    const before = chars.slice(i, i + length).join('');
    // Round trip: the repaired character, encoded as UTF-8 and read with the codepage, is the mojibake.
    const roundTrip = [...encoder.encode(decoded)].map((byte) => toChar[byte]).join('');
    if (roundTrip !== before || /[\u0080-\u009f]/.test(decoded)) {
      out.push(chars[i]);
      i++;
      continue;
    }
    out.push(decoded);
    repaired.push({ before, after: decoded });
    i += length;
  }
  return { text: out.join(''), repaired, damaged };
}

/** The codepage that repairs the most sequences in `text`, or undefined when none repairs any. */
export function detectCodepage(text: string): Codepage | undefined {
  let best: Codepage | undefined;
  let bestCount = 0;
  for (const codepage of CODEPAGES) {
    let count = 0;
    for (const line of text.split('\n')) count += repairLine(line, codepage).repaired.length;
    if (count > bestCount) {
      best = codepage;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Repairs the mojibake in `text`, line by line, with the codepage that explains most of it; the other
 * codepage gets a second chance at what is left. Text that is not mojibake is returned unchanged.
 */
export function repairMojibake(text: string): RepairResult {
  const codepage = detectCodepage(text);
  if (!codepage) return { text, repairs: [], damaged: [] };
  const order = [codepage, ...CODEPAGES.filter((other) => other !== codepage)];
  const repairs: Repair[] = [];
  const damaged: Damage[] = [];
  const lines = text.split('\n').map((line, index) => {
    let current = line;
    let lineDamage: string[] = [];
    for (const page of order) {
      const result = repairLine(current, page);
      for (const fix of result.repaired) repairs.push({ line: index + 1, ...fix, codepage: page });
      current = result.text;
      if (page === codepage) lineDamage = result.damaged;
    }
    for (const piece of lineDamage) if (current.includes(piece)) damaged.push({ line: index + 1, text: piece });
    return current;
  });
  return { text: lines.join('\n'), repairs, damaged, codepage };
}
