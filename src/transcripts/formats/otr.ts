// oTranscribe `.otr`: a JSON object whose `text` is the editor's HTML.
//
// Shape:  { "text": "<p>…<span class=\"timestamp\" data-timestamp=\"9.48\">00:09</span> words…</p>…",
//           "media": "file.mp3", "media-time": 12.3 }
// HTML is read with parse5. Each `<p>` (and each line of it split by `<br>`)
// is a turn; its start is its first timestamp (`data-timestamp` in float
// seconds, or `M:SS` in old files); the visible timestamp labels are not
// text. oTranscribe has no speaker markup; a typed `Name: ` prefix is a
// speaker as in the other plain formats.
import { parseFragment } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import type { TranscriptTurn } from '../types.js';
import type { ReadOutput } from '../read-output.js';
import type { Report } from '../diagnostics.js';
import { lineCounter, parseJson, property } from '../json.js';
import { parseClock, roundMs } from '../time.js';
import { squash } from '../text.js';
import { splitSpeaker } from '../speaker.js';
import { checkTimes } from '../ranges.js';

type ChildNode = DefaultTreeAdapterMap['childNode'];
type Element = DefaultTreeAdapterMap['element'];

interface Line {
  text: string;
  start: number | null;
}

const BLOCKS = new Set(['p', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote']);

function timestampOf(element: Element): number | null {
  const value = element.attrs.find((a) => a.name === 'data-timestamp')?.value;
  if (value === undefined) return null;
  const seconds = /^\d+(?:\.\d+)?$/.test(value.trim()) ? Number(value) : parseClock(value);
  return seconds === null ? null : roundMs(seconds);
}

function collect(nodes: ChildNode[], lines: Line[]): void {
  const current = () => lines[lines.length - 1];
  for (const node of nodes) {
    if (node.nodeName === '#text') {
      current().text += (node as DefaultTreeAdapterMap['textNode']).value;
      continue;
    }
    if (!('tagName' in node)) continue;
    const element = node as Element;
    const classes = element.attrs.find((a) => a.name === 'class')?.value.split(/\s+/) ?? [];
    if (classes.includes('timestamp') || element.attrs.some((a) => a.name === 'data-timestamp')) {
      const seconds = timestampOf(element);
      if (current().start === null && seconds !== null) current().start = seconds;
      continue;
    }
    if (element.tagName === 'br') {
      lines.push({ text: '', start: null });
      continue;
    }
    const block = BLOCKS.has(element.tagName);
    if (block) lines.push({ text: '', start: null });
    collect(element.childNodes, lines);
    if (block) lines.push({ text: '', start: null });
  }
}

export function readOtr(text: string, report: Report): ReadOutput | null {
  const tree = parseJson(text, report, 'oTranscribe');
  if (!tree) return null;
  const html = property(tree, 'text');
  if (!html || html.type !== 'string') {
    report(1, 'error', 'transcript-syntax', 'an oTranscribe file is a JSON object with a `text` string');
    return null;
  }
  const at = lineCounter(text)(html.offset);
  const lines: Line[] = [{ text: '', start: null }];
  collect(parseFragment(html.value as string).childNodes, lines);
  const kept = lines.map((l) => ({ ...l, text: l.text.replace(/\u00a0/g, ' ').trim() })).filter((l) => l.text !== '');
  // Labels here are typed by the transcriber on purpose, so each line is read on its own (no file-level vote as for subtitles).
  const prefixes = kept.map((l) => splitSpeaker(l.text));
  const turns: TranscriptTurn[] = kept.map((l, i) => ({ speaker: prefixes[i].speaker, start: l.start, end: null, text: squash(prefixes[i].text), line: at }));
  checkTimes(turns, report);
  return { turns };
}
