import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../log/logger.js';
import { createEventBus } from './event-bus.js';
import { typedEventBus } from './typed-event-bus.js';

const log = createLogger({ log: { level: 'silent', pretty: false } });
const bus = (metrics?: Registry) => createEventBus({ config: {}, log, ...(metrics ? { metrics } : {}) });

describe('createEventBus (in-process)', () => {
  it('delivers to exact and wildcard subscribers, not to others', async () => {
    const events = bus();
    const seen: string[] = [];
    events.subscribe('scent.alerts.line1', (_p, topic) => {
      seen.push(`exact ${topic}`);
    });
    events.subscribe('scent.alerts.*', (_p, topic) => {
      seen.push(`star ${topic}`);
    });
    events.subscribe('scent.>', (_p, topic) => {
      seen.push(`tail ${topic}`);
    });
    events.subscribe('restock.>', (_p, topic) => {
      seen.push(`other ${topic}`);
    });
    await events.publish('scent.alerts.line1', { level: 'high' });
    await events.publish('scent.batches.released', {});
    expect(seen.sort()).toEqual([
      'exact scent.alerts.line1',
      'star scent.alerts.line1',
      'tail scent.alerts.line1',
      'tail scent.batches.released',
    ]);
    expect(events.bridged).toBe(false);
    await events.close();
  });

  it('passes the payload as a JSON copy and waits for async handlers', async () => {
    const events = bus();
    const original = { sku: 'A-1', at: new Date('2026-11-23T12:00:00Z') };
    let received: unknown;
    events.subscribe('restock.order.created', async (payload) => {
      await new Promise((r) => setTimeout(r, 10));
      received = payload;
    });
    await events.publish('restock.order.created', original);
    expect(received).toEqual({ sku: 'A-1', at: '2026-11-23T12:00:00.000Z' });
    expect(received).not.toBe(original);
  });

  it('stops delivering after unsubscribe', async () => {
    const events = bus();
    let count = 0;
    const off = events.subscribe('a.b', () => {
      count += 1;
    });
    await events.publish('a.b', 1);
    off();
    await events.publish('a.b', 2);
    expect(count).toBe(1);
  });

  it('isolates a failing handler from the publisher and the other handlers', async () => {
    const metrics = new Registry();
    const events = bus(metrics);
    let delivered = false;
    events.subscribe('x.*', () => {
      throw new Error('handler bug');
    });
    events.subscribe('x.y', () => {
      delivered = true;
    });
    await expect(events.publish('x.y', {})).resolves.toBeUndefined();
    expect(delivered).toBe(true);
    const errors = await metrics.getSingleMetric('events_handler_errors_total')!.get();
    expect(errors.values).toEqual([expect.objectContaining({ value: 1, labels: { pattern: 'x.*' } })]);
  });

  it('rejects invalid topics, patterns and payloads', async () => {
    const events = bus();
    await expect(events.publish('a.*', {})).rejects.toThrow(RangeError);
    await expect(events.publish('', {})).rejects.toThrow(RangeError);
    expect(() => events.subscribe('a.>.b', () => {})).toThrow(RangeError);
    await expect(events.publish('a.b', { n: 1n })).rejects.toThrow();
  });

  it('is healthy without a bridge and refuses publishing after close', async () => {
    const events = bus();
    await events.ready();
    expect(await events.health()).toEqual({ status: 'up', latencyMs: 0 });
    await events.close();
    await expect(events.publish('a.b', {})).rejects.toThrow(/closed/);
  });
});

describe('typedEventBus', () => {
  interface Events {
    'restock.order.approved': { orderId: string; approver: string };
    'scent.alert.raised': { line: string; level: 'low' | 'high' };
  }

  it('types topics and payloads over the same bus', async () => {
    const events = typedEventBus<Events>(bus());
    const approvals: string[] = [];
    events.subscribe('restock.order.approved', (payload) => {
      approvals.push(`${payload.orderId} by ${payload.approver}`);
    });
    await events.publish('restock.order.approved', { orderId: 'PO-1', approver: 'ana' });
    expect(approvals).toEqual(['PO-1 by ana']);
  });
});
