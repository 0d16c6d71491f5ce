#!/usr/bin/env node
// Regenerates docs/img/phase-report.png from the committed HTML phase report
// of the example project, in headless Debian Chromium:
//   fieldcode build examples/peer-groups && node test/html/screenshot.mjs
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('../../', import.meta.url));
const report = join(root, process.argv[2] ?? 'examples/peer-groups/reports/phase-II.html');
const out = join(root, process.argv[3] ?? 'docs/img/phase-report.png');
const executablePath = process.env.FIELDCODE_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(report)) throw new Error(`Cannot find ${report}; run \`fieldcode build examples/peer-groups\` first`);

const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 1500 }, deviceScaleFactor: 1 });
  await page.goto(pathToFileURL(report).href, { waitUntil: 'load' });
  mkdirSync(dirname(out), { recursive: true });
  await page.screenshot({ path: out, fullPage: false });
  process.stdout.write(`${out}\n`);
} finally {
  await browser.close();
}
