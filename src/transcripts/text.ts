// Cue text → one plain paragraph: tags (`<i>`, `<font …>`, `<c.x>`, karaoke
// `<00:01.000>`), ASS override codes (`{\an8}`) and character references are
// removed; line breaks and runs of white space become one space.
import { decodeHTML } from 'entities';

export function stripMarkup(text: string, webvtt = false): string {
  let bare = text.replace(/<[^<>]*>/g, '').replace(/\{\\[^{}]*\}/g, '');
  // In WebVTT a literal `<` is always written `&lt;`, so a `<` still open at the end of the cue is a cut tag.
  if (webvtt) bare = bare.replace(/<[^>]*$/, '');
  return decodeHTML(bare);
}

export function squash(text: string): string {
  return text.replace(/[\s\u00a0\u200e\u200f]+/g, ' ').trim();
}
