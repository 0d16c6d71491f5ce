// `fieldcode search` hits: a keyword-in-context line per hit with its
// `path:line`, speaker, variables and codes, in text, JSON, CSV and Markdown.
import type { SearchHit, SearchResult, Turn } from '../search/find.js';
import { toCsv } from './csv.js';
import { escapeMarkdownText, markdownCode } from './markdown-escape.js';
import { plain, type Style } from './style.js';
import { escapeControls } from './terminal.js';

/** Characters of context on each side of a match in the one-line view. */
const SIDE = 50;

const oneLine = (text: string): string => text.replace(/\s+/g, ' ');

function kwic(hit: SearchHit): { left: string; match: string; right: string } {
  const leftFull = oneLine(hit.text.slice(0, hit.start));
  const rightFull = oneLine(hit.text.slice(hit.end));
  const left = leftFull.length > SIDE ? `…${leftFull.slice(leftFull.length - SIDE + 1)}` : leftFull;
  const right = rightFull.length > SIDE ? `${rightFull.slice(0, SIDE - 1)}…` : rightFull;
  return { left, match: oneLine(hit.text.slice(hit.start, hit.end)), right };
}

function summary(result: SearchResult): string {
  const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  return `${plural(result.hits.length, 'hit', 'hits')} in ${plural(result.segments, 'segment', 'segments')} of ${plural(result.notes, 'note', 'notes')}`;
}

const variablesText = (hit: SearchHit): string =>
  Object.entries(hit.variables)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');

export function searchText(result: SearchResult, style: Style = plain): string {
  const out: string[] = [];
  const turn = (t: Turn): string => `    ${style.dim(`${t.line}  ${t.speaker ? `${t.speaker}: ` : ''}${oneLine(t.text)}`)}`;
  for (const hit of result.hits) {
    const head = [style.bold(`${hit.note}:${hit.line}`), hit.speaker ? style.cyan(hit.speaker) : '', style.dim(variablesText(hit)), hit.codes.length ? hit.codes.map((c) => `#${c}`).join(' ') : style.dim('(uncoded)')].filter(Boolean);
    out.push(head.join('  '));
    for (const t of hit.before) out.push(turn(t));
    const { left, match, right } = kwic(hit);
    // Without colour the match is marked with » «, so it shows in a log or a pipe too.
    const marked = style.color ? style.yellow(match) : `»${escapeControls(match)}«`;
    out.push(`  ${escapeControls(left)}${marked}${escapeControls(right)}`);
    for (const t of hit.after) out.push(turn(t));
    out.push('');
  }
  out.push(`${summary(result)}.`);
  return `${out.join('\n')}\n`;
}

function turnJson(t: Turn): Record<string, unknown> {
  return { line: t.line, speaker: t.speaker ?? null, text: t.text };
}

export function searchJson(result: SearchResult): string {
  return `${JSON.stringify(
    {
      fieldcode: 'search/1',
      pattern: result.pattern,
      regex: result.regex,
      fold: result.fold,
      total: { hits: result.hits.length, segments: result.segments, notes: result.notes },
      hits: result.hits.map((hit) => ({
        note: hit.note,
        line: hit.line,
        column: hit.column,
        segment: hit.segment,
        speaker: hit.speaker ?? null,
        variables: hit.variables,
        codes: hit.codes,
        match: hit.text.slice(hit.start, hit.end),
        before: hit.text.slice(0, hit.start),
        after: hit.text.slice(hit.end),
        context: { before: hit.before.map(turnJson), after: hit.after.map(turnJson) },
      })),
    },
    null,
    2,
  )}\n`;
}

export function searchCsv(result: SearchResult): string {
  const names = result.hits.length > 0 ? Object.keys(result.hits[0].variables) : [];
  const header = ['note', 'line', 'column', 'speaker', ...names, 'codes', 'left', 'match', 'right', 'segment'];
  const rows = result.hits.map((hit) => {
    const { left, match, right } = kwic(hit);
    return [hit.note, hit.line, hit.column, hit.speaker ?? '', ...names.map((n) => hit.variables[n] ?? ''), hit.codes.join(' '), left, match, right, hit.segment];
  });
  return toCsv(header, rows);
}

export function searchMarkdown(result: SearchResult): string {
  const out = [`# Search: ${markdownCode(result.pattern)}`, '', `${summary(result)}${result.regex ? ' (regular expression)' : ''}${result.fold ? ' (diacritics folded)' : ''}.`, ''];
  if (result.hits.length > 0) {
    out.push('| Where | Speaker | Passage | Codes |', '| --- | --- | --- | --- |');
    for (const hit of result.hits) {
      const { left, match, right } = kwic(hit);
      const passage = `${escapeMarkdownText(left)}**${escapeMarkdownText(match)}**${escapeMarkdownText(right)}`;
      out.push(`| ${markdownCode(`${hit.note}:${hit.line}`)} | ${escapeMarkdownText(hit.speaker ?? '')} | ${passage} | ${hit.codes.map((c) => markdownCode(`#${c}`)).join(' ')} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
