// The keys most kinds share (filters, `by`, counts, variables), read the same
// way from a declaration and from the command line. A reader collects every
// problem it finds as a positioned diagnostic; nothing is thrown.
import type { Diagnostic } from '../types.js';
import { ok, problems, type Checked } from '../model/checked.js';
import { usageProblem } from '../model/command-line.js';
import type { Filters } from '../core/select.js';
import { CODER } from '../core/variables.js';
import { unknownWhereValue } from '../core/where-values.js';
import { keyValue, type DeclarationPosition, type RawSpec, type ReportKind, type SpecBase, type SpecContext } from './spec.js';
import type { Corpus } from '../types.js';

const names = (list: string[]): string => (list.length ? list.map((n) => `\`${n}\``).join(', ') : '(no variables)');

/** The flag a key is given with on the command line, where it is not `--KEY`. */
const FLAGS: Record<string, string> = { codes: '--code' };

/** A declaration's keys: every problem is the declaration's, labelled with its name. */
export function declarationContext(corpus: Corpus, at: DeclarationPosition, label: string): SpecContext {
  return {
    corpus,
    from: 'declaration',
    key: (key) => key,
    problem: (message) => ({ ...at, severity: 'error', message: `${label} ${message}`, ruleId: 'report-declaration' }),
  };
}

/** A command's flags: a problem is fatal and points at its flag in `argv`. */
export function commandLineContext(corpus: Corpus, argv: readonly string[], flags: Record<string, string> = {}): SpecContext {
  const flag = (key: string): string => flags[key] ?? FLAGS[key] ?? `--${key}`;
  return {
    corpus,
    from: 'command line',
    key: flag,
    problem: (message, key, value) => usageProblem(argv, message, key === undefined ? undefined : argumentOf(argv, flag(key), value)),
  };
}

/** The argument that gave `value` to a repeated flag (`--code x` or `--code=x`), else the flag. */
function argumentOf(argv: readonly string[], flag: string, value: string | undefined): string {
  if (value === undefined) return flag;
  const index = argv.findIndex((arg, i) => (arg === value && argv[i - 1] === flag) || arg === `${flag}=${value}`);
  return index < 0 ? flag : argv[index - 1] === flag ? value : argv[index];
}

/** Reads raw keys, collecting the problems; `done` gives the spec or them. */
export class SpecReader {
  readonly problems: Diagnostic[] = [];
  readonly variables: string[];

  constructor(
    readonly raw: RawSpec,
    readonly context: SpecContext,
  ) {
    this.variables = context.corpus.variables.map((v) => v.name);
  }

  fail(message: string, key?: string, value?: string): undefined {
    this.problems.push(this.context.problem(message, key, value));
    return undefined;
  }

  /** `Unexpected \`quotes: x\`, expected …` in the context's words. */
  unexpected(key: string, value: unknown, expected: string): undefined {
    return this.fail(`Unexpected \`${keyValue(this.context, key, value)}\`, expected ${expected}`, key);
  }

  done<T>(spec: T): Checked<T> {
    return this.problems.length > 0 ? problems(...this.problems) : ok(spec);
  }

  /** A name or a list of names: `a,b`, `[a, b]`. */
  list(key: string, value: unknown = this.raw[key]): string[] | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value.split(',').map((v) => v.trim()).filter(Boolean);
    if (typeof value === 'number') return [String(value)];
    if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.map(String);
    this.fail(`Unexpected \`${this.context.key(key)}\`, expected a name or a list of names`, key);
    return [];
  }

  /** A declared variable (or `coder`, or one of `cases`); `listCoder` names `coder` among the expected ones. */
  known(name: string, key: string, cases: string[] = [], listCoder = false): boolean {
    if (name === CODER || this.variables.includes(name) || cases.includes(name)) return true;
    this.fail(`Unexpected variable \`${name}\` in \`${this.context.key(key)}\`, expected one of ${names([...this.variables, ...(listCoder ? [CODER] : []), ...cases])}`, key);
    return false;
  }

  /** The `by` breakdown, checked; `fallback` when not given. */
  by(fallback: string[], cases: string[] = []): string[] {
    const by = this.list('by') ?? fallback;
    return by.filter((name) => this.known(name, 'by', cases, true));
  }

  /** A variable named by `key` (`phase`, `group`), or undefined when not given. */
  variable(key: string): string | undefined {
    const value = this.raw[key];
    if (value === undefined || value === null) return undefined;
    const name = String(value);
    return this.known(name, key) ? name : undefined;
  }

  /** A whole number ≥ 0; on the command line it is typed as digits. */
  count(key: string, fallback: number): number {
    const raw = this.raw[key];
    if (raw === undefined) return fallback;
    const value = this.context.from === 'command line' && typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      this.unexpected(key, raw, 'a whole number');
      return fallback;
    }
    return value;
  }

  /** One of `choices`, or `fallback` when not given. */
  choice<T extends string>(key: string, choices: readonly T[], fallback: T, expected: string): T {
    const value = this.raw[key] ?? fallback;
    if ((choices as readonly unknown[]).includes(value)) return value as T;
    this.unexpected(key, this.raw[key], expected);
    return fallback;
  }

  /** `where` (a mapping, or `VAR=VALUE` clauses from the command line), `codes` and `coder`. */
  filters(): Filters {
    const where: Record<string, string[]> = {};
    const raw = this.raw.where;
    if (raw !== undefined && raw !== null) {
      const before = this.problems.length;
      if (this.context.from === 'command line' && Array.isArray(raw)) this.clauses(raw as string[], where);
      else if (typeof raw !== 'object' || Array.isArray(raw)) this.fail(`Unexpected \`${this.context.key('where')}\`, expected a mapping of variable to value(s)`, 'where');
      else for (const [name, value] of Object.entries(raw as Record<string, unknown>)) if (this.known(name, 'where')) where[name] = this.list(`where.${name}`, value) ?? [];
      // A value is only looked up among the variables that are there.
      const unknown = this.problems.length === before ? unknownWhereValue(this.context.corpus.variables, this.context.corpus.notes, where, this.context.key('where')) : undefined;
      if (unknown) this.fail(unknown, 'where');
    }
    const codes = this.list('codes') ?? [];
    for (const code of codes) if (!this.context.corpus.codebook.byId.has(code)) this.fail(`Unexpected code \`${code}\` in \`${this.context.key('codes')}\`, expected a code from the codebook`, 'codes', code);
    const filters: Filters = { where, codes };
    if (this.raw.coder !== undefined) filters.coder = String(this.raw.coder);
    return filters;
  }

  private clauses(clauses: string[], where: Record<string, string[]>): void {
    for (const clause of clauses) {
      const eq = clause.indexOf('=');
      if (eq <= 0) {
        this.fail(`Unexpected \`--where ${clause}\`, expected \`VAR=VALUE\``, 'where');
        continue;
      }
      const name = clause.slice(0, eq).trim();
      if (!this.known(name, 'where')) continue;
      (where[name] ??= []).push(clause.slice(eq + 1).trim());
    }
  }

  /** What every kind has: format, filters, pseudonymize, title, name. */
  base<K extends ReportKind>(kind: K): SpecBase<K> {
    const base: SpecBase<K> = { kind, format: String(this.raw.format), filters: this.filters(), pseudonymize: this.raw.pseudonymize === true };
    if (this.raw.title !== undefined) base.title = String(this.raw.title);
    if (typeof this.raw.name === 'string') base.name = this.raw.name;
    return base;
  }
}
