import { randomUUID } from 'node:crypto';
import { AppError, type ModuleContext, type RequestContext } from '@quintessence/platform';
import {
  type AdaptiveUpdateOptions,
  type AdaptiveUpdateRefusal,
  adaptGoldenModel,
} from '../domain/drift/adaptive-model-update.js';
import { GoldenBatchModel } from '../domain/mspc/golden-batch-model.js';
import type { AdaptiveTraining, FingerprintModel, ScentStore } from '../ports.js';

/** The outcome of one adaptive update, as the API returns it. */
export interface ModelUpdateResult {
  readonly updated: boolean;
  readonly productId: string;
  readonly sensorId: string;
  readonly batchId: string;
  readonly previousModelId: string;
  /** The new version (null when refused). */
  readonly model: FingerprintModel | null;
  readonly reason: AdaptiveUpdateRefusal | null;
  readonly message: string | null;
  /** The batch's readings within the previous model's limits (added) and outside them (left out). */
  readonly used: number;
  readonly excluded: number;
  readonly anomalyRate: number;
  /** Mean shift in limit units of the previous model and of the base (deliberately trained) model. */
  readonly stepShift: number | null;
  readonly cumulativeShift: number | null;
}

type Deps = { readonly store: ScentStore } & Pick<ModuleContext, 'audit' | 'clock'>;

/**
 * Adaptive update of a fingerprint from a released batch (`adaptGoldenModel`): the newest version of the model's
 * product and sensor, re-centred on a window of its reference readings plus the batch's in-control readings of that
 * sensor. The reference set is kept as batch ids with the model that screened them, so every version can be rebuilt
 * from stored readings. The new version is stored and audited (`scent.fingerprint.updated`); a refusal by a guard is
 * audited too (`scent.fingerprint.update_refused`) and returned with `updated: false`.
 */
export async function updateFingerprintFromBatch(
  deps: Deps,
  input: { readonly modelId: string; readonly batchId: string; readonly options?: AdaptiveUpdateOptions },
  actor: RequestContext,
): Promise<ModelUpdateResult> {
  const { store } = deps;
  const m = await store.getModel(input.modelId);
  if (!m) throw new AppError('SCENT_NOT_FOUND', `Unknown fingerprint model "${input.modelId}"`);
  const latest = await store.latestModel(m.productId, m.sensorId);
  if (latest && latest.id !== m.id) {
    throw new AppError(
      'SCENT_CONFLICT',
      `Model ${m.id} is version ${m.version}; only the newest version (${latest.version}, ${latest.id}) can be updated`,
    );
  }
  const batch = await store.getBatch(input.batchId);
  if (!batch) throw new AppError('SCENT_UNKNOWN_BATCH', `Unknown batch "${input.batchId}"`);
  if (batch.status !== 'released') {
    throw new AppError(
      'SCENT_CONFLICT',
      `Batch ${batch.id} is ${batch.status}; only a released batch can update a fingerprint`,
    );
  }
  if (batch.productId !== m.productId) {
    throw new AppError('SCENT_BAD_DATA', `Batch ${batch.id} is product ${batch.productId}, not ${m.productId}`);
  }
  const adaptive = m.training.adaptive;
  const entries = adaptive?.reference ?? m.training.batches.map((batchId) => ({ batchId, filterModelId: null }));
  if (entries.some((e) => e.batchId === batch.id) || m.training.batches.includes(batch.id)) {
    throw new AppError('SCENT_CONFLICT', `Batch ${batch.id} is already in the reference set of model ${m.id}`);
  }
  const base = adaptive ? await store.getModel(adaptive.baseModelId) : m;
  if (!base) throw new AppError('SCENT_NOT_FOUND', `The base model ${adaptive?.baseModelId} of ${m.id} is gone`);

  const models = new Map<string, GoldenBatchModel>();
  const load = async (id: string): Promise<GoldenBatchModel> => {
    let model = models.get(id);
    if (!model) {
      const stored = id === m.id ? m : await store.getModel(id);
      if (!stored) throw new AppError('SCENT_NOT_FOUND', `Model ${id} of the reference set is gone`);
      model = GoldenBatchModel.fromJSON(stored.model);
      models.set(id, model);
    }
    return model;
  };
  const cleanRows = async (batchId: string): Promise<number[][]> =>
    (await store.listReadings({ sensorId: m.sensorId, batchId }))
      .filter((r) => r.warnings.length === 0 && r.values.length === m.channels)
      .map((r) => [...r.values]);
  const counts: number[] = [];
  const reference: number[][] = [];
  for (const e of entries) {
    let rows = await cleanRows(e.batchId);
    if (e.filterModelId) {
      const filter = await load(e.filterModelId);
      rows = rows.filter((x) => !filter.score(x).isAnomaly);
    }
    counts.push(rows.length);
    reference.push(...rows);
  }
  const window = input.options?.window ?? adaptive?.window ?? m.training.samples;
  const batchRows = await cleanRows(batch.id);
  if (batchRows.length === 0) {
    throw new AppError('SCENT_BAD_DATA', `Batch ${batch.id} has no clean readings of sensor ${m.sensorId}`);
  }
  let outcome: ReturnType<typeof adaptGoldenModel>;
  try {
    outcome = adaptGoldenModel(
      {
        current: await load(m.id),
        base: GoldenBatchModel.fromJSON(base.model),
        reference: reference.slice(-window),
        batch: batchRows,
      },
      { ...input.options, window },
    );
  } catch (error) {
    if (error instanceof RangeError) throw new AppError('SCENT_INVALID_INPUT', error.message, { cause: error });
    throw error;
  }
  const common = {
    productId: m.productId,
    sensorId: m.sensorId,
    batchId: batch.id,
    previousModelId: m.id,
    used: outcome.used,
    excluded: outcome.excluded,
    anomalyRate: outcome.anomalyRate,
    stepShift: outcome.stepShift,
    cumulativeShift: outcome.cumulativeShift,
  };
  if (!outcome.accepted) {
    await deps.audit.record({
      actor: actor.principal.name,
      action: 'scent.fingerprint.update_refused',
      resource: `scent/fingerprint/${m.id}`,
      details: { ...common, reason: outcome.reason, message: outcome.message },
      ...(actor.requestId ? { requestId: actor.requestId } : {}),
    });
    return { ...common, updated: false, model: null, reason: outcome.reason, message: outcome.message };
  }
  // drop reference batches whose readings all left the window
  const kept = [...entries, { batchId: batch.id, filterModelId: m.id }];
  const keptCounts = [...counts, outcome.used];
  let surplus = keptCounts.reduce((s, c) => s + c, 0) - window;
  while (kept.length > 1 && surplus >= keptCounts[0]!) {
    surplus -= keptCounts.shift()!;
    kept.shift();
  }
  const training: AdaptiveTraining = {
    baseModelId: base.id,
    previousModelId: m.id,
    batchId: batch.id,
    reference: kept,
    window,
    stepShift: outcome.stepShift!,
    cumulativeShift: outcome.cumulativeShift!,
  };
  const stored = await store.insertModel({
    id: randomUUID(),
    productId: m.productId,
    sensorId: m.sensorId,
    channels: m.channels,
    model: outcome.model.toJSON(),
    training: {
      samples: outcome.reference.length,
      batches: [...new Set(kept.map((e) => e.batchId))],
      adaptive: training,
    },
    createdAt: deps.clock.now().toISOString(),
    createdBy: actor.principal.name,
  });
  await deps.audit.record({
    actor: actor.principal.name,
    action: 'scent.fingerprint.updated',
    resource: `scent/fingerprint/${stored.id}`,
    details: { ...common, version: stored.version, baseModelId: base.id, window, samples: outcome.reference.length },
    ...(actor.requestId ? { requestId: actor.requestId } : {}),
  });
  return { ...common, updated: true, model: stored, reason: null, message: null };
}
