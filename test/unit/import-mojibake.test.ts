// Mojibake repair: UTF-8 read as MacRoman or Windows-1252 comes back; real text is left alone.
import { describe, expect, it } from 'vitest';
import { detectCodepage, repairMojibake } from '../../src/lib/import/mojibake.ts';

/** What a program produced that read `text`'s UTF-8 bytes with `codepage`. */
function garble(text: string, codepage: 'macintosh' | 'windows-1252'): string {
  return new TextDecoder(codepage).decode(new TextEncoder().encode(text));
}

describe('repairMojibake', () => {
  it('repairs UTF-8 read as MacRoman (seed 000)', () => {
    const original = '## 🔧 Playbook 1: High Response Time\n# Grafana: Dashboard → API Performance\n### ✅ Resolution\n### 🛡️ Prevention';
    const garbled = garble(original, 'macintosh');
    expect(garbled).toContain('üîß');
    expect(garbled).toContain('‚Üí');
    expect(garbled).toContain('‚úÖ');
    const result = repairMojibake(garbled);
    expect(result.text).toBe(original);
    expect(result.codepage).toBe('macintosh');
    expect(result.damaged).toEqual([]);
  });

  it('repairs UTF-8 read as Windows-1252', () => {
    const original = 'It’s down — 🚨 INCIDENT ✅ RESOLVED ↓ café';
    const garbled = garble(original, 'windows-1252');
    expect(garbled).toContain('â€™');
    expect(garbled).toContain('ðŸš¨');
    const result = repairMojibake(garbled);
    expect(result.text).toBe(original);
    expect(result.codepage).toBe('windows-1252');
    expect(result.repairs.map((repair) => repair.after)).toEqual(['’', '—', '🚨', '✅', '↓', 'é']);
  });

  it('round-trips: every repair re-encodes to the mojibake it replaced', () => {
    const result = repairMojibake(garble('│ Alert Triggered │ → ▼ ×', 'windows-1252'));
    for (const repair of result.repairs) expect(garble(repair.after, repair.codepage)).toBe(repair.before);
  });

  it('leaves text that is not mojibake untouched', () => {
    for (const text of ['café naïve → ok × 2 “quoted”', '# Dashboard: "Golden Signals" → Latency panel', 'Expected max: replicas × pool_size (e.g., 2 × 20 = 40)', 'plain ASCII', 'Â alone, â then text']) {
      const result = repairMojibake(text);
      expect(result.text).toBe(text);
      expect(result.repairs).toEqual([]);
    }
    expect(detectCodepage('café → ×')).toBeUndefined();
  });

  it('repairs a mojibake line and leaves the real text next to it alone', () => {
    const text = `${garble('Status: ✅ Ready', 'macintosh')}\nA café → a line that was always fine`;
    expect(repairMojibake(text).text).toBe('Status: ✅ Ready\nA café → a line that was always fine');
  });

  it('reports sequences whose bytes were lost and keeps them as they are (seed 004)', () => {
    // ┐ is E2 94 90; Windows-1252 has no character for 0x90, so the third byte is gone.
    const garbled = `${garble('┌──', 'windows-1252')}â”\n${garble('│ Alert │', 'windows-1252')}`;
    const result = repairMojibake(garbled);
    expect(result.text).toBe('┌──â”\n│ Alert │');
    expect(result.damaged).toEqual([{ line: 1, text: 'â”' }]);
  });
});
