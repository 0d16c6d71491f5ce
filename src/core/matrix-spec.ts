// The spec of `matrix` and `trajectory` from the command line: a report
// declared under `reports:` named by `--name` (whose settings the flags may
// not change), or one made of the flags, through the kind's own parseSpec.
import type { Corpus, Diagnostic } from '../types.js';
import { commandLineContext, parseSpec, type RawSpec, type SpecOf } from '../analyses/index.js';
import { ok, problems, type Checked } from '../model/checked.js';
import { usageProblem } from '../model/command-line.js';
import { resolveDeclaration } from './build.js';

export type MatrixKind = 'matrix' | 'trajectory';

/** The flags of `matrix` and `trajectory` that say what to show. */
export interface MatrixFlags {
  name?: string;
  rows?: string;
  by?: string;
  cols?: string;
  per?: string;
  quotes?: string;
  where?: string[];
  code?: string[];
  coder?: string;
  title?: string;
  pseudonymize?: boolean;
  format: string;
}

export function matrixSpec<K extends MatrixKind>(corpus: Corpus, kind: K, flags: MatrixFlags, argv: readonly string[]): Checked<SpecOf<K>> {
  const usage = (message: string, at?: string): Checked<SpecOf<K>> => problems(usageProblem(argv, message, at));
  if (flags.rows !== undefined && flags.by !== undefined) return usage('Unexpected `--rows` with `--by`, expected one of them', '--by');
  const rows = flags.rows ?? flags.by;
  const declaration = flags.name !== undefined ? corpus.config.reports.find((d) => d.name === flags.name) : undefined;
  if (!declaration) {
    const raw: RawSpec = { format: flags.format, rows, cols: flags.cols, per: flags.per, quotes: flags.quotes, where: flags.where, codes: flags.code, coder: flags.coder, title: flags.title, pseudonymize: flags.pseudonymize, name: flags.name };
    const defined: RawSpec = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined));
    return parseSpec(kind, defined, commandLineContext(corpus, argv, { rows: flags.by !== undefined ? '--by' : '--rows' }));
  }
  if (declaration.kind !== kind) return usage(`Unexpected \`--name ${flags.name}\`: report \`${flags.name}\` is a ${declaration.kind} report, expected a ${kind}`, '--name');
  const set = ([['--rows', flags.rows], ['--by', flags.by], ['--cols', flags.cols], ['--per', flags.per], ['--where', flags.where], ['--coder', flags.coder]] as const).filter(([, v]) => v !== undefined).map(([f]) => f);
  if (set.length > 0) return usage(`Unexpected ${set.map((f) => `\`${f === '--by' ? '--rows' : f}\``).join(', ')} with \`--name ${flags.name}\`: the declaration in fieldcode.yaml sets the ${kind}; change it there, or pick another name`, set[0]);
  const resolved = resolveDeclaration(corpus, declaration, corpus.config.path ?? 'fieldcode.yaml');
  // The declaration is what the command was asked to show: one it cannot show stops it (exit 2), at the declaration.
  if (!resolved.ok) return problems(...resolved.diagnostics.map((d): Diagnostic => ({ ...d, severity: 'fatal' })));
  let quotes: number | undefined;
  if (flags.quotes !== undefined) {
    if (!/^\d+$/.test(flags.quotes)) return usage(`Unexpected \`--quotes ${flags.quotes}\`, expected a whole number`, '--quotes');
    quotes = Number(flags.quotes);
  }
  const { out: _out, ...declared } = resolved.value;
  const spec = { ...declared, format: flags.format, pseudonymize: declared.pseudonymize || flags.pseudonymize === true, ...(quotes !== undefined ? { quotes } : {}) };
  return ok(spec as SpecOf<K>);
}
