// A progress bar for long runs, on stderr only, and only when stderr is a
// terminal: piped output and CI logs stay clean.
import type { OutStream } from './io.js';

const MIN_ITEMS = 50;
const WIDTH = 24;

export interface Progress {
  update(done: number, total: number): void;
  done(): void;
}

export function progressBar(stream: OutStream, label: string, enabled: boolean): Progress {
  let shown = false;
  let lastPercent = -1;
  return {
    update(done, total) {
      if (!enabled || !stream.isTTY || total < MIN_ITEMS) return;
      const percent = Math.floor((done / total) * 100);
      if (percent === lastPercent) return;
      lastPercent = percent;
      const filled = Math.round((done / total) * WIDTH);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${done}/${total}`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\u001b[2K');
      shown = false;
    },
  };
}
