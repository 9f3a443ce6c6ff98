import type { Principal } from '@quintessence/platform';
import type { SimulatedFault } from '../domain/simulation/line-simulator.js';
import { type DemoLine, setupDemoLine } from '../service/scent-demo.js';
import { scentServiceFor } from '../service/scent-service-registry.js';
import type { ScentTestContext } from './scent-test-context.js';

/**
 * The demo line with its fingerprints (60 reference readings from the test clock's now) and one open `orange-juice`
 * batch on `demo-line-1` with 20 readings a minute apart on each e-nose, simulated with `faults`, through the real
 * ingestion pipeline.
 *
 * @example
 * const { start, simulators } = await seedDemoBatch(tc, 'A1', [{ kind: 'dead_channel', channel: 4 }], principal);
 */
export async function seedDemoBatch(
  tc: ScentTestContext,
  batchId: string,
  faults: readonly SimulatedFault[],
  principal: Principal,
): Promise<{ start: number; simulators: DemoLine['simulators'] }> {
  const scent = scentServiceFor(tc.ctx);
  const start = tc.clock.now().getTime();
  const { simulators } = await setupDemoLine(scent, { startMs: start, referenceReadings: 60 });
  await scent.openBatch({ id: batchId, productId: 'orange-juice', lineId: 'demo-line-1' }, { principal });
  for (const [sensorId, sim] of simulators) {
    await scent.ingest(
      sensorId,
      Array.from({ length: 20 }, (_, i) => ({
        timestamp: start + (i + 1) * 60_000,
        values: sim.sample('orange-juice', start + (i + 1) * 60_000, faults).values,
        metadata: { batch_id: batchId },
      })),
    );
  }
  return { start, simulators };
}
