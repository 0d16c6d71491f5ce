// The HTML page around every report: one self-contained file with inline CSS,
// no scripts, nothing loaded from the network (a Content-Security-Policy
// forbids it too), readable on screen and on paper.
import { escapeHtml as esc, safeHref } from './escape.js';

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1a1a1a; background: #ffffff; line-height: 1.45; margin: 0 auto; max-width: 72rem; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 .6rem; border-bottom: 2px solid #ddd; padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.6rem 0 .5rem; }
p.meta, p.note { color: #555; margin: .2rem 0 1rem; }
table.data { border-collapse: collapse; margin: .5rem 0 1.2rem; font-size: .86rem; font-variant-numeric: tabular-nums; }
table.data caption { text-align: left; font-weight: 600; padding-bottom: .3rem; }
table.data th, table.data td { border: 1px solid #d0d0d0; padding: .2rem .5rem; vertical-align: top; }
table.data thead th { background: #f2f2f2; text-align: left; }
table.data td { text-align: right; }
table.data td.text, table.data th[scope=row] { text-align: left; font-weight: normal; }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px; margin-right: .35em; vertical-align: -0.05em; border: 1px solid rgba(0,0,0,.2); }
.status { font-size: .75rem; font-weight: 600; padding: 0 .3em; border-radius: 3px; margin-left: .3em; white-space: nowrap; }
.status-new { background: #d8f0d8; color: #1b5e20; }
.status-back { background: #e3ecf8; color: #1f4e79; }
.status-gone { background: #f8dcdc; color: #8b1a1a; }
.status-no-data { background: #eeeeee; color: #555555; }
.up { color: #1b5e20; }
.down { color: #8b1a1a; }
.muted { color: #888; }
figure.chart-figure { margin: 1rem 0 1.6rem; }
figure.chart-figure svg { display: block; max-width: 100%; height: auto; }
figcaption { color: #444; font-size: .88rem; margin-top: .35rem; }
details.fallback { margin-top: .4rem; font-size: .88rem; }
details.fallback summary { cursor: pointer; color: #1f4e79; }
blockquote { margin: .6rem 0 .9rem; padding: .35rem .9rem; border-left: 4px solid #ccc; background: #fafafa; }
blockquote p { margin: 0 0 .25rem; white-space: pre-wrap; }
blockquote footer { color: #555; font-size: .85rem; }
a { color: #1f4e79; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
nav.toc ul { padding-left: 1.2rem; margin: .3rem 0 1rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  section.phase + section.phase { break-before: page; }
  h2, h3, h4 { break-after: avoid; }
  figure, table, blockquote { break-inside: avoid; }
  details.fallback { display: none; }
  a { color: inherit; text-decoration: none; }
  nav.toc { display: none; }
}
`.trim();

export interface PageInput {
  title: string;
  /** A line under the title (counts, filters), plain text. */
  subtitle?: string;
  /** Already-escaped HTML of the body. */
  body: string;
  /** A BCP 47 language tag; anything else gives `en`. */
  lang?: string | undefined;
}

export function page(input: PageInput): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${input.lang !== undefined && /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(input.lang) ? input.lang : 'en'}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="fieldcode">',
    `<title>${esc(input.title)}</title>`,
    `<style>\n${CSS}\n</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${esc(input.title)}</h1>`,
    input.subtitle ? `<p class="meta">${esc(input.subtitle)}</p>` : '',
    input.body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ]
    .filter((line, i, all) => line !== '' || i === all.length - 1)
    .join('\n');
}

/** A colour swatch (the codebook colour is validated before it reaches the style attribute). */
export function swatch(color: string): string {
  return `<span class="swatch" style="background:${color}" aria-hidden="true"></span>`;
}

/** `path:line` as a link to the note (relative to the report when `base` is given), GitHub-style `#L<line>`. */
export function sourceLink(note: string, line: number, base: string | undefined): string {
  const text = `${note}:${line}`;
  if (base === undefined) return `<code>${esc(text)}</code>`;
  return `<a href="${esc(`${safeHref(`${base}${note}`)}#L${line}`)}"><code>${esc(text)}</code></a>`;
}
