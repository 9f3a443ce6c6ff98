import type { CliIo } from '../module.js';

export interface Progress {
  /** Sets the number of finished steps (0..total). */
  update(done: number): void;
  /** Adds `steps` (default 1) to the finished count. */
  tick(steps?: number): void;
  /** Ends the bar (prints the final state and a newline). */
  done(): void;
}

export interface ProgressOptions {
  /** Width of the bar in characters (default 30). */
  readonly width?: number;
  /** Minimum time between redraws in ms (default 100). */
  readonly intervalMs?: number;
}

const silent: Progress = { update() {}, tick() {}, done() {} };

/**
 * A progress bar on stderr for long CLI work, drawn only when stdout is a terminal (so piped `--format json|csv`
 * output stays clean and tests see nothing). Modules call it around long loops.
 *
 * @example
 * const bar = progress(cli, 'training', rows.length);
 * for (const row of rows) { model.learnOne(row.x, row.y); bar.tick(); }
 * bar.done();
 */
export function progress(io: CliIo, label: string, total: number, options: ProgressOptions = {}): Progress {
  if (!io.stdout.isTTY || !(total > 0)) return silent;
  const width = options.width ?? 30;
  const intervalMs = options.intervalMs ?? 100;
  const started = Date.now();
  let finished = 0;
  let lastDraw = 0;
  const draw = (force: boolean) => {
    const now = Date.now();
    if (!force && now - lastDraw < intervalMs) return;
    lastDraw = now;
    const fraction = Math.min(1, Math.max(0, finished / total));
    const filled = Math.round(fraction * width);
    const elapsed = ((now - started) / 1000).toFixed(1);
    io.stderr.write(
      `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.round(fraction * 100)}% ${finished}/${total} ${elapsed}s`,
    );
  };
  return {
    update(done) {
      finished = done;
      draw(false);
    },
    tick(steps = 1) {
      finished += steps;
      draw(false);
    },
    done() {
      draw(true);
      io.stderr.write('\n');
    },
  };
}
