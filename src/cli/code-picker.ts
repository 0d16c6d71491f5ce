// The code picker of `fieldcode tag`: a checkbox list built on @inquirer/core
// that filters as you type (by id or label), shows the active code's
// definition, marks suggestions, and (on the main screen) turns → ← and tab
// into skip, back and "more actions".
import { createPrompt, isBackspaceKey, isDownKey, isEnterKey, isSpaceKey, isTabKey, isUpKey, useKeypress, useMemo, useState, usePagination } from '@inquirer/core';
import type { Style } from '../reporters/style.js';
import { truncateColumns, wrapWords } from '../reporters/wrap.js';

export interface PickerChoice {
  value: string;
  label: string;
  /** Indentation level (codebook depth). */
  depth: number;
  checked: boolean;
  /** Shown after the label, e.g. `suggested: “give back”` or `span`. */
  note?: string;
  /** The code's definition, shown while the code is active. */
  description?: string;
}

export interface PickerConfig {
  message: string;
  choices: PickerChoice[];
  /** Whether → ← and tab end the prompt with skip, back and more. */
  actions: boolean;
  style: Style;
  pageSize?: number;
  /** Terminal width, for wrapping the definition. */
  columns?: number;
}

export type PickerResult = { type: 'save'; codes: string[] } | { type: 'skip' } | { type: 'back' } | { type: 'more' };

/** Whether a choice matches the typed filter: every word in the id or the label. */
export function matchesFilter(choice: Pick<PickerChoice, 'value' | 'label'>, filter: string): boolean {
  const haystack = `${choice.value} ${choice.label}`.toLowerCase();
  return filter
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

function wrap(text: string, width: number, maxLines: number): string[] {
  const lines = wrapWords(text, width);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = truncateColumns(`${kept[maxLines - 1]} …`, width);
  return kept;
}

export const codePicker = createPrompt<PickerResult, PickerConfig>((config, done) => {
  const { style } = config;
  const [status, setStatus] = useState<'idle' | 'done'>('idle');
  const [outcome, setOutcome] = useState('');
  const [filter, setFilter] = useState('');
  const [checked, setChecked] = useState<string[]>(config.choices.filter((c) => c.checked).map((c) => c.value));
  const [active, setActive] = useState(0);
  const visible = useMemo(() => config.choices.filter((choice) => matchesFilter(choice, filter)), [filter]);
  const current = visible[Math.min(active, visible.length - 1)];

  useKeypress((key, rl) => {
    const restore = (): void => {
      rl.clearLine(0);
      rl.write(filter);
    };
    if (isEnterKey(key)) {
      const codes = config.choices.filter((c) => checked.includes(c.value)).map((c) => c.value);
      setOutcome(codes.length ? codes.join(', ') : '(none)');
      setStatus('done');
      done({ type: 'save', codes });
    } else if (config.actions && key.name === 'right') {
      setOutcome('skipped');
      setStatus('done');
      done({ type: 'skip' });
    } else if (config.actions && key.name === 'left') {
      setOutcome('back');
      setStatus('done');
      done({ type: 'back' });
    } else if (isTabKey(key)) {
      if (config.actions) {
        setOutcome('more…');
        setStatus('done');
        done({ type: 'more' });
      } else restore();
    } else if (isUpKey(key) || isDownKey(key)) {
      if (visible.length > 0) setActive((Math.min(active, visible.length - 1) + (isUpKey(key) ? visible.length - 1 : 1)) % visible.length);
      restore();
    } else if (isSpaceKey(key)) {
      if (current) setChecked(checked.includes(current.value) ? checked.filter((v) => v !== current.value) : [...checked, current.value]);
      restore();
    } else if (key.name === 'escape') {
      setFilter('');
      setActive(0);
      rl.clearLine(0);
    } else if (isBackspaceKey(key)) {
      setFilter(rl.line);
      setActive(0);
    } else if (key.name === 'left' || key.name === 'right') {
      restore();
    } else {
      const line = rl.line.replace(/[^\p{L}\p{N}._ -]/gu, '');
      if (line !== rl.line) {
        rl.clearLine(0);
        rl.write(line);
      }
      if (line !== filter) {
        setFilter(line);
        setActive(0);
      }
    }
  });

  const prefix = status === 'done' ? style.green('✔') : style.cyan('?');
  if (status === 'done') {
    return `${prefix} ${style.bold(config.message)} ${style.cyan(outcome)}`;
  }

  const page = usePagination({
    items: visible,
    active: Math.min(active, Math.max(0, visible.length - 1)),
    pageSize: config.pageSize ?? 9,
    loop: false,
    renderItem({ item, isActive }) {
      const box = checked.includes(item.value) ? style.green('◉') : '◯';
      const cursor = isActive ? style.cyan('❯') : ' ';
      const indent = '  '.repeat(item.depth);
      const label = item.label && item.label.toLowerCase() !== item.value.toLowerCase() ? `  ${style.dim(item.label)}` : '';
      const note = item.note ? `  ${style.yellow(item.note)}` : '';
      const name = isActive ? style.bold(item.value) : item.value;
      return `${cursor}${box} ${indent}${name}${label}${note}`;
    },
  });
  const width = Math.max(30, Math.min(config.columns ?? 80, 100) - 4);
  const filterLine = filter ? `  ${style.dim('filter:')} ${style.cyan(filter)}` : `  ${style.dim('(type to filter)')}`;
  const count = checked.length > 0 ? `  ${style.dim(`· ${checked.length} checked`)}` : '';
  const lines = [`${prefix} ${style.bold(config.message)}${filterLine}${count}`];
  lines.push(visible.length > 0 ? page : style.yellow(`  no code matches “${filter}” (backspace or esc to clear)`));
  if (current?.description) {
    lines.push(...wrap(current.description, width, 3).map((line) => `  ${style.cyan(line)}`));
  }
  const keys = ['↑↓ move', 'space check', '⏎ save'];
  if (config.actions) keys.push('→ skip', '← back', 'tab span/memo/undo/quit');
  lines.push(style.dim(keys.join(' · ')));
  // Hide the cursor while the list is shown, as inquirer's own checkbox does.
  return `${lines.join('\n')}\u001b[?25l`;
});

/**
 * A theme for inquirer's own prompts (select, input, checkbox) drawn from our
 * Style, so `--no-color` and NO_COLOR reach them as they reach everything else.
 */
export function promptTheme(style: Style) {
  return {
    prefix: { idle: style.cyan('?'), done: style.green('✔') },
    style: {
      answer: (text: string) => style.cyan(text),
      message: (text: string) => style.bold(text),
      error: (text: string) => style.red(`> ${text}`),
      defaultAnswer: (text: string) => style.dim(`(${text})`),
      help: (text: string) => style.dim(text),
      highlight: (text: string) => style.cyan(text),
      key: (text: string) => style.cyan(style.bold(text)),
      description: (text: string) => style.cyan(text),
      disabled: (text: string) => style.dim(`- ${text}`),
      disabledChoice: (text: string) => style.dim(`- ${text}`),
      keysHelpTip: (keys: Array<[string, string]>) => keys.map(([key, action]) => `${style.bold(key)} ${style.dim(action)}`).join(style.dim(' • ')),
    },
    icon: { checked: style.green('◉'), unchecked: '◯', cursor: '❯' },
  };
}
