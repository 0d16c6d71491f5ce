// Every piece of transcript, codebook or project text goes through these
// before it reaches an HTML or SVG document.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and for quoted attribute values. */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (char) => ENTITIES[char]);
}

/** A colour from the codebook, only when it is a plain hex colour; anything else falls back. */
export function safeColor(value: string | undefined, fallback: string): string {
  return value !== undefined && /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(value) ? value.toLowerCase() : fallback;
}

/** A relative link target for a note: each path segment percent-encoded, so no quote or markup survives. */
export function safeHref(path: string): string {
  return path
    .split('/')
    .map((part) => (part === '..' || part === '.' ? part : encodeURIComponent(part)))
    .join('/');
}

/** An id usable in `id=""` and `aria-labelledby`: letters, digits and dashes only. */
export function safeId(value: string): string {
  return value.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
}
