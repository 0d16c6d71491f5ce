// Matching people's names the way a reader recognises them: `annabel`,
// `ANNABEL` and `Annabel` are one name, and so are `Zoë` typed as one code
// point (NFC) and as `e` + combining diaeresis (NFD).

// Characters that show as nothing: `Ann\u200babel` reads as Annabel.
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]/g;

/** Text as it is matched and published under pseudonyms: NFC, without invisible characters. */
export function readable(text: string): string {
  return text.normalize('NFC').replace(INVISIBLE, '');
}

/** The form two spellings of one name share: NFC, then lower case. */
export function canonicalName(name: string): string {
  return readable(name).trim().toLowerCase();
}

/**
 * The words of a full name that identify the person alone: `Annabel Jansen`
 * is also `Annabel` and `Jansen` (not `de` or `van`). A one-word name has none.
 */
export function nameParts(name: string): string[] {
  const words = readable(name).trim().split(/[^\p{L}\p{N}'’-]+/u).filter(Boolean);
  if (words.length < 2) return [];
  return words.filter((word) => [...word].length > 2 && !PARTICLES.has(word.toLowerCase()));
}

/** The form used in file names, where diacritics are often dropped: `Zoë` → `zoe`. */
export function bareName(name: string): string {
  return canonicalName(name).normalize('NFD').replace(/\p{M}+/gu, '').normalize('NFC');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A whole-word, case-insensitive pattern for the names (NFC), longest first;
 * a trailing possessive `s` is allowed. Text must be NFC before matching.
 */
export function namePattern(names: Iterable<string>): RegExp | undefined {
  const unique = [...new Set([...names].map((name) => name.normalize('NFC').trim()).filter((name) => name !== ''))];
  if (unique.length === 0) return undefined;
  unique.sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  return new RegExp(`(?<![\\p{L}\\p{N}])(${unique.map(escapeRegExp).join('|')})(?=s?(?![\\p{L}\\p{N}]))`, 'giu');
}

/** The words of a path, for comparing with names: `interview-annabel_jansen.md` → interview, annabel, jansen, md. */
function pathWords(path: string): Set<string> {
  return new Set(bareName(path).split(/[^\p{L}\p{N}]+/u).filter(Boolean));
}

// Words of full names that name nobody alone (`Anna de Vries`, `de-brug`).
const PARTICLES = new Set(['van', 'von', 'der', 'den', 'het', 'ter', 'ten', 'del', 'della', 'des', 'bin', 'ibn', 'mac']);

/** True when a word of the name (or the whole name) is a word of the path. */
export function pathHasName(path: string, names: Iterable<string>): boolean {
  const words = pathWords(path);
  const joined = [...words].join(' ');
  for (const name of names) {
    const all = bareName(name).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    const parts = all.length === 1 ? all : all.filter((part) => part.length > 2 && !PARTICLES.has(part));
    if (parts.length === 0) continue;
    // Each word of a full name ("Annabel Jansen") identifies the person alone.
    if (parts.some((part) => words.has(part)) || ` ${joined} `.includes(` ${parts.join(' ')} `)) return true;
  }
  return false;
}

/**
 * The generated code `P<n>` must not be read as someone else's: not equal,
 * ignoring case and leading zeros, to any declared pseudonym or label (`P1`
 * beside a declared `P01`).
 */
export function codeKey(value: string): string {
  return canonicalName(value).replace(/\d+/g, (digits) => String(Number(digits)));
}
