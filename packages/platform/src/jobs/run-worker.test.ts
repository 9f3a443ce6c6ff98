import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../log/logger.js';
import { runWorker } from './run-worker.js';

const log = createLogger({ log: { level: 'silent', pretty: false } });

function recordingQueue() {
  const calls: string[] = [];
  let finishRunningJob!: () => void;
  const runningJob = new Promise<void>((resolve) => {
    finishRunningJob = resolve;
  });
  return {
    calls,
    finishRunningJob,
    queue: {
      backend: 'embedded' as const,
      async start() {
        calls.push('start');
      },
      async stop() {
        calls.push('stop requested');
        await runningJob;
        calls.push('stopped');
      },
    },
  };
}

describe('runWorker', () => {
  it('runs until SIGTERM and resolves only after running jobs finished', async () => {
    const { queue, calls, finishRunningJob } = recordingQueue();
    const signals = new EventEmitter();
    const done = runWorker({ queue, log, signalSource: signals });
    await new Promise((r) => setTimeout(r, 5));
    expect(calls).toEqual(['start']);
    signals.emit('SIGTERM');
    await new Promise((r) => setTimeout(r, 5));
    expect(calls).toEqual(['start', 'stop requested']);
    finishRunningJob();
    expect(await done).toEqual({ reason: 'SIGTERM' });
    expect(calls).toEqual(['start', 'stop requested', 'stopped']);
    expect(signals.listenerCount('SIGTERM') + signals.listenerCount('SIGINT')).toBe(0);
  });

  it('stops on SIGINT and on an abort signal', async () => {
    const first = recordingQueue();
    first.finishRunningJob();
    const signals = new EventEmitter();
    const done = runWorker({ queue: first.queue, log, signalSource: signals });
    await new Promise((r) => setTimeout(r, 5));
    signals.emit('SIGINT');
    expect(await done).toEqual({ reason: 'SIGINT' });

    const second = recordingQueue();
    second.finishRunningJob();
    const controller = new AbortController();
    const aborted = runWorker({
      queue: second.queue,
      log,
      signalSource: new EventEmitter(),
      abortSignal: controller.signal,
    });
    controller.abort();
    expect(await aborted).toEqual({ reason: 'abort' });
    expect(second.calls).toEqual(['start', 'stop requested', 'stopped']);
  });
});
