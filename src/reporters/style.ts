// Reporters never import chalk globally: they receive a Style, decided once
// by the CLI from flags, NO_COLOR, FORCE_COLOR and the target stream.
import { Chalk, type ChalkInstance } from 'chalk';
import { escapeControls } from './terminal.js';

export interface Style {
  color: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
  hex(color: string, text: string): string;
}

export function makeStyle(level: 0 | 1 | 2 | 3): Style {
  const chalk: ChalkInstance = new Chalk({ level });
  if (level === 0) return plain;
  return {
    color: true,
    // Text is escaped before it is coloured, so no control byte of the data survives among the colour codes.
    bold: (t) => chalk.bold(escapeControls(t)),
    dim: (t) => chalk.dim(escapeControls(t)),
    red: (t) => chalk.red(escapeControls(t)),
    yellow: (t) => chalk.yellow(escapeControls(t)),
    green: (t) => chalk.green(escapeControls(t)),
    cyan: (t) => chalk.cyan(escapeControls(t)),
    hex: (color, t) => chalk.hex(color)(escapeControls(t)),
  };
}

const same = (text: string): string => escapeControls(text);

export const plain: Style = {
  color: false,
  bold: same,
  dim: same,
  red: same,
  yellow: same,
  green: same,
  cyan: same,
  hex: (_color, text) => escapeControls(text),
};

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

export function visibleWidth(text: string): number {
  return [...text.replace(ANSI, '')].length;
}

/** Aligns rows into columns; `right` marks numeric columns. */
export function alignColumns(rows: string[][], right: boolean[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, visibleWidth(cell))));
  return rows
    .map((row) =>
      row
        .map((cell, i) => {
          const pad = ' '.repeat(widths[i] - visibleWidth(cell));
          return right[i] ? pad + cell : i === row.length - 1 ? cell : cell + pad;
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
