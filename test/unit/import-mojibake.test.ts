// Mojibake repair as the importer uses it (src/lib/text/mojibake.ts, shared with text/mojibake):
// UTF-8 read as Mac OS Roman or Windows-1252 comes back, line for line; real text is left alone.
import { describe, expect, it } from 'vitest';
import { findMojibake, repairMojibakeReport, type LegacyEncoding } from '../../src/lib/text/mojibake.ts';

/** What a program produced that read `text`'s UTF-8 bytes with `encoding`. */
function garble(text: string, encoding: LegacyEncoding): string {
  return new TextDecoder(encoding).decode(new TextEncoder().encode(text));
}

const encodingsOf = (report: ReturnType<typeof repairMojibakeReport>) => [...new Set(report.repairs.map((repair) => repair.encoding))];

describe('repairMojibakeReport', () => {
  it('repairs UTF-8 read as Mac OS Roman (seed 000)', () => {
    const original = '## 🔧 Playbook 1: High Response Time\n# Grafana: Dashboard → API Performance\n### ✅ Resolution\n### 🛡️ Prevention';
    const garbled = garble(original, 'macintosh');
    expect(garbled).toContain('üîß');
    expect(garbled).toContain('‚Üí');
    expect(garbled).toContain('‚úÖ');
    const result = repairMojibakeReport(garbled);
    expect(result.text).toBe(original);
    expect(encodingsOf(result)).toEqual(['macintosh']);
    expect(result.repairs.map((repair) => repair.line)).toEqual([1, 2, 3, 4]);
    expect(result.damaged).toEqual([]);
  });

  it('repairs UTF-8 read as Windows-1252', () => {
    const original = 'It’s down — 🚨 INCIDENT ✅ RESOLVED ↓ café';
    const garbled = garble(original, 'windows-1252');
    expect(garbled).toContain('â€™');
    expect(garbled).toContain('ðŸš¨');
    const result = repairMojibakeReport(garbled);
    expect(result.text).toBe(original);
    expect(encodingsOf(result)).toEqual(['windows-1252']);
    expect(result.repairs.map((repair) => repair.after)).toEqual(['’', '—', '🚨', '✅', '↓', 'é']);
  });

  it('round-trips: every repair re-encodes to the mojibake it replaced', () => {
    const result = repairMojibakeReport(garble('│ Alert Triggered │ → ▼ ×', 'windows-1252'));
    expect(result.repairs.length).toBeGreaterThan(0);
    for (const repair of result.repairs) expect(garble(repair.after, repair.encoding)).toBe(repair.before);
  });

  it('leaves text that is not mojibake untouched', () => {
    for (const text of [
      'café naïve → ok × 2 “quoted”',
      '# Dashboard: "Golden Signals" → Latency panel',
      'Expected max: replicas × pool_size (e.g., 2 × 20 = 40)',
      'plain ASCII',
      'Â alone, â then text',
    ]) {
      const result = repairMojibakeReport(text);
      expect(result.text).toBe(text);
      expect(result.repairs).toEqual([]);
    }
    expect(findMojibake('café → ×')).toEqual([]);
  });

  it('repairs a mojibake line and leaves the real text next to it alone', () => {
    const text = `${garble('Status: ✅ Ready', 'macintosh')}\nA café → a line that was always fine`;
    expect(repairMojibakeReport(text).text).toBe('Status: ✅ Ready\nA café → a line that was always fine');
  });

  it('reports sequences whose bytes were lost and keeps them as they are (seed 004)', () => {
    // ┐ is E2 94 90; Windows-1252 has no character for 0x90, so the third byte is gone.
    const garbled = `${garble('┌──', 'windows-1252')}â”\n${garble('│ Alert │', 'windows-1252')}`;
    const result = repairMojibakeReport(garbled);
    expect(result.text).toBe('┌──â”\n│ Alert │');
    expect(result.damaged).toEqual([{ line: 1, text: 'â”', guess: '┐', encoding: 'windows-1252' }]);
  });

  it('gives line numbers of the text it was given, which the repair does not change', () => {
    const garbled = `plain\n${garble('a → b', 'macintosh')}\n\nx ${garble('’', 'windows-1252')} y`;
    const result = repairMojibakeReport(garbled);
    expect(result.text.split('\n')).toHaveLength(garbled.split('\n').length);
    expect(result.repairs.map(({ line, after }) => [line, after])).toEqual([
      [2, '→'],
      [4, '’'],
    ]);
  });
});
