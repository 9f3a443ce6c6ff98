import { migrateToLatest } from '@quintessence/platform';
import { startServer } from '@quintessence/server';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { expectEnvelope, serverAppSuite } from './app.suite.js';
import { probeModule, undeclaredRouteModule, unknownPermissionModule } from './probe-module.js';

serverAppSuite('pglite');

describe('Server app rate limiting and CORS', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await openTestPlatform({
      overrides: {
        rateLimit: { enabled: true, max: 3, windowMs: 60_000 },
        cors: { origins: ['https://app.example'] },
      },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers CORS preflights for configured origins only', async () => {
    const allowed = await t.app.inject({
      method: 'OPTIONS',
      url: '/auth/me',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'GET' },
    });
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example');
    const other = await t.app.inject({
      method: 'OPTIONS',
      url: '/auth/me',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers requests over the limit with a 429 envelope and Retry-After', async () => {
    const statuses: number[] = [];
    let last = await t.app.inject({ method: 'GET', url: '/openapi.json' });
    statuses.push(last.statusCode);
    for (let i = 0; i < 3; i++) {
      last = await t.app.inject({ method: 'GET', url: '/openapi.json' });
      statuses.push(last.statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expectEnvelope(last.body, 'RATE_LIMITED');
    expect(last.headers['retry-after']).toBeDefined();
    // Probes stay reachable for orchestrators.
    expect((await t.app.inject({ method: 'GET', url: '/alive' })).statusCode).toBe(200);
  });
});

describe('Server app readiness and protected metrics', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await openTestPlatform({ migrate: false, overrides: { metrics: { public: false } } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is not ready until the migrations have run', async () => {
    const before = await t.app.inject({ method: 'GET', url: '/ready' });
    expect(before.statusCode).toBe(503);
    expect(before.json()).toMatchObject({ ready: false, migrations: 'pending' });
    await migrateToLatest(t.platform.ctx.db, t.platform.migrationOwners);
    const after = await t.app.inject({ method: 'GET', url: '/ready' });
    expect(after.statusCode).toBe(200);
    expect(after.json()).toMatchObject({ ready: true, migrations: 'applied' });
  });

  it('protects /metrics with metrics:read when metrics.public is false', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    const viewer = await t.apiKey(['viewer']);
    expect((await t.app.inject({ method: 'GET', url: '/metrics', headers: { 'x-api-key': viewer } })).statusCode).toBe(
      403,
    );
    const operator = await t.apiKey(['operator']);
    const res = await t.app.inject({ method: 'GET', url: '/metrics', headers: { 'x-api-key': operator } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('process_cpu_user_seconds_total');
  });
});

describe('Server app start-up checks', () => {
  it('refuses to start when a route declares neither config.public nor config.permission', async () => {
    await expect(openTestPlatform({ modules: [undeclaredRouteModule] })).rejects.toThrow(
      /GET,HEAD \/leaky\/open declares neither config.public nor config.permission|GET \/leaky\/open declares neither/,
    );
  });

  it('refuses to start when a route names an unknown permission', async () => {
    await expect(openTestPlatform({ modules: [unknownPermissionModule] })).rejects.toThrow(
      /unknown permission "typo:raed"/,
    );
  });
});

describe('startServer', () => {
  it('warns at every start in dev-bypass mode, lets credential-less requests through, drains in-flight requests on stop', async () => {
    const lines: string[] = [];
    const destination = { write: (line: string) => lines.push(line) };
    const t = await openTestPlatform({ modules: [probeModule], overrides: { auth: { mode: 'dev-bypass' } } });
    try {
      const log = pino({ level: 'warn' }, destination);
      const platform = { ...t.platform, log } as typeof t.platform;
      const server = await startServer(platform, { host: '127.0.0.1', port: 0, handleSignals: false });
      expect(lines.some((l) => /dev-bypass/.test(l) && /"level":40/.test(l))).toBe(true);
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${server.url}/health/detailed`);
      expect(res.status).toBe(200);
      // A request in flight when the shutdown starts still gets its answer; new connections are refused.
      const inFlight = fetch(`${server.url}/probe/slow`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const stopping = server.stop('test');
      const answered = await inFlight;
      expect(answered.status).toBe(200);
      expect(await answered.json()).toEqual({ done: true });
      await stopping;
      await server.stopped;
      await expect(fetch(`${server.url}/alive`)).rejects.toThrow();
      expect(t.platform.isClosing()).toBe(true);
    } finally {
      await t.close();
    }
  });
});
