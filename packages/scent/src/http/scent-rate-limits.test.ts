import rateLimit from '@fastify/rate-limit';
import { loadConfig, rateLimitError } from '@quintessence/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openScentTestApp, type ScentTestApp } from '../testing/scent-test-app.js';
import { parseScentRateLimits, scentRateLimitGroup } from './scent-rate-limits.js';

describe('scent rate limits', () => {
  it('default to the seed limits and validate their configuration', () => {
    expect(parseScentRateLimits(loadConfig({}))).toEqual({
      dataRateLimit: 100,
      analyticsRateLimit: 50,
      rateLimitWindowMs: 60_000,
    });
    const env = { QX__MODULES__SCENT__DATA_RATE_LIMIT: '7', QX__MODULES__SCENT__ANALYTICS_RATE_LIMIT: '3' };
    expect(parseScentRateLimits(loadConfig(env))).toMatchObject({ dataRateLimit: 7, analyticsRateLimit: 3 });
    expect(() => parseScentRateLimits({ modules: { scent: { dataRateLimit: 0 } } })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringMatching(/dataRateLimit/) }),
    );
  });

  it('put ingestion in the data group and analysis, fingerprints, coordination and reports in analytics', () => {
    expect(scentRateLimitGroup('POST', '/v1/sensors/:id/readings')).toBe('data');
    expect(scentRateLimitGroup(['POST'], '/v1/quality/analyze')).toBe('analytics');
    expect(scentRateLimitGroup('GET', '/v1/analytics/fingerprints')).toBe('analytics');
    expect(scentRateLimitGroup('POST', '/v1/coordination/consensus')).toBe('analytics');
    expect(scentRateLimitGroup('POST', '/v1/audit/reports')).toBe('analytics');
    expect(scentRateLimitGroup('GET', '/v1/sensors')).toBeUndefined();
    expect(scentRateLimitGroup('POST', '/v1/quality/batch/:batch_id/release')).toBeUndefined();
  });

  describe('on the server', () => {
    let t: ScentTestApp;

    beforeAll(async () => {
      t = await openScentTestApp({
        modules: { scent: { dataRateLimit: 3, analyticsRateLimit: 2 } },
        apiKeys: { 'op-a': ['operator'], 'op-b': ['operator'], analyst: ['analyst'] },
        // wired as the server wires it (apps/server buildApp): a generous limit per client, one error envelope
        before: async (app) => {
          await app.register(rateLimit, {
            global: true,
            max: 1000,
            timeWindow: 60_000,
            errorResponseBuilder: (_request, context) => rateLimitError(context),
          });
        },
      });
    });
    afterAll(async () => {
      await t?.close();
    });

    const ingest = (key: string) =>
      t.call(key, 'POST', '/v1/sensors/ghost/readings', { timestamp: '2026-11-23T08:00:00Z', values: [1, 2] });

    it('answers 429 in the error envelope once a principal exceeds the data limit; others are unaffected', async () => {
      for (let i = 0; i < 3; i++) {
        const res = await ingest('op-a');
        expect(res.statusCode).toBe(404);
        expect(res.headers['x-ratelimit-remaining']).toBe(String(2 - i));
      }
      const limited = await ingest('op-a');
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error).toMatchObject({ code: 'RATE_LIMITED', details: { limit: 3 } });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // same client address, another principal: its own counter
      expect((await ingest('op-b')).statusCode).toBe(404);
      // routes outside the scent groups keep only the server-wide limit
      expect((await t.call('op-a', 'GET', '/v1/sensors')).statusCode).toBe(200);
    });

    it('counts the analytics routes together, separately from the data routes', async () => {
      expect((await t.call('analyst', 'GET', '/v1/analytics/fingerprints')).statusCode).toBe(200);
      const analyze = await t.call('analyst', 'POST', '/v1/quality/analyze', {
        product_id: 'orange-juice',
        sensor_id: 'ghost',
        values: [1],
      });
      expect(analyze.statusCode).toBe(404);
      const third = await t.call('analyst', 'GET', '/v1/analytics/fingerprints');
      expect(third.statusCode).toBe(429);
      expect(third.json().error.code).toBe('RATE_LIMITED');
      // the operator's analytics budget is untouched by its exhausted data budget
      expect(
        (await t.call('op-a', 'POST', '/v1/quality/analyze', { product_id: 'p', sensor_id: 'ghost', values: [1] }))
          .statusCode,
      ).toBe(404);
    });

    it('rejects unauthenticated calls with 401 before counting them against anyone', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/v1/sensors/ghost/readings', payload: {} });
      expect(res.statusCode).toBe(401);
      expect((await ingest('op-b')).statusCode).toBe(404);
    });
  });
});
