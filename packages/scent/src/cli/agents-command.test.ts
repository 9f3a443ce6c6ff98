import { captureIo, registerErrorCodes, runProgram } from '@quintessence/platform';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scentModule } from '../module.js';
import { setupDemoLine } from '../service/scent-demo.js';
import { scentServiceFor } from '../service/scent-service-registry.js';
import { openScentTestContext, type ScentTestContext } from '../testing/scent-test-context.js';

registerErrorCodes(scentModule.errorCodes!);

describe('scent agents list|analyze', () => {
  let tc: ScentTestContext;
  beforeAll(async () => {
    tc = await openScentTestContext('pglite');
    await tc.reset();
    const scent = scentServiceFor(tc.ctx);
    const start = tc.clock.now().getTime();
    const { simulators } = await setupDemoLine(scent, { startMs: start, referenceReadings: 60 });
    await scent.openBatch(
      { id: 'C1', productId: 'orange-juice', lineId: 'demo-line-1' },
      { principal: { kind: 'system', id: 't', name: 't', roles: ['admin'] } },
    );
    for (const [sensorId, sim] of simulators) {
      await scent.ingest(
        sensorId,
        Array.from({ length: 20 }, (_, i) => ({
          timestamp: start + (i + 1) * 60_000,
          values: sim.sample('orange-juice', start + (i + 1) * 60_000, [{ kind: 'dead_channel', channel: 4 }]).values,
          metadata: { batch_id: 'C1' },
        })),
      );
    }
  });
  afterAll(async () => {
    await tc?.t.close();
  });

  async function run(args: string[]) {
    const cap = captureIo();
    const program = new Command('quintessence');
    scentModule.cli!(program, { ...cap.io, withContext: (use) => use(tc.ctx), config: () => tc.ctx.config });
    const code = await runProgram(program, ['scent', 'agents', ...args], cap.io);
    return { code, out: cap.out(), err: cap.err() };
  }

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
