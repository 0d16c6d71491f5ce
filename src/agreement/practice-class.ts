// `fieldcode practice class`: a teacher's roll-up of many students' scores
// against one key: which codes and which passages students miss (or add) most,
// and which mix-ups recur. Pure: scores in, counts out, deterministic order.
import type { PracticeKind, PracticeScore } from './practice.js';

export interface ClassCodeRow {
  code: string;
  /** Paragraphs missed / added, summed over students. */
  missed: number;
  added: number;
  /** Students who missed / added this code at least once. */
  studentsMissed: number;
  studentsAdded: number;
}

export interface ClassPassage {
  kind: Exclude<PracticeKind, 'found'>;
  code: string;
  note: string;
  quote: string;
  /** The students, sorted. */
  students: string[];
}

export interface ClassConfusion {
  used: string;
  key: string;
  students: string[];
}

export interface ClassRollup {
  students: string[];
  codes: ClassCodeRow[];
  passages: ClassPassage[];
  confusions: ClassConfusion[];
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function classRollup(scored: Array<{ student: string; score: PracticeScore }>, codeOrder: string[]): ClassRollup {
  const rank = new Map(codeOrder.map((c, i) => [c, i] as const));
  const codeRank = (c: string) => rank.get(c) ?? Infinity;
  const codes = new Map<string, ClassCodeRow>();
  const passages = new Map<string, ClassPassage>();
  const confusions = new Map<string, ClassConfusion>();
  for (const { student, score } of scored) {
    const missedBy = new Set<string>();
    const addedBy = new Set<string>();
    for (const item of score.items) {
      if (item.kind === 'found') continue;
      const row = codes.get(item.code) ?? { code: item.code, missed: 0, added: 0, studentsMissed: 0, studentsAdded: 0 };
      codes.set(item.code, row);
      row[item.kind] += 1;
      (item.kind === 'missed' ? missedBy : addedBy).add(item.code);
      const key = [item.kind, item.code, item.note, item.quote].join('\n');
      const passage = passages.get(key) ?? { kind: item.kind, code: item.code, note: item.note, quote: item.quote, students: [] };
      passages.set(key, passage);
      if (!passage.students.includes(student)) passage.students.push(student);
    }
    for (const code of missedBy) codes.get(code)!.studentsMissed += 1;
    for (const code of addedBy) codes.get(code)!.studentsAdded += 1;
    for (const c of score.confusions) {
      const key = `${c.used}\n${c.key}`;
      const entry = confusions.get(key) ?? { used: c.used, key: c.key, students: [] };
      confusions.set(key, entry);
      if (!entry.students.includes(student)) entry.students.push(student);
    }
  }
  for (const p of passages.values()) p.students.sort(byText);
  for (const c of confusions.values()) c.students.sort(byText);
  return {
    students: scored.map((s) => s.student).sort(byText),
    codes: [...codes.values()].sort((a, b) => b.missed + b.added - (a.missed + a.added) || codeRank(a.code) - codeRank(b.code) || byText(a.code, b.code)),
    passages: [...passages.values()].sort((a, b) => b.students.length - a.students.length || byText(a.note, b.note) || byText(a.quote, b.quote) || codeRank(a.code) - codeRank(b.code) || byText(a.kind, b.kind)),
    confusions: [...confusions.values()].sort((a, b) => b.students.length - a.students.length || codeRank(a.used) - codeRank(b.used) || codeRank(a.key) - codeRank(b.key)),
  };
}
