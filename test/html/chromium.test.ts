// The example's HTML phase report in a real browser: headless Chromium from
// Debian (`apt-get install chromium`), driven by playwright-core, which never
// downloads a browser of its own. Skipped locally when Chromium is missing;
// under CI=true a missing browser fails the test.
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { EXAMPLE, tempDir } from '../helpers/cli.js';

const CHROMIUM = process.env.FIELDCODE_CHROMIUM ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
const inCI = process.env.CI === 'true' || process.env.CI === '1';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--disable-default-apps',
];

describe('HTML phase report in headless Chromium', () => {
  test('Chromium is installed where CI needs it', () => {
    if (inCI) expect(available, `${CHROMIUM} is missing: .ci/run must install the Debian package chromium`).toBe(true);
  });

  test.skipIf(!available && !inCI)('charts render with a size, no console errors, no network, and a screenshot is produced', async () => {
    const { chromium } = await import('playwright-core');
    // The committed report of the example (test/build checks it is up to date).
    const file = join(EXAMPLE, 'reports', 'phase-II.html');
    expect(readFileSync(file, 'utf8')).toContain('<svg');

    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      page.on('request', (request) => {
        if (!request.url().startsWith('file:')) requests.push(request.url());
      });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });

      const charts = await page.$$eval('svg.chart', (nodes) =>
        nodes.map((svg) => {
          const box = svg.getBoundingClientRect();
          const marks = svg.querySelectorAll('rect, polyline, circle').length;
          const label = svg.getAttribute('aria-labelledby') ?? '';
          const labelled = label.split(' ').every((id) => (document.getElementById(id)?.textContent ?? '').trim().length > 0);
          return { id: svg.id, width: box.width, height: box.height, marks, labelled };
        }),
      );
      // Bars, trajectories and the heatmap.
      expect(charts.map((c) => c.id)).toEqual(['s1-bars', 's1-lines', 's1-heatmap']);
      for (const chart of charts) {
        expect(chart.width, chart.id).toBeGreaterThan(100);
        expect(chart.height, chart.id).toBeGreaterThan(100);
        expect(chart.marks, chart.id).toBeGreaterThan(10);
        expect(chart.labelled, chart.id).toBe(true);
      }
      // The bars really have height: at least one bar of the first chart is taller than 10px.
      const tallest = await page.$eval('#s1-bars', (svg) => Math.max(...[...svg.querySelectorAll('g.panel rect')].map((r) => r.getBoundingClientRect().height)));
      expect(tallest).toBeGreaterThan(10);
      // Each chart has its table fallback and caption.
      expect(await page.locator('figure.chart-figure figcaption').count()).toBe(3);
      expect(await page.locator('figure.chart-figure details table').count()).toBe(3);
      expect(await page.locator('blockquote').count()).toBeGreaterThan(5);

      const shots = tempDir();
      mkdirSync(shots, { recursive: true });
      const png = join(shots, 'phase-II.png');
      await page.screenshot({ path: png, fullPage: true });
      const bytes = readFileSync(png);
      expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(statSync(png).size).toBeGreaterThan(20_000);
      // Printing works too (the print stylesheet lays the page out without errors).
      await page.emulateMedia({ media: 'print' });
      expect(await page.$eval('#s1-bars', (svg) => svg.getBoundingClientRect().width)).toBeGreaterThan(100);
      expect(await page.$eval('details.fallback', (el) => getComputedStyle(el).display)).toBe('none');
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(20_000);

      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
