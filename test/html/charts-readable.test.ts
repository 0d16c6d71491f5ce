// Charts that can be read: round y ticks, the phase band behind the plot only,
// series with the same values all visible, and the n under each bar group.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shareAxis, tickLabel } from '../../src/reporters/html/charts.js';
import { EXAMPLE, run, tempDir } from '../helpers/cli.js';

const tickLabels = (svg: string) => [...svg.matchAll(/text-anchor="end" fill="#444">([^<]+)<\/text>/g)].map((m) => m[1]);

describe('readable HTML charts', () => {
  it('y ticks are round percentages', async () => {
    const result = await run(['report', '--format', 'html'], { cwd: EXAMPLE });
    const labels = tickLabels(result.stdout);
    expect(labels.length).toBeGreaterThan(4);
    for (const label of labels) expect(label).toMatch(/^(?:0|[1-9]\d*)%$/);
    expect(shareAxis(0.25)).toEqual({ max: 0.3, ticks: [0, 0.1, 0.2, 0.3] });
    expect(shareAxis(0.6)).toEqual({ max: 0.6, ticks: [0, 0.2, 0.4, 0.6] });
    expect(shareAxis(0.023).ticks.map(tickLabel)).toEqual(['0%', '1%', '2%', '3%']);
    expect(shareAxis(0.009).ticks.map(tickLabel)).toEqual(['0%', '0.5%', '1%']);
    expect(shareAxis(0).ticks.map(tickLabel)).toEqual(['0%', '50%', '100%']);
  });

  it('the phase highlight band stays inside the plot, behind the grid and labels', async () => {
    const result = await run(['phase-report', '--where', 'phase=I', '--format', 'html', '--pseudonymize'], { cwd: EXAMPLE });
    const bands = [...result.stdout.matchAll(/<rect x="(-?[\d.]+)" y="0" width="([\d.]+)" height="[\d.]+" fill="#fff3c4"\/>/g)];
    expect(bands.length).toBeGreaterThan(0);
    for (const band of bands) expect(Number(band[1])).toBeGreaterThanOrEqual(0);
    // Drawn before the first tick label of its panel.
    const first = result.stdout.indexOf('fill="#fff3c4"');
    expect(result.stdout.indexOf('text-anchor="end" fill="#444">0%', first)).toBeGreaterThan(first);
  });

  it('bar groups show their n, and each bar says it in its tooltip', async () => {
    const result = await run(['phase-report', '--where', 'phase=II', '--format', 'html', '--pseudonymize'], { cwd: EXAMPLE });
    expect(result.stdout).toContain('>n = 30</text>');
    expect(result.stdout).toContain('<title>de-brug, Feedback from peers: 13.3% of 30 segments</title>');
  });

  it('two codes with the same trajectory are both visible', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'notes'));
    writeFileSync(join(dir, 'fieldcode.yaml'), 'name: t\ncodebook: codebook.yaml\nnotes: ["notes/**/*.md"]\nvariables:\n  phase: { values: [I, II], ordered: true }\n');
    writeFileSync(join(dir, 'codebook.yaml'), 'name: t\nversion: "1"\ncodes:\n  - id: alpha\n    label: Alpha\n    definition: A.\n  - id: beta\n    label: Beta\n    definition: B.\n');
    writeFileSync(join(dir, 'notes', 'a.md'), '---\nphase: I\n---\nOne. #alpha #beta\n\nTwo.\n');
    writeFileSync(join(dir, 'notes', 'b.md'), '---\nphase: II\n---\nThree. #alpha #beta\n');
    const result = await run(['phase-change', '--format', 'svg'], { cwd: dir });
    expect(result.code).toBe(0);
    const lines = [...result.stdout.matchAll(/<polyline points="([^"]+)"[^>]*?(stroke-dasharray="[^"]+")?\/>/g)];
    expect(lines).toHaveLength(2);
    expect(lines[0][1]).toBe(lines[1][1]);
    expect(lines[0][2]).toBeUndefined();
    expect(lines[1][2]).toBe('stroke-dasharray="6 6"');
    expect(result.stdout).toMatch(/<circle [^>]*r="5" fill="none"/);
  });
});
