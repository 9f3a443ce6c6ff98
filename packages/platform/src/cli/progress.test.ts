import { describe, expect, it } from 'vitest';
import { progress } from './progress.js';
import { captureIo } from './run.js';

describe('progress', () => {
  it('draws a bar on stderr when stdout is a terminal', () => {
    const { io, err, out } = captureIo(true);
    const bar = progress(io, 'training', 4, { width: 8, intervalMs: 0 });
    bar.tick();
    bar.update(3);
    bar.tick();
    bar.done();
    expect(out()).toBe('');
    expect(err()).toContain('\rtraining [##------] 25% 1/4');
    expect(err()).toContain('\rtraining [######--] 75% 3/4');
    expect(err()).toMatch(/\rtraining \[########\] 100% 4\/4 [\d.]+s\n$/);
  });

  it('stays silent when stdout is not a terminal (pipes, --format json, tests)', () => {
    const { io, err, out } = captureIo(false);
    const bar = progress(io, 'training', 4);
    bar.tick(4);
    bar.done();
    expect(out()).toBe('');
    expect(err()).toBe('');
  });
});
