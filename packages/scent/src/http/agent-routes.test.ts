import type { Principal } from '@quintessence/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatedFault } from '../domain/simulation/line-simulator.js';
import { scentModule } from '../module.js';
import type { DemoLine } from '../service/scent-demo.js';
import { seedDemoBatch } from '../testing/demo-batch.js';
import { openScentTestApp, type ScentTestApp } from '../testing/scent-test-app.js';

const contamination: SimulatedFault = { kind: 'contamination', compound: 'hydrogen_sulfide', ppm: 0.5 };

describe('scent agent routes under /v1', () => {
  let t: ScentTestApp;
  let simulators: DemoLine['simulators'];
  let start: number;

  beforeAll(async () => {
    t = await openScentTestApp({
      roleKeys: ['operator', 'qa_approver', 'analyst', 'viewer'],
      seed: async (tc) => {
        const system: Principal = { kind: 'system', id: 'test', name: 'tester', roles: ['admin'] };
        ({ start, simulators } = await seedDemoBatch(tc, 'A1', [contamination], system));
      },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('declares a scent permission on every agent and coordination route', () => {
    const mine = t.routes.filter((r) => /^\/v1\/(agents|coordination)\b/.test(r.url));
    expect([...new Set(mine.map((r) => r.url))].sort()).toEqual([
      '/v1/agents',
      '/v1/agents/:id/config',
      '/v1/agents/:id/status',
      '/v1/coordination/analyze',
      '/v1/coordination/consensus',
    ]);
    for (const r of mine) {
      expect(r.public).toBe(false);
      expect(Object.keys(scentModule.permissions!)).toContain(r.permission);
    }
  });

  it('lists the four agents and shows one agent’s status; an unknown agent is a 404', async () => {
    const list = await t.call('viewer', 'GET', '/v1/agents');
    expect(list.statusCode).toBe(200);
    expect(list.json().map((a: { agent_id: string }) => a.agent_id)).toEqual([
      'mspc',
      'process',
      'sensor_health',
      'identification',
    ]);
    expect((await t.app.inject({ method: 'GET', url: '/v1/agents' })).statusCode).toBe(401);
    const status = await t.call('viewer', 'GET', '/v1/agents/mspc/status');
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({ agent_id: 'mspc', enabled: true, runs: 0, last_run: null });
    const ghost = await t.call('viewer', 'GET', '/v1/agents/oracle/status');
    expect(ghost.statusCode).toBe(404);
    expect(ghost.json().error.code).toBe('SCENT_UNKNOWN_AGENT');
  });

  it('configures an agent as a qa_approver: 404 unknown, 400 bad values, 403 for other roles, audited', async () => {
    const body = { settings: { rate_of_concern: 0.2 } };
    expect((await t.call('operator', 'PUT', '/v1/agents/mspc/config', body)).statusCode).toBe(403);
    expect((await t.call('qa_approver', 'PUT', '/v1/agents/oracle/config', body)).statusCode).toBe(404);
    const notBoolean = await t.call('qa_approver', 'PUT', '/v1/agents/mspc/config', { enabled: 'yes' });
    expect(notBoolean.statusCode).toBe(400);
    const outOfRange = await t.call('qa_approver', 'PUT', '/v1/agents/mspc/config', {
      settings: { rate_of_concern: 2 },
    });
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json().error.code).toBe('SCENT_INVALID_INPUT');
    expect(outOfRange.json().error.message).toMatch(/rate_of_concern/);
    expect((await t.call('qa_approver', 'PUT', '/v1/agents/mspc/config', {})).statusCode).toBe(400);
    const ok = await t.call('qa_approver', 'PUT', '/v1/agents/mspc/config', body);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      settings: { rate_of_concern: 0.2, top_channels: 3 },
      updated_by: 'qa_approver-key',
    });
    const audit = await t.tc.audit.list({ action: 'scent.agent.configured' });
    expect(audit.items[0]).toMatchObject({ resource: 'scent/agent/mspc', actor: 'qa_approver-key' });
    expect((await t.call('viewer', 'GET', '/v1/agents/mspc/status')).json().settings.rate_of_concern).toBe(0.2);
  });

  it('analyses a batch by id and posted readings; bad input is a 4xx', async () => {
    const r = await t.call('analyst', 'POST', '/v1/coordination/analyze', { batch_id: 'A1' });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.reports).toHaveLength(4);
    expect(body.reports.find((x: { agent_id: string }) => x.agent_id === 'mspc').anomaly_detected).toBe(true);
    expect(body.consensus.decision).toBe('reject');
    expect(body.narrative.source).toBe('template');
    expect((await t.call('viewer', 'GET', '/v1/agents/mspc/status')).json()).toMatchObject({ runs: 1, anomalies: 1 });
    const sim = simulators.get('enose-process')!;
    const posted = await t.call('operator', 'POST', '/v1/coordination/analyze', {
      sensor_id: 'enose-process',
      product_id: 'orange-juice',
      readings: [
        {
          timestamp: new Date(start + 3_600_000).toISOString(),
          values: sim.sample('orange-juice', start + 3_600_000).values,
        },
      ],
      environment: { temperature: [25.1] },
    });
    expect(posted.statusCode).toBe(200);
    expect(posted.json().subject).toMatchObject({ sensors: ['enose-process'], readings: 1 });
    expect((await t.call('viewer', 'POST', '/v1/coordination/analyze', { batch_id: 'A1' })).statusCode).toBe(403);
    expect((await t.call('analyst', 'POST', '/v1/coordination/analyze', {})).statusCode).toBe(400);
    expect(
      (await t.call('analyst', 'POST', '/v1/coordination/analyze', { sensor_id: 'enose-process' })).statusCode,
    ).toBe(400);
    const ghost = await t.call('analyst', 'POST', '/v1/coordination/analyze', { batch_id: 'NOPE' });
    expect(ghost.statusCode).toBe(404);
    expect(ghost.json().error.code).toBe('SCENT_UNKNOWN_BATCH');
    const wrong = await t.call('analyst', 'POST', '/v1/coordination/analyze', {
      sensor_id: 'enose-process',
      readings: [{ timestamp: start, values: [1, 2, 3] }],
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.code).toBe('SCENT_BAD_DATA');
  });

  it('takes the consensus of given reports and refuses invalid ones', async () => {
    const reports = [
      {
        agent_id: 'mspc',
        anomaly_detected: true,
        confidence: 0.9,
        findings: ['T² 40 > 18'],
        recommended_action: 'Hold.',
      },
      { agent_id: 'process', anomaly_detected: false, confidence: 0.6, findings: [], recommended_action: '' },
    ];
    const r = await t.call('analyst', 'POST', '/v1/coordination/consensus', { reports });
    expect(r.statusCode).toBe(200);
    expect(r.json().consensus).toMatchObject({ decision: 'reject', agreement: 0.9 / 1.5 });
    expect(r.json().narrative).toMatch(/^1 of 2 agents detected an anomaly: mspc/);
    const abstaining = await t.call('analyst', 'POST', '/v1/coordination/consensus', { reports, abstain_below: 0.95 });
    expect(abstaining.json().consensus.decision).toBe('undecided');
    const bad = await t.call('analyst', 'POST', '/v1/coordination/consensus', {
      reports: [{ ...reports[0], confidence: 1.5 }],
    });
    expect(bad.statusCode).toBe(400);
    expect((await t.call('analyst', 'POST', '/v1/coordination/consensus', { reports: [] })).statusCode).toBe(400);
  });
});
