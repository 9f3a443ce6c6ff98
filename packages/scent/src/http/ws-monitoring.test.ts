import type { AddressInfo } from 'node:net';
import { authGuard, installErrorEnvelope, type Principal } from '@quintessence/platform';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type DemoLine, setupDemoLine } from '../service/scent-demo.js';
import { scentServiceFor } from '../service/scent-service-registry.js';
import { openScentTestApp, type ScentTestApp } from '../testing/scent-test-app.js';
import type { ScentTestContext } from '../testing/scent-test-context.js';
import { monitoringCloseCodes, scentAgentUpdatesTopic, wsMonitoring } from './ws-monitoring.js';

type Message = { type: string; [key: string]: unknown };

/** A real WebSocket client that queues what the server sends and how it closes. */
class Client {
  readonly ws: WebSocket;
  readonly #queue: Message[] = [];
  readonly #waiters: Array<(m: Message) => void> = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly opened: Promise<void>;

  constructor(url: string) {
    this.ws = new WebSocket(url);
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    this.closed = new Promise((resolve) => {
      this.ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    });
    this.ws.on('message', (data) => {
      const m = JSON.parse(data.toString()) as Message;
      const w = this.#waiters.shift();
      if (w) w(m);
      else this.#queue.push(m);
    });
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  next(timeoutMs = 5000): Promise<Message> {
    const queued = this.#queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no message within ${timeoutMs} ms`)), timeoutMs);
      this.#waiters.push((m) => {
        clearTimeout(timer);
        resolve(m);
      });
    });
  }

  /** The next message matching `predicate` (others are skipped). */
  async nextWhere(predicate: (m: Message) => boolean, timeoutMs = 5000): Promise<Message> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const m = await this.next(Math.max(1, until - Date.now()));
      if (predicate(m)) return m;
    }
  }
}

describe('WS /ws/monitoring', () => {
  let opened: ScentTestApp | undefined;
  let tc: ScentTestContext;
  let app: FastifyInstance;
  let url: string;
  let operatorKey: string;
  let simulators: DemoLine['simulators'];
  const clients: Client[] = [];

  const connect = async (to = url): Promise<Client> => {
    const c = new Client(to);
    clients.push(c);
    await c.opened;
    return c;
  };

  beforeAll(async () => {
    opened = await openScentTestApp({
      apiKeys: { 'line-operator': ['operator'] },
      listen: true,
      seed: async (tc) => {
        ({ simulators } = await setupDemoLine(scentServiceFor(tc.ctx), {
          startMs: tc.clock.now().getTime(),
          referenceReadings: 60,
        }));
      },
    });
    ({ tc, app } = opened);
    operatorKey = opened.keys['line-operator']!;
    url = `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}/ws/monitoring`;
  });
  afterAll(async () => {
    for (const c of clients) c.ws.terminate();
    await opened?.close();
  });

  it('closes with 4401 when the first message is not an auth message', async () => {
    const c = await connect();
    c.send({ type: 'subscribe', channels: ['quality_alerts'] });
    expect(await c.next()).toMatchObject({ type: 'error', code: 'UNAUTHORIZED' });
    expect((await c.closed).code).toBe(monitoringCloseCodes.unauthorized);

    const garbage = await connect();
    garbage.send('not json');
    expect(await garbage.next()).toMatchObject({ type: 'error', code: 'VALIDATION_ERROR' });
    expect((await garbage.closed).code).toBe(monitoringCloseCodes.unauthorized);
  });

  it('closes with 4401 on a wrong API key, a forged token or an auth message with both', async () => {
    for (const auth of [
      { type: 'auth', api_key: `${operatorKey.slice(0, -4)}0000` },
      { type: 'auth', token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' },
      { type: 'auth', api_key: operatorKey, token: 'x' },
    ]) {
      const c = await connect();
      c.send(auth);
      const m = await c.next();
      expect(m, JSON.stringify(auth)).toMatchObject({ type: 'error', code: 'UNAUTHORIZED' });
      expect(m.message).toEqual(expect.any(String));
      expect((await c.closed).code).toBe(monitoringCloseCodes.unauthorized);
    }
  });

  it('streams reading summaries, quality alerts and agent updates to an API-key client', async () => {
    const c = await connect();
    c.send({ type: 'auth', api_key: operatorKey });
    expect(await c.next()).toMatchObject({
      type: 'authenticated',
      principal: { kind: 'apikey', name: 'line-operator', roles: ['operator'] },
    });
    c.send({
      type: 'subscribe',
      channels: ['quality_alerts', 'sensor_readings', 'agent_updates'],
      line_ids: ['demo-line-1'],
    });
    expect(await c.next()).toMatchObject({
      type: 'subscribed',
      channels: ['quality_alerts', 'sensor_readings', 'agent_updates'],
      topics: ['scent.alerts.demo-line-1', 'scent.readings.demo-line-1', scentAgentUpdatesTopic],
    });
    c.send({ type: 'ping' });
    expect(await c.next()).toEqual({ type: 'pong' });

    const scent = scentServiceFor(tc.ctx);
    await scent.openBatch(
      { id: 'W1', productId: 'orange-juice', lineId: 'demo-line-1' },
      { principal: { kind: 'system', id: 't', name: 't', roles: ['admin'] } },
    );
    const sim = simulators.get('enose-process')!;
    const t0 = tc.clock.now().getTime() + 1000;
    const result = await scent.ingest(
      'enose-process',
      Array.from({ length: 5 }, (_, i) => ({
        timestamp: t0 + i * 1000,
        values: sim.sample('orange-juice', t0 + i * 1000, [
          { kind: 'contamination', compound: 'hydrogen_sulfide', ppm: 2 },
        ]).values,
        metadata: { batch_id: 'W1' },
      })),
    );
    expect(result.alerts).toBeGreaterThan(0);

    const alert = await c.nextWhere((m) => m.channel === 'quality_alerts');
    expect(alert).toMatchObject({
      type: 'event',
      topic: 'scent.alerts.demo-line-1',
      data: { kind: 'anomaly', sensorId: 'enose-process', batchId: 'W1', lineId: 'demo-line-1' },
    });
    const readings = await c.nextWhere((m) => m.channel === 'sensor_readings');
    expect(readings).toMatchObject({
      type: 'event',
      topic: 'scent.readings.demo-line-1',
      data: {
        sensorId: 'enose-process',
        batchIds: ['W1'],
        received: 5,
        accepted: result.accepted,
        anomalies: result.anomalies,
        alerts: result.alerts,
        firstTimestamp: new Date(t0).toISOString(),
      },
    });

    await tc.ctx.events.publish(scentAgentUpdatesTopic, { agent_id: 'mspc', anomaly_detected: true });
    expect(await c.nextWhere((m) => m.channel === 'agent_updates')).toMatchObject({
      topic: scentAgentUpdatesTopic,
      data: { agent_id: 'mspc', anomaly_detected: true },
    });

    // after unsubscribing, agent updates stop while reading summaries keep coming
    c.send({ type: 'unsubscribe', channels: ['agent_updates'] });
    expect(await c.nextWhere((m) => m.type === 'unsubscribed')).toEqual({
      type: 'unsubscribed',
      channels: ['agent_updates'],
    });
    await tc.ctx.events.publish(scentAgentUpdatesTopic, { agent_id: 'mspc', anomaly_detected: false });
    await scent.ingest('enose-process', [
      { timestamp: t0 + 10_000, values: sim.sample('orange-juice', t0 + 10_000).values, metadata: { batch_id: 'W1' } },
    ]);
    const after = await c.nextWhere((m) => m.type === 'event' && m.channel !== 'quality_alerts');
    expect(after).toMatchObject({ channel: 'sensor_readings', data: { received: 1 } });
  });

  it('authenticates a bearer JWT, filters by line, and answers malformed messages without closing', async () => {
    const tokens = await tc.auth.login({ username: 'quinn', password: 'quinn-password-1' });
    const c = await connect();
    c.send({ type: 'auth', token: tokens.accessToken });
    expect(await c.next()).toMatchObject({ type: 'authenticated', principal: { kind: 'user', name: 'quinn' } });
    c.send({ type: 'auth', token: tokens.accessToken });
    expect(await c.next()).toMatchObject({ type: 'error', code: 'VALIDATION_ERROR', message: 'Already authenticated' });
    c.send({ type: 'subscribe', channels: ['weather'] });
    expect(await c.next()).toMatchObject({ type: 'error', code: 'VALIDATION_ERROR' });
    c.send('{');
    expect(await c.next()).toMatchObject({ type: 'error', code: 'VALIDATION_ERROR' });

    c.send({ type: 'subscribe', channels: ['sensor_readings'], line_ids: ['other-line'] });
    expect(await c.next()).toMatchObject({ type: 'subscribed', topics: ['scent.readings.other-line'] });
    const sim = simulators.get('enose-packaging')!;
    const t = tc.clock.now().getTime() + 60_000;
    await scentServiceFor(tc.ctx).ingest('enose-packaging', [
      { timestamp: t, values: sim.sample('orange-juice', t).values },
    ]);
    // nothing from demo-line-1 arrives; the connection is still open and answers
    c.send({ type: 'ping' });
    expect(await c.next()).toEqual({ type: 'pong' });
  });

  it('closes a client that does not authenticate in time, and one whose API key is revoked', async () => {
    const quick = Fastify();
    installErrorEnvelope(quick, tc.clock);
    await quick.register(authGuard, { authenticator: tc.auth });
    await quick.register(wsMonitoring, { ctx: tc.ctx, authTimeoutMs: 100, recheckMs: 100 });
    await quick.listen({ host: '127.0.0.1', port: 0 });
    const quickUrl = `ws://127.0.0.1:${(quick.server.address() as AddressInfo).port}/ws/monitoring`;
    try {
      const silent = await connect(quickUrl);
      expect(await silent.next()).toMatchObject({
        type: 'error',
        code: 'UNAUTHORIZED',
        message: 'No auth message within 100 ms',
      });
      expect((await silent.closed).code).toBe(monitoringCloseCodes.unauthorized);

      const system: Principal = { kind: 'system', id: 'test', name: 'tester', roles: ['admin'] };
      const created = await tc.auth.createApiKey({ name: 'short-lived', roles: ['viewer'] }, { principal: system });
      const c = await connect(quickUrl);
      c.send({ type: 'auth', api_key: created.key });
      expect(await c.next()).toMatchObject({ type: 'authenticated', principal: { name: 'short-lived' } });
      // still authenticated after several rechecks
      await new Promise((resolve) => setTimeout(resolve, 350));
      c.send({ type: 'ping' });
      expect(await c.next()).toEqual({ type: 'pong' });
      await tc.auth.revokeApiKey(created.apiKey.id, { principal: system });
      expect(await c.next()).toMatchObject({ type: 'error', code: 'UNAUTHORIZED' });
      expect((await c.closed).code).toBe(monitoringCloseCodes.unauthorized);
    } finally {
      await quick.close();
    }
  });
});
