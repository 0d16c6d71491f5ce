// Recording dates written in transcript headers → ISO `YYYY-MM-DD`, only when
// unambiguous: `2014-10-16`, `16/10/2014` (a part above 12 tells day from
// month), `16 October 2014`, `October 16, 2014`. `03/04/2014` gives nothing.

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function iso(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2999) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCDate() !== d) return undefined;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function month(name: string): number {
  const n = name.toLowerCase();
  return n.length >= 3 ? MONTHS.findIndex((m) => m.startsWith(n)) + 1 : 0;
}

export function parseDate(text: string): string | undefined {
  const t = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})\b/.exec(t);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})\b/.exec(t);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a > 12 || a === b) return iso(Number(m[3]), b, a);
    if (b > 12) return iso(Number(m[3]), a, b);
    return undefined;
  }
  m = /^(\d{1,2})\.?\s+([A-Za-z]+)\.?,?\s+(\d{4})\b/.exec(t);
  if (m && month(m[2])) return iso(Number(m[3]), month(m[2]), Number(m[1]));
  m = /^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})\b/.exec(t);
  if (m && month(m[1])) return iso(Number(m[3]), month(m[1]), Number(m[2]));
  return undefined;
}
