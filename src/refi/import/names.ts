// Source display names to note file names.

/** A name made safe as one path segment: ASCII letters, digits, `._-`; no leading or trailing dots or dashes. */
function cleanName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
}

/**
 * The note path a fieldcode export's source name stands for: the tail of the
 * described path whose parts, joined with `--`, are the name
 * (`de-brug--I-observation` for `notes/de-brug/I-observation.md`).
 */
export function ownStem(display: string, path: string | undefined): string | undefined {
  if (!path) return display.includes('/') ? display.split('/').map(cleanName).filter((part) => part !== '').join('/') || undefined : undefined;
  const parts = path.replace(/\.(md|markdown|txt)$/i, '').split('/').map(cleanName).filter((part) => part !== '');
  for (let k = 1; k <= parts.length; k++) if (parts.slice(-k).join('--') === cleanName(display)) return parts.slice(-k).join('/');
  return undefined;
}

export function safeFileName(name: string): string {
  return cleanName(name) || 'source';
}
