#!/usr/bin/env node
// Benchmark: `fieldcode report` on a synthetic corpus made with a fixed seed,
// against a bare remark parse of the same files, in the same run.
//
//   npm run bench                  1,000 notes (about 30 MB)
//   npm run bench -- --notes 200   a smaller corpus
//   npm run bench -- --seed 7      another corpus of the same shape
//   npm run bench -- --keep        keep bench/corpus/ afterwards, to profile it
//
// Each measurement runs in its own child process so that its peak memory
// (maxRSS) is its own.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { generate } from './corpus.js';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};

if (option('child')) {
  await child(option('child'), option('dir'));
} else {
  await parent();
}

async function parent() {
  const notes = Number(option('notes', process.env.FIELDCODE_BENCH_NOTES ?? '1000'));
  const seed = Number(option('seed', '42'));
  const dir = join(here, 'corpus');
  const bytes = generate(dir, notes, seed);
  const mb = bytes / 1e6;
  console.log(`corpus: ${notes} notes, ${mb.toFixed(1)} MB, seed ${seed} (${dir})`);

  const measure = (mode) => {
    const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode, '--dir', dir], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (result.status !== 0) throw new Error(`${mode} failed: ${result.stderr}`);
    return JSON.parse(result.stdout.trim().split('\n').pop());
  };
  const parse = measure('parse');
  const report = measure('report');
  const started = process.hrtime.bigint();
  const bin = spawnSync(process.execPath, [join(root, 'bin', 'fieldcode.js'), 'report', dir, '--format', 'json', '--quiet'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const binMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (bin.status !== 0) throw new Error(`bin failed (${bin.status}): ${bin.stderr.slice(0, 500)}`);

  const row = (label, ms, rss) => `${label.padEnd(34)} ${(ms / 1000).toFixed(2).padStart(7)} s  ${(mb / (ms / 1000)).toFixed(2).padStart(7)} MB/s  peak RSS ${rss.toFixed(0).padStart(5)} MB`;
  console.log(row('bare remark parse (same files)', parse.ms, parse.maxRssMB));
  console.log(row('fieldcode report (main, in-process)', report.ms, report.maxRssMB));
  console.log(`${'fieldcode report (real bin, wall)'.padEnd(34)} ${(binMs / 1000).toFixed(2).padStart(7)} s  ${(mb / (binMs / 1000)).toFixed(2).padStart(7)} MB/s`);
  console.log(`ratio report / bare parse: ${(report.ms / parse.ms).toFixed(2)}`);
  console.log(`segments: ${report.segments}, codings: ${report.codings}`);
  if (!args.includes('--keep')) rmSync(dir, { recursive: true, force: true });
}

async function child(mode, dir) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.md')).sort().map((f) => join(dir, f));
  const started = process.hrtime.bigint();
  let extra = {};
  if (mode === 'parse') {
    const { unified } = await import('unified');
    const remarkParse = (await import('remark-parse')).default;
    const remarkFrontmatter = (await import('remark-frontmatter')).default;
    const remarkGfm = (await import('remark-gfm')).default;
    const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);
    let nodes = 0;
    for (const file of files) nodes += processor.parse(readFileSync(file, 'utf8')).children.length;
    extra = { nodes };
  } else {
    const { main } = await import(join(root, 'dist', 'cli', 'main.js'));
    let out = '';
    const sink = { write: (chunk) => ((out += chunk), true), isTTY: false };
    const code = await main({ argv: ['report', dir, '--format', 'json', '--quiet'], env: {}, cwd: root, stdin: process.stdin, stdout: sink, stderr: { write: () => true, isTTY: false } });
    if (code !== 0) throw new Error(`report exited ${code}`);
    const totals = JSON.parse(out).totals;
    extra = { segments: totals.segments, codings: totals.codings };
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024, ...extra }));
}
