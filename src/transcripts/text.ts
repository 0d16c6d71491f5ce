// Cue text → one plain paragraph: tags (`<i>`, `<font …>`, `<c.x>`, karaoke
// `<00:01.000>`), ASS override codes (`{\an8}`) and character references are
// removed; line breaks and runs of white space become one space.
import { decodeHTML } from 'entities';

export function stripMarkup(text: string): string {
  return decodeHTML(text.replace(/<[^<>]*>/g, '').replace(/\{\\[^{}]*\}/g, ''));
}

export function squash(text: string): string {
  return text.replace(/[\s\u00a0\u200e\u200f]+/g, ' ').trim();
}
