// Offsets between UTF-8 bytes (what mvdan/sh and PostgreSQL report) and UTF-16 units (what JavaScript strings use).

/** A function from a UTF-8 byte offset of `text` to its UTF-16 offset (identity for ASCII text). */
export function byteToCharOffsets(text: string): (byte: number) => number {
  if (/^[\x00-\x7f]*$/.test(text)) return (byte) => byte;
  const table: number[] = [];
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    const width = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    for (let k = 0; k < width; k++) table[bytes + k] = i;
    bytes += width;
    if (code > 0xffff) i++;
  }
  table[bytes] = text.length;
  return (byte) => (byte >= bytes ? text.length : table[byte]);
}
