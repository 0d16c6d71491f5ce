// What fieldcode prints for a terminal must not drive the terminal: an ESC,
// OSC or CSI byte in a note or in front matter could set the window title,
// write the clipboard (OSC 52) or clear the screen. Every C0 control but tab
// and line feed, DEL, every C1 control (0x80–0x9f, e.g. CSI 0x9b) and the
// bidirectional overrides that reorder what is shown ("Trojan Source") are
// shown as escapes instead: ESC reads `\x1b`, U+202E reads `\u202e`.

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function visible(char: string): string {
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** The text with every control shown as an escape; idempotent (the result holds no control). */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, visible);
}

// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/g;

/**
 * A whole report for a terminal: every control escaped, except, when the
 * report is coloured, the colour sequences (SGR) fieldcode's own styling
 * wrote. Data never reaches these unescaped: the Style functions escape
 * their text before colouring it.
 */
export function terminalSafe(text: string, coloured: boolean): string {
  if (!coloured) return escapeControls(text);
  let out = '';
  let last = 0;
  for (const match of text.matchAll(SGR)) {
    out += escapeControls(text.slice(last, match.index)) + match[0];
    last = match.index! + match[0].length;
  }
  return out + escapeControls(text.slice(last));
}

/** Wraps a reporter whose last argument is its Style, so that what it returns is safe for a terminal. */
export function forTerminal<A extends unknown[]>(render: (...args: A) => string): (...args: A) => string {
  return (...args: A): string => terminalSafe(render(...args), (args[args.length - 1] as { color?: boolean } | undefined)?.color === true);
}
