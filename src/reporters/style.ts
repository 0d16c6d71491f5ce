// Reporters never import chalk globally: they receive a Style, decided once
// by the CLI from flags, NO_COLOR, FORCE_COLOR and the target stream.
import { Chalk, type ChalkInstance } from 'chalk';
import { escapeControls } from './terminal.js';
import { columnWidth } from './wrap.js';

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
    hex: (color, t) => (level === 1 ? ansi16(chalk, color) : chalk.hex(color))(escapeControls(t)),
  };
}

const HUES = ['red', 'yellow', 'green', 'cyan', 'blue', 'magenta'] as const;

/** With 16 colours, chalk maps a colour to the nearest ANSI one, which for
 * dark or pale codebook colours is black or white: unreadable on one of the
 * two usual backgrounds. Keep the hue instead, one of six colours that read
 * on both; a grey keeps the terminal's own colour. */
function ansi16(chalk: ChalkInstance, hex: string): (text: string) => string {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) return (t) => t;
  const [r, g, b] = match.slice(1).map((h) => Number.parseInt(h, 16) / 255);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max - min < 0.1) return (t) => t;
  const d = max - min;
  const hue = max === r ? ((g - b) / d + 6) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return chalk[HUES[Math.round(hue) % 6]];
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
/** Terminal columns, so CJK, NFD and coloured cells align. */
export const visibleWidth = columnWidth;

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
