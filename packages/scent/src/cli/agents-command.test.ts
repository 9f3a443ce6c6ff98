import type { Principal } from '@quintessence/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoBatch } from '../testing/demo-batch.js';
import { runScentCli } from '../testing/scent-cli.js';
import { openScentTestContext, type ScentTestContext } from '../testing/scent-test-context.js';

describe('scent agents list|analyze', () => {
  let tc: ScentTestContext;
  beforeAll(async () => {
    tc = await openScentTestContext('pglite');
    await tc.reset();
    const system: Principal = { kind: 'system', id: 't', name: 't', roles: ['admin'] };
    await seedDemoBatch(tc, 'C1', [{ kind: 'dead_channel', channel: 4 }], system);
  });
  afterAll(async () => {
    await tc?.t.close();
  });

  const run = (args: string[]) => runScentCli(tc, ['scent', 'agents', ...args]);

  it('analyses a batch with a dead channel: sensor health flags it and the narrative names the agent', async () => {
    const r = await run(['analyze', '--batch', 'C1']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Batch C1 \(orange-juice\), 40 readings from enose-packaging, enose-process/);
    expect(r.out).toMatch(/ANOMALY sensor_health +confidence \d\.\d\d +enose-packaging: channel 4 dead/);
    expect(r.out).toMatch(/Consensus: reject/);
    expect(r.out).toMatch(/Narrative \(template\): .*sensor_health/);
    const list = await run(['list', '--format', 'json']);
    expect(list.code).toBe(0);
    const agents = JSON.parse(list.out) as Array<{ agent_id: string; runs: number; anomalies: number }>;
    expect(agents.find((a) => a.agent_id === 'sensor_health')).toMatchObject({ runs: 1, anomalies: 1 });
    expect((await run(['list'])).out).toMatch(/sensor_health/);
  });

  it('fails with a message and a non-zero exit on an unknown batch or a bad option', async () => {
    const ghost = await run(['analyze', '--batch', 'NOPE']);
    expect(ghost.code).toBe(2);
    expect(ghost.err).toMatch(/Unknown batch "NOPE".*SCENT_UNKNOWN_BATCH/);
    const bad = await run(['analyze', '--batch', 'C1', '--format', 'xml']);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/--format must be one of text, json/);
  });
});
