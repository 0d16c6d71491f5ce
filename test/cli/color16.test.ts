// With 16 colours (FORCE_COLOR=1, a basic terminal) every code keeps a colour
// that reads on dark and light backgrounds: never black, white or grey.
import { describe, expect, it } from 'vitest';
import { makeStyle } from '../../src/reporters/style.js';
import { run, EXAMPLE } from '../helpers/cli.js';

const UNREADABLE = new Set([30, 37, 90, 97]);

describe('the 16-colour palette', () => {
  it('prints reciprocity in green and network-growth in cyan, not black and bright white', async () => {
    const result = await run(['report', EXAMPLE], { env: { FORCE_COLOR: '1' } });
    expect(result.stdout).toContain('\u001b[32m  reciprocity\u001b[39m');
    expect(result.stdout).toContain('\u001b[36m  network-growth\u001b[39m');
    const used = [...result.stdout.matchAll(/\u001b\[(\d+)m/g)].map((m) => Number(m[1])).filter((n) => (n >= 30 && n <= 37) || (n >= 90 && n <= 97));
    expect(used.length).toBeGreaterThan(5);
    for (const code of used) expect(UNREADABLE.has(code), String(code)).toBe(false);
  });

  it('keeps the hue of each colour, and leaves greys uncoloured', () => {
    const style = makeStyle(1);
    expect(style.hex('#117733', 'x')).toBe('\u001b[32mx\u001b[39m');
    expect(style.hex('#ddcc77', 'x')).toBe('\u001b[33mx\u001b[39m');
    expect(style.hex('#332288', 'x')).toBe('\u001b[34mx\u001b[39m');
    expect(style.hex('#cc6677', 'x')).toBe('\u001b[31mx\u001b[39m');
    expect(style.hex('#888888', 'x')).toBe('x');
    // 256 colours and more keep chalk's exact mapping.
    expect(makeStyle(3).hex('#117733', 'x')).toBe('\u001b[38;2;17;119;51mx\u001b[39m');
  });
});
