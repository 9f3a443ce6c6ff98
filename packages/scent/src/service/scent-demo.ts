import type { Principal, RequestContext } from '@quintessence/platform';
import { defaultOdorProfiles, LineSimulator, type SimulatedFault } from '../domain/simulation/line-simulator.js';
import { seededRng } from '../domain/simulation/rng.js';
import type { Alert } from '../ports.js';
import type { ScentService } from './scent-service.js';

export const demoSite = { id: 'demo-site', name: 'Demo beverage plant' };
export const demoLine = { id: 'demo-line-1', siteId: 'demo-site', name: 'Filling line 1' };
export const demoSensors = [
  { id: 'enose-process', stage: 'process' as const, seed: 101 },
  { id: 'enose-packaging', stage: 'packaging' as const, seed: 202 },
];
export const demoProduct = 'orange-juice';
const channels = 8;
const demoPrincipal: Principal = { kind: 'system', id: 'scent-demo', name: 'scent-demo', roles: ['admin'] };

export interface DemoLine {
  /** One simulator per sensor id. */
  readonly simulators: ReadonlyMap<string, LineSimulator>;
  /** Fingerprint model id per sensor. */
  readonly models: ReadonlyMap<string, string>;
  /** Epoch ms after the reference history (production starts here). */
  readonly readyAtMs: number;
}

/**
 * Sets up the demo line through the service: site, line, products, two 8-channel MOX e-noses, calibration from
 * clean-air samples ((raw − baseline)/baseline), eight hours of good reference product ingested as batch
 * `REF-<time>` through the real pipeline, and a trained golden-batch fingerprint per sensor.
 */
export async function setupDemoLine(
  scent: ScentService,
  options: { startMs: number; seed?: number; referenceReadings?: number; actor?: RequestContext },
): Promise<DemoLine> {
  const actor = options.actor ?? { principal: demoPrincipal };
  const seed = options.seed ?? 42;
  const historyMs = 8 * 3_600_000;
  const historyStart = options.startMs - historyMs;
  await scent.upsertSite(demoSite);
  await scent.upsertLine(demoLine);
  for (const p of defaultOdorProfiles) {
    await scent.upsertProduct({ id: p.product, name: p.product.replace(/-/g, ' '), description: 'demo product' });
  }
  const simulators = new Map<string, LineSimulator>();
  const models = new Map<string, string>();
  const refBatch = `REF-${new Date(historyStart).toISOString().slice(0, 16).replace(/[-:T]/g, '')}-${seed}`;
  // a line that already has its fingerprints (an earlier demo or seed) keeps them: only recalibrate
  let existing = true;
  for (const s of demoSensors) if (!(await scent.store.latestModel(demoProduct, s.id))) existing = false;
  if (!existing && !(await scent.store.getBatch(refBatch))) {
    await scent.openBatch({ id: refBatch, productId: demoProduct, lineId: demoLine.id }, actor);
  }
  const n = options.referenceReadings ?? 160;
  for (const s of demoSensors) {
    const sim = new LineSimulator({ rng: seededRng(seed * 1000 + s.seed), channels, startMs: historyStart });
    simulators.set(s.id, sim);
    await scent.upsertSensor({ id: s.id, line_id: demoLine.id, stage: s.stage, kind: 'MOS', channels });
    const zero = Array.from({ length: 10 }, (_, i) => sim.zeroAir(historyStart - 60_000 + i * 1000).values);
    const offset = zero[0]!.map((_, j) => zero.reduce((sum, z) => sum + z[j]!, 0) / zero.length);
    await scent.calibrate(s.id, { offset, scale: offset.map((o) => 1 / o) }, actor.principal.name);
    if (!existing) {
      const step = historyMs / n;
      const readings = Array.from({ length: n }, (_, i) => {
        const t = historyStart + i * step;
        return {
          timestamp: new Date(t).toISOString(),
          values: sim.sample(demoProduct, t).values,
          metadata: { batch_id: refBatch },
        };
      });
      await scent.ingest(s.id, readings);
    }
  }
  for (const s of demoSensors) {
    const latest = await scent.store.latestModel(demoProduct, s.id);
    const model =
      existing && latest
        ? latest
        : await scent.trainFingerprint({ productId: demoProduct, sensorId: s.id, batchIds: [refBatch] }, actor);
    models.set(s.id, model.id);
  }
  return { simulators, models, readyAtMs: options.startMs };
}

/** One production batch of the demo and the faults injected into it. */
export interface DemoBatchPlan {
  readonly label: string;
  /** True for batches of good product on healthy sensors (they count for the false-alarm rate). */
  readonly normal: boolean;
  /** Faults per sensor id ('*' for every sensor). */
  readonly faults: Readonly<Record<string, readonly SimulatedFault[]>>;
}

export const demoPlan: readonly DemoBatchPlan[] = [
  { label: 'good product', normal: true, faults: {} },
  { label: 'good product', normal: true, faults: {} },
  {
    label: 'contamination (0.5 ppm hydrogen sulfide)',
    normal: false,
    faults: { '*': [{ kind: 'contamination', compound: 'hydrogen_sulfide', ppm: 0.5 }] },
  },
  { label: 'good product', normal: true, faults: {} },
  {
    label: 'off-spec batch (limonene at 60 %)',
    normal: false,
    faults: { '*': [{ kind: 'off_spec', factors: { limonene: 0.6 } }] },
  },
  {
    label: 'sensor faults (process ch 5 noisy, packaging ch 3 stuck)',
    normal: false,
    faults: {
      'enose-process': [{ kind: 'noisy_channel', channel: 5, factor: 15 }],
      'enose-packaging': [{ kind: 'stuck_channel', channel: 3 }],
    },
  },
];

export interface DemoOptions {
  /** Wall-clock seconds at `speed` (default 30). */
  readonly durationS?: number;
  /** Simulated seconds per wall-clock second (default 10). */
  readonly speed?: number;
  readonly seed?: number;
  /** Start of production, epoch ms. */
  readonly startMs: number;
  /** Waits between readings (default setTimeout); tests pass a no-op. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Live detections and progress. */
  readonly onEvent?: (event: DemoEvent) => void;
  readonly plan?: readonly DemoBatchPlan[];
}

export type DemoEvent =
  | { readonly type: 'batch_started'; readonly batchId: string; readonly label: string; readonly atS: number }
  | { readonly type: 'alert'; readonly alert: Alert; readonly atS: number }
  | {
      readonly type: 'batch_assessed';
      readonly batchId: string;
      readonly summary: DemoBatchSummary;
    };

export interface DemoBatchSummary {
  readonly batchId: string;
  readonly label: string;
  readonly normal: boolean;
  readonly readings: number;
  readonly rejected: number;
  readonly anomalies: number;
  readonly anomalyRate: number;
  readonly sensorHealthAlerts: number;
  /** Most frequent top suspect channel per sensor over anomalous readings. */
  readonly suspectChannels: Readonly<Record<string, number | null>>;
  readonly decision: string;
  readonly risk: string;
  /** Whether the pipeline flagged the batch (assessment not approve, or a sensor-health alert). */
  readonly detected: boolean;
}

export interface DemoSummary {
  readonly readings: number;
  readonly rejected: number;
  readonly batches: DemoBatchSummary[];
  /** Anomalous share of readings in the normal batches. */
  readonly falseAlarmRate: number;
  /** Faulty batches the pipeline flagged / faulty batches. */
  readonly detectedFaults: number;
  readonly injectedFaults: number;
  readonly alerts: number;
}

/**
 * Runs the line simulator through the real pipeline: each production batch is opened, the two e-noses send one
 * reading per simulated second (with the batch's injected faults), alerts arrive on the event bus, and each batch
 * is assessed when it ends. Returns the summary: false-alarm rate on the normal batches and detected faults.
 */
export async function runScentDemo(
  scent: ScentService,
  line: DemoLine,
  options: DemoOptions,
  events: {
    subscribe(topic: string, handler: (payload: Alert) => void): () => void;
  },
): Promise<DemoSummary> {
  const durationS = options.durationS ?? 30;
  const speed = options.speed ?? 10;
  const plan = options.plan ?? demoPlan;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const simulatedS = Math.max(plan.length, Math.round(durationS * speed));
  const perBatch = Math.floor(simulatedS / plan.length);
  const actor = { principal: demoPrincipal };
  const alertsByBatch = new Map<string, Alert[]>();
  let currentS = 0;
  const off = events.subscribe('scent.alerts.>', (alert) => {
    const key = alert.batchId ?? '';
    alertsByBatch.set(key, [...(alertsByBatch.get(key) ?? []), alert]);
    options.onEvent?.({ type: 'alert', alert, atS: currentS });
  });
  const stamp = new Date(options.startMs).toISOString().slice(0, 16).replace(/[-:T]/g, '');
  const summaries: DemoBatchSummary[] = [];
  let readings = 0;
  let rejected = 0;
  try {
    for (const [b, batchPlan] of plan.entries()) {
      const batchId = `B-${stamp}-${options.seed ?? 42}-${String(b + 1).padStart(2, '0')}`;
      await scent.openBatch({ id: batchId, productId: demoProduct, lineId: demoLine.id }, actor);
      options.onEvent?.({ type: 'batch_started', batchId, label: batchPlan.label, atS: currentS });
      const suspects = new Map<string, Map<number, number>>();
      let batchRejected = 0;
      for (let i = 0; i < perBatch; i++) {
        currentS = b * perBatch + i;
        const t = options.startMs + currentS * 1000;
        for (const s of demoSensors) {
          const sim = line.simulators.get(s.id)!;
          const faults = [...(batchPlan.faults['*'] ?? []), ...(batchPlan.faults[s.id] ?? [])];
          const sample = sim.sample(demoProduct, t, faults);
          const r = await scent.ingest(s.id, [
            { timestamp: new Date(t).toISOString(), values: sample.values, metadata: { batch_id: batchId } },
          ]);
          readings += r.received;
          batchRejected += r.rejected;
          const top = r.results[0]?.score?.suspect_channels[0];
          if (r.results[0]?.score?.is_anomaly && top !== undefined) {
            const m = suspects.get(s.id) ?? new Map<number, number>();
            m.set(top, (m.get(top) ?? 0) + 1);
            suspects.set(s.id, m);
          }
        }
        const wait = 1000 / speed;
        if (wait >= 1) await sleep(wait);
      }
      rejected += batchRejected;
      const assessed = await scent.assessBatch(batchId, actor);
      const a = assessed.assessment!;
      const batchAlerts = alertsByBatch.get(batchId) ?? [];
      const health = batchAlerts.filter((x) => x.kind === 'sensor_health').length;
      const summary: DemoBatchSummary = {
        batchId,
        label: batchPlan.label,
        normal: batchPlan.normal,
        readings: a.readings,
        rejected: batchRejected,
        anomalies: a.anomalies,
        anomalyRate: a.anomalyRate,
        sensorHealthAlerts: health,
        suspectChannels: Object.fromEntries(
          demoSensors.map((s) => {
            const m = suspects.get(s.id);
            const best = m ? [...m].sort((x, y) => y[1] - x[1])[0]![0] : null;
            return [s.id, best];
          }),
        ),
        decision: a.decision,
        risk: a.risk,
        detected: a.decision !== 'approve' || health > 0,
      };
      summaries.push(summary);
      options.onEvent?.({ type: 'batch_assessed', batchId, summary });
    }
  } finally {
    off();
  }
  const normal = summaries.filter((s) => s.normal);
  const normalReadings = normal.reduce((n, s) => n + s.readings, 0);
  const faulty = summaries.filter((s) => !s.normal);
  return {
    readings,
    rejected,
    batches: summaries,
    falseAlarmRate: normalReadings > 0 ? normal.reduce((n, s) => n + s.anomalies, 0) / normalReadings : 0,
    detectedFaults: faulty.filter((s) => s.detected).length,
    injectedFaults: faulty.length,
    alerts: [...alertsByBatch.values()].reduce((n, a) => n + a.length, 0),
  };
}
