// The decision log `fieldcode reconcile` writes beside the consensus codings:
// plain text, one decision per line, meant to be committed and read by people
// and by `fieldcode methods` (which summarises it). Format: docs/reconcile.md#the-decision-log.
// Pure: entries in, text out, and back.

export const DECISION_LOG_VERSION = 'reconcile-log/1';
export const TAKES = ['a', 'b', 'both', 'neither', 'edit'] as const;
export type Take = (typeof TAKES)[number];

export interface LoggedDecision {
  /** ISO 8601 UTC, to the second. */
  when: string;
  who: string;
  /** `path:line` of the segment, path relative to the project folder (POSIX). */
  where: string;
  take: Take;
  /** Codes of the first coder, the second coder and the consensus on the segment, in codebook order. */
  a: string[];
  b: string[];
  result: string[];
  /** `code.use_when.N` / `code.not_when.N` (1-based) followed by the line's text in quotes, or free text. */
  criterion?: string;
  reason?: string;
}

export interface DecisionLog {
  version: typeof DECISION_LOG_VERSION;
  coders: { a: string; b: string };
  consensus: string;
  decisions: LoggedDecision[];
}

const COLUMNS = ['when', 'who', 'where', 'take', 'a', 'b', 'result', 'criterion', 'reason'] as const;

function escapeField(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\r/g, '\\r').replace(/\n/g, '\\n');
}

function unescapeField(text: string): string {
  return text.replace(/\\([\\tnr])/g, (_, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : '\\'));
}

const codes = (list: string[]): string => (list.length === 0 ? '-' : list.join(','));
const parseCodes = (field: string): string[] => (field === '-' || field === '' ? [] : field.split(','));

export function formatDecisionLog(log: DecisionLog): string {
  const lines = [
    `# fieldcode ${DECISION_LOG_VERSION}: one reconciled disagreement per line, tab-separated (docs/reconcile.md)`,
    `# coders: a = ${escapeField(log.coders.a)}, b = ${escapeField(log.coders.b)}; consensus coder: ${escapeField(log.consensus)}`,
    `# ${COLUMNS.join('\t')}`,
  ];
  for (const d of log.decisions) {
    lines.push([d.when, d.who, d.where, d.take, codes(d.a), codes(d.b), codes(d.result), d.criterion ?? '', d.reason ?? ''].map(escapeField).join('\t'));
  }
  return `${lines.join('\n')}\n`;
}

/** Reads a decision log back; `error` names the first line that is not in the format. */
export function parseDecisionLog(text: string): { log: DecisionLog } | { error: { line: number; message: string } } {
  const lines = text.split(/\r?\n/);
  const head = /^# fieldcode (reconcile-log\/\d+):/.exec(lines[0] ?? '');
  if (!head || head[1] !== DECISION_LOG_VERSION) return { error: { line: 1, message: `Unexpected first line, expected \`# fieldcode ${DECISION_LOG_VERSION}: …\`` } };
  const who = /^# coders: a = (.*), b = (.*); consensus coder: (.*)$/.exec(lines[1] ?? '');
  if (!who) return { error: { line: 2, message: 'Unexpected second line, expected `# coders: a = NAME, b = NAME; consensus coder: NAME`' } };
  const decisions: LoggedDecision[] = [];
  for (let i = 2; i < lines.length; i++) {
    const line = lines[i];
    if (line === '' || line.startsWith('#')) continue;
    const f = line.split('\t').map(unescapeField);
    if (f.length !== COLUMNS.length) return { error: { line: i + 1, message: `Unexpected ${f.length} fields, expected ${COLUMNS.length} (${COLUMNS.join(', ')})` } };
    if (!(TAKES as readonly string[]).includes(f[3])) return { error: { line: i + 1, message: `Unexpected decision \`${f[3]}\`, expected one of ${TAKES.join(', ')}` } };
    decisions.push({
      when: f[0],
      who: f[1],
      where: f[2],
      take: f[3] as Take,
      a: parseCodes(f[4]),
      b: parseCodes(f[5]),
      result: parseCodes(f[6]),
      ...(f[7] ? { criterion: f[7] } : {}),
      ...(f[8] ? { reason: f[8] } : {}),
    });
  }
  return { log: { version: DECISION_LOG_VERSION, coders: { a: unescapeField(who[1]), b: unescapeField(who[2]) }, consensus: unescapeField(who[3]), decisions } };
}

/** Counts for a methods appendix: decisions per take, and how many name a codebook criterion. */
export function summariseDecisionLog(log: DecisionLog): { total: number; byTake: Record<Take, number>; withCriterion: number; deciders: string[] } {
  const byTake = Object.fromEntries(TAKES.map((t) => [t, 0])) as Record<Take, number>;
  for (const d of log.decisions) byTake[d.take] += 1;
  return { total: log.decisions.length, byTake, withCriterion: log.decisions.filter((d) => d.criterion).length, deciders: [...new Set(log.decisions.map((d) => d.who))].sort() };
}
