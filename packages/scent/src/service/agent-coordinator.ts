import { randomUUID } from 'node:crypto';
import { AppError, type ModuleContext, type RequestContext } from '@quintessence/platform';
import { z } from 'zod';
import { createKyselyAgentStore } from '../adapters/kysely-agent-store.js';
import {
  type AgentReport,
  type Consensus,
  consensus,
  narrativeContradiction,
  templateNarrative,
} from '../domain/agents/agent-report.js';
import { goldenResiduals } from '../domain/agents/golden-residuals.js';
import { runIdentificationAgent } from '../domain/agents/identification-agent.js';
import { type MspcScore, runMspcAgent } from '../domain/agents/mspc-agent.js';
import { type EnvironmentParameter, environmentParameters, runProcessAgent } from '../domain/agents/process-agent.js';
import { runSensorHealthAgent } from '../domain/agents/sensor-health-agent.js';
import { OpenSetClassifier } from '../domain/identification/open-set-classifier.js';
import { GoldenBatchModel } from '../domain/mspc/golden-batch-model.js';
import type { Sensor, StoredReading } from '../ports.js';
import {
  type AgentId,
  type AgentSettings,
  agentDescriptions,
  agentIds,
  agentSettingsSchemas,
  defaultAgentSettings,
  isAgentId,
} from './agent-settings.js';
import type { ScentService } from './scent-service.js';
import { scentServiceFor } from './scent-service-registry.js';

/** Event-bus topic of every coordinated analysis (the WebSocket forwards it as `agent_updates`). */
export const scentAgentTopic = 'scent.agents.updates';

export interface AgentConfigRecord {
  readonly agentId: string;
  readonly enabled: boolean;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export interface AgentAnalysisRecord {
  readonly id: string;
  readonly createdAt: string;
  readonly actor: string;
  readonly subject: Readonly<Record<string, unknown>>;
  readonly consensus: Consensus;
  readonly narrative: string;
  readonly narrativeSource: 'llm' | 'template';
  /** Why the LLM narrative was not used (refused as contradicting the detectors, or the gateway failed). */
  readonly narrativeNote: string | null;
  readonly reports: readonly AgentReport[];
}

export interface AgentRunStats {
  readonly runs: number;
  readonly anomalies: number;
  readonly lastRun: {
    readonly analysisId: string;
    readonly at: string;
    readonly anomalyDetected: boolean;
    readonly confidence: number;
    readonly report: AgentReport;
  } | null;
}

/** Storage of agent configuration and analyses. */
export interface AgentStore {
  getConfig(agentId: string): Promise<AgentConfigRecord | null>;
  putConfig(config: AgentConfigRecord): Promise<void>;
  insertAnalysis(analysis: AgentAnalysisRecord): Promise<void>;
  getAnalysis(id: string): Promise<AgentAnalysisRecord | null>;
  runStats(agentId: string): Promise<AgentRunStats>;
}

export interface AgentView {
  readonly agent_id: AgentId;
  readonly name: string;
  readonly description: string;
  readonly enabled: boolean;
  readonly settings: Readonly<Record<string, unknown>>;
  /** null while the defaults apply. */
  readonly updated_at: string | null;
  readonly updated_by: string | null;
}

export interface AgentStatus extends AgentView {
  readonly runs: number;
  readonly anomalies: number;
  readonly last_run: {
    readonly analysis_id: string;
    readonly at: string;
    readonly anomaly_detected: boolean;
    readonly confidence: number;
    readonly report: AgentReport;
  } | null;
}

export interface AnalyzeInput {
  /** Analyse every stored reading of this batch (its e-nose and environment sensors). */
  readonly batch_id?: string;
  /** Or analyse these raw readings of one sensor (not stored). */
  readonly sensor_id?: string;
  readonly product_id?: string;
  readonly readings?: ReadonlyArray<{ readonly timestamp: string | number; readonly values: readonly number[] }>;
  /** Environment values for the process agent (added to what the batch's environment sensors measured). */
  readonly environment?: Readonly<Partial<Record<EnvironmentParameter, readonly number[]>>>;
  /** Agents less confident than this abstain from the vote (default 0.3). */
  readonly abstain_below?: number;
}

export interface NarrativeView {
  readonly text: string;
  readonly source: 'llm' | 'template';
  /** Why the template was used instead of an LLM narrative (null when the LLM narrative was accepted or none was asked). */
  readonly note: string | null;
}

export interface CoordinationResult {
  readonly analysis_id: string;
  readonly created_at: string;
  readonly subject: {
    readonly batch_id: string | null;
    readonly product_id: string | null;
    readonly sensors: readonly string[];
    readonly readings: number;
  };
  readonly reports: AgentReport[];
  readonly consensus: Consensus;
  readonly narrative: NarrativeView;
  readonly skipped_agents: AgentId[];
}

/** The QC agent use cases: configuration, coordinated analysis, consensus and narrative. */
export interface AgentCoordinator {
  listAgents(): Promise<AgentView[]>;
  status(agentId: string): Promise<AgentStatus>;
  configure(
    agentId: string,
    patch: { enabled?: boolean; settings?: Record<string, unknown> },
    actor: RequestContext,
  ): Promise<AgentView>;
  analyze(input: AnalyzeInput, actor: RequestContext): Promise<CoordinationResult>;
  /** Confidence-weighted consensus of given reports, with the deterministic narrative. */
  consensus(
    reports: readonly AgentReport[],
    options?: { abstain_below?: number },
  ): { consensus: Consensus; narrative: string };
}

export type AgentCoordinatorContext = Pick<ModuleContext, 'db' | 'audit' | 'events' | 'clock' | 'log' | 'llm'>;

const enoseKinds = new Set(['MOS', 'PID', 'EC', 'QCM']);
const narrativeSchema = z.object({ narrative: z.string().min(1).max(4000) });
const narrativeInstructions = [
  'You write the root-cause narrative of an e-nose quality-control analysis for a QA person (at most 120 words).',
  'The data holds the reports of the detection agents (agent_id, anomaly_detected, confidence, findings,',
  'recommended_action) and their consensus. Explain the likely root cause from the findings only.',
  'Name every agent whose anomaly_detected is true by its agent_id. Never call the product healthy or normal when',
  'an agent detected an anomaly, and never mention a fault (contamination, process excursion, sensor fault, unknown',
  'product) that no agent detected. Answer as JSON: {"narrative": "..."}.',
].join(' ');

function parseTime(t: string | number): number {
  if (typeof t === 'number') return t;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(t)) return Number.NaN;
  return Date.parse(t);
}

/** One report per agent from the reports of several sensors: anomalous if any is, findings prefixed by sensor. */
function mergeReports(agentId: string, perSensor: ReadonlyArray<[string, AgentReport]>): AgentReport {
  if (perSensor.length === 1) return perSensor[0]![1];
  const flagged = perSensor.filter(([, r]) => r.anomaly_detected);
  const voting = perSensor.filter(([, r]) => r.confidence > 0);
  const anomaly = flagged.length > 0;
  return {
    agent_id: agentId,
    anomaly_detected: anomaly,
    confidence: anomaly
      ? Math.max(...flagged.map(([, r]) => r.confidence))
      : voting.length > 0
        ? Math.min(...voting.map(([, r]) => r.confidence))
        : 0,
    findings: perSensor.flatMap(([sensor, r]) => r.findings.map((f) => `${sensor}: ${f}`)),
    recommended_action: [
      ...new Set(flagged.map(([sensor, r]) => (r.recommended_action ? `${sensor}: ${r.recommended_action}` : ''))),
    ]
      .filter((a) => a !== '')
      .join(' '),
  };
}

/**
 * Builds the agent coordinator: it runs the enabled agents on a batch's stored readings or on posted readings, takes
 * the confidence-weighted consensus, asks the LLM gateway (when configured) for a root-cause narrative and refuses
 * one that contradicts the detectors (the deterministic template is used and the reason kept), stores the analysis
 * and publishes it on {@link scentAgentTopic}.
 *
 * @example
 * const agents = createAgentCoordinator(ctx, scentServiceFor(ctx));
 * const result = await agents.analyze({ batch_id: 'B-1' }, actor);
 */
export function createAgentCoordinator(ctx: AgentCoordinatorContext, scent: ScentService): AgentCoordinator {
  const store = createKyselyAgentStore(ctx.db);
  const classifiers = new Map<string, OpenSetClassifier | null>();

  const requireAgent = (id: string): AgentId => {
    if (!isAgentId(id)) {
      throw new AppError('SCENT_UNKNOWN_AGENT', `Unknown agent "${id}"; agents: ${agentIds.join(', ')}`);
    }
    return id;
  };

  const view = async (id: AgentId): Promise<AgentView> => {
    const c = await store.getConfig(id);
    return {
      agent_id: id,
      ...agentDescriptions[id],
      enabled: c?.enabled ?? true,
      settings: c ? agentSettingsSchemas[id].parse(c.settings) : defaultAgentSettings(id),
      updated_at: c?.updatedAt ?? null,
      updated_by: c?.updatedBy ?? null,
    };
  };
  const settingsOf = async <A extends AgentId>(id: A): Promise<AgentSettings<A>> =>
    (await view(id)).settings as AgentSettings<A>;

  /** The open-set classifier of a sensor, trained on the readings behind each product's newest fingerprint. */
  const classifierFor = async (sensor: Sensor, s: AgentSettings<'identification'>) => {
    const latest = new Map<string, Awaited<ReturnType<ScentService['store']['listModels']>>[number]>();
    for (const m of await scent.store.listModels()) {
      if (m.sensorId !== sensor.id || m.channels !== sensor.channels) continue;
      const prev = latest.get(m.productId);
      if (!prev || m.version > prev.version) latest.set(m.productId, m);
    }
    const key = `${sensor.id}|${[...latest.values()].map((m) => m.id).sort()}|${s.alpha}|${s.shrinkage}|${s.min_reference_samples}`;
    if (classifiers.has(key)) return classifiers.get(key)!;
    const rows: number[][] = [];
    const labels: string[] = [];
    for (const m of latest.values()) {
      const own: number[][] = [];
      for (const batchId of m.training.batches) {
        for (const r of await scent.store.listReadings({ sensorId: sensor.id, batchId })) {
          if (r.warnings.length === 0) own.push([...r.values]);
        }
      }
      if (own.length < s.min_reference_samples) continue;
      rows.push(...own);
      labels.push(...own.map(() => m.productId));
    }
    let clf: OpenSetClassifier | null = null;
    if (rows.length > 0) {
      try {
        clf = OpenSetClassifier.fit(rows, labels, { alpha: s.alpha, shrinkage: s.shrinkage });
      } catch (error) {
        ctx.log.warn({ err: error, sensor: sensor.id }, 'scent agents: identification model could not be fitted');
      }
    }
    classifiers.set(key, clf);
    return clf;
  };

  interface SensorWindow {
    readonly sensor: Sensor;
    readonly timestampsMs: number[];
    readonly raw: number[][];
    readonly values: number[][];
  }

  const calibrated = (sensor: Sensor, raw: readonly number[]): number[] => {
    const cal = sensor.calibration;
    if (!cal) return [...raw];
    return raw.map((v, j) => (v - cal.offset[j]!) * cal.scale[j]!);
  };

  const collect = async (input: AnalyzeInput) => {
    const windows: SensorWindow[] = [];
    const environment: Partial<Record<EnvironmentParameter, number[]>> = {};
    for (const p of environmentParameters) {
      const v = input.environment?.[p];
      if (v) environment[p] = [...v];
    }
    let productId = input.product_id ?? null;
    let batchId: string | null = null;
    if (input.batch_id !== undefined) {
      const batch = await scent.store.getBatch(input.batch_id);
      if (!batch) throw new AppError('SCENT_UNKNOWN_BATCH', `Unknown batch "${input.batch_id}"`);
      batchId = batch.id;
      if (productId !== null && productId !== batch.productId) {
        throw new AppError('SCENT_INVALID_INPUT', `Batch ${batch.id} is product ${batch.productId}, not ${productId}`);
      }
      productId = batch.productId;
      const bySensor = new Map<string, StoredReading[]>();
      for (const r of await scent.store.listReadings({ batchId: batch.id })) {
        if (input.sensor_id !== undefined && r.sensorId !== input.sensor_id) continue;
        const list = bySensor.get(r.sensorId) ?? [];
        list.push(r);
        bySensor.set(r.sensorId, list);
      }
      if (bySensor.size === 0) {
        throw new AppError('SCENT_BAD_DATA', `Batch ${batch.id} has no stored readings to analyse`);
      }
      for (const [sensorId, readings] of [...bySensor.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
        const sensor = await scent.store.getSensor(sensorId);
        if (!sensor) continue;
        if (enoseKinds.has(sensor.kind)) {
          windows.push({
            sensor,
            timestampsMs: readings.map((r) => Date.parse(r.timestamp)),
            raw: readings.map((r) => [...r.raw]),
            values: readings.map((r) => [...r.values]),
          });
        } else {
          const p = sensor.kind as EnvironmentParameter;
          const mean = readings.map((r) => r.values.reduce((s, v) => s + v, 0) / Math.max(r.values.length, 1));
          environment[p] = [...(environment[p] ?? []), ...mean];
        }
      }
    } else if (input.sensor_id !== undefined && input.readings !== undefined) {
      const sensor = await scent.store.getSensor(input.sensor_id);
      if (!sensor) throw new AppError('SCENT_UNKNOWN_SENSOR', `Unknown sensor "${input.sensor_id}"`);
      if (productId !== null && !(await scent.store.getProduct(productId))) {
        throw new AppError('SCENT_NOT_FOUND', `Unknown product "${productId}"`);
      }
      const rows = input.readings.map((r, i) => {
        const t = parseTime(r.timestamp);
        if (!Number.isFinite(t)) throw new AppError('SCENT_BAD_DATA', `Reading ${i}: timestamp is not a valid time`);
        if (r.values.length !== sensor.channels || !r.values.every(Number.isFinite)) {
          throw new AppError(
            'SCENT_BAD_DATA',
            `Reading ${i}: sensor ${sensor.id} needs ${sensor.channels} finite channel values; got ${r.values.length}`,
          );
        }
        return { t, raw: [...r.values] };
      });
      rows.sort((a, b) => a.t - b.t);
      if (enoseKinds.has(sensor.kind)) {
        windows.push({
          sensor,
          timestampsMs: rows.map((r) => r.t),
          raw: rows.map((r) => r.raw),
          values: rows.map((r) => calibrated(sensor, r.raw)),
        });
      } else {
        const p = sensor.kind as EnvironmentParameter;
        environment[p] = [
          ...(environment[p] ?? []),
          ...rows.map((r) => calibrated(sensor, r.raw).reduce((s, v) => s + v, 0) / r.raw.length),
        ];
      }
    } else if (input.environment === undefined) {
      throw new AppError('SCENT_INVALID_INPUT', 'Give a batch_id, or a sensor_id with readings, or environment values');
    }
    return { windows, environment, productId, batchId };
  };

  const narrate = async (
    reports: readonly AgentReport[],
    result: Consensus,
    subject: object,
  ): Promise<NarrativeView> => {
    const template = templateNarrative(reports, result);
    if (!ctx.llm.available) return { text: template, source: 'template', note: null };
    const answer = await ctx.llm.generateObject({
      schema: narrativeSchema,
      purpose: 'scent.root_cause',
      instructions: narrativeInstructions,
      data: { subject, reports, consensus: result },
      maxOutputTokens: 400,
    });
    if (!answer.ok) {
      return {
        text: template,
        source: 'template',
        note: `LLM narrative unavailable (${answer.code}): ${answer.message}`,
      };
    }
    const contradiction = narrativeContradiction(answer.value.narrative, reports);
    if (contradiction !== null) {
      ctx.log.warn({ contradiction }, 'scent agents: LLM narrative refused; it contradicts the detectors');
      return {
        text: template,
        source: 'template',
        note: `LLM narrative refused: ${contradiction}. Refused text: ${answer.value.narrative}`,
      };
    }
    return { text: answer.value.narrative, source: 'llm', note: null };
  };

  return {
    async listAgents() {
      return Promise.all(agentIds.map(view));
    },
    async status(agentId) {
      const id = requireAgent(agentId);
      const stats = await store.runStats(id);
      return {
        ...(await view(id)),
        runs: stats.runs,
        anomalies: stats.anomalies,
        last_run: stats.lastRun
          ? {
              analysis_id: stats.lastRun.analysisId,
              at: stats.lastRun.at,
              anomaly_detected: stats.lastRun.anomalyDetected,
              confidence: stats.lastRun.confidence,
              report: stats.lastRun.report,
            }
          : null,
      };
    },
    async configure(agentId, patch, actor) {
      const id = requireAgent(agentId);
      const before = await view(id);
      const parsed = agentSettingsSchemas[id].safeParse({ ...before.settings, ...(patch.settings ?? {}) });
      if (!parsed.success) {
        throw new AppError(
          'SCENT_INVALID_INPUT',
          `Invalid settings for agent ${id}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(settings)'}: ${i.message}`).join('; ')}`,
          { details: { issues: parsed.error.issues } },
        );
      }
      const record: AgentConfigRecord = {
        agentId: id,
        enabled: patch.enabled ?? before.enabled,
        settings: parsed.data,
        updatedAt: ctx.clock.now().toISOString(),
        updatedBy: actor.principal.name,
      };
      await store.putConfig(record);
      await ctx.audit.record({
        actor: actor.principal.name,
        action: 'scent.agent.configured',
        resource: `scent/agent/${id}`,
        details: {
          before: { enabled: before.enabled, settings: before.settings },
          after: { enabled: record.enabled, settings: record.settings },
        },
        ...(actor.requestId ? { requestId: actor.requestId } : {}),
        ...(actor.clientAddress ? { clientAddress: actor.clientAddress } : {}),
      });
      return view(id);
    },
    async analyze(input, actor) {
      const { windows, environment, productId, batchId } = await collect(input);
      const views = await Promise.all(agentIds.map(view));
      const enabled = new Set(views.filter((v) => v.enabled).map((v) => v.agent_id));
      const reports: AgentReport[] = [];
      const now = ctx.clock.now().getTime();

      if (enabled.has('mspc')) {
        const s = await settingsOf('mspc');
        const perSensor: Array<[string, AgentReport]> = [];
        for (const w of windows) {
          const m = productId ? await scent.store.latestModel(productId, w.sensor.id) : null;
          const model = m && m.channels === w.sensor.channels ? GoldenBatchModel.fromJSON(m.model) : null;
          const scores: MspcScore[] = model ? w.values.map((x) => model.score(x)) : [];
          perSensor.push([
            w.sensor.id,
            runMspcAgent(scores, {
              alpha: model?.alpha ?? 0.01,
              rateOfConcern: s.rate_of_concern,
              topChannels: s.top_channels,
              ...(model ? { expectedContributions: model.expectedContributions() } : {}),
            }),
          ]);
        }
        if (perSensor.length > 0) reports.push(mergeReports('mspc', perSensor));
      }
      if (enabled.has('process')) {
        const s = await settingsOf('process');
        reports.push(runProcessAgent(environment, { limits: s.limits, maxExcursionShare: s.max_excursion_share }));
      }
      if (enabled.has('sensor_health')) {
        const s = await settingsOf('sensor_health');
        const perSensor: Array<[string, AgentReport]> = [];
        for (const w of windows) {
          const status = await scent.getSensor(w.sensor.id);
          const m = productId ? await scent.store.latestModel(productId, w.sensor.id) : null;
          perSensor.push([
            w.sensor.id,
            runSensorHealthAgent(
              {
                timestampsMs: w.timestampsMs,
                values: w.values,
                raw: w.raw,
                ...(m && m.channels === w.sensor.channels
                  ? (() => {
                      const g = goldenResiduals(m.model, w.values);
                      return {
                        referenceSd: m.model.scale,
                        residuals: g.residuals,
                        residualVariance: g.referenceVariance,
                      };
                    })()
                  : {}),
                calibration: {
                  state: status.calibrationState,
                  ...(status.calibrationExpiresAt ? { expiresAtMs: Date.parse(status.calibrationExpiresAt) } : {}),
                  nowMs: now,
                },
                ...(status.drift?.state === 'ok'
                  ? {
                      baselineDrift: {
                        recalibrationDue: status.drift.recalibrationDue,
                        daysUntilRecalibration: status.drift.daysUntilRecalibration,
                        daysUntilCalibrationExpiry: status.drift.daysUntilCalibrationExpiry,
                        worstChannel: status.drift.worstChannel?.channel ?? null,
                      },
                    }
                  : {}),
              },
              {
                flatStd: s.flat_std,
                deadLevel: s.dead_level,
                noiseRatio: s.noise_ratio,
                driftSigmas: s.drift_sigmas,
                significance: s.significance,
              },
            ),
          ]);
        }
        if (perSensor.length > 0) reports.push(mergeReports('sensor_health', perSensor));
      }
      if (enabled.has('identification')) {
        const s = await settingsOf('identification');
        const perSensor: Array<[string, AgentReport]> = [];
        for (const w of windows) {
          const clf = await classifierFor(w.sensor, s);
          perSensor.push([
            w.sensor.id,
            runIdentificationAgent(w.values, clf, {
              ...(productId ? { expectedProduct: productId } : {}),
              rateOfConcern: s.rate_of_concern,
            }),
          ]);
        }
        if (perSensor.length > 0) reports.push(mergeReports('identification', perSensor));
      }

      const result = consensus(reports, input.abstain_below === undefined ? {} : { abstainBelow: input.abstain_below });
      const subject = {
        batch_id: batchId,
        product_id: productId,
        sensors: windows.map((w) => w.sensor.id),
        readings: windows.reduce((s, w) => s + w.values.length, 0),
      };
      const narrative = await narrate(reports, result, subject);
      const analysis: CoordinationResult = {
        analysis_id: randomUUID(),
        created_at: ctx.clock.now().toISOString(),
        subject,
        reports,
        consensus: result,
        narrative,
        skipped_agents: agentIds.filter((id) => !enabled.has(id)),
      };
      await store.insertAnalysis({
        id: analysis.analysis_id,
        createdAt: analysis.created_at,
        actor: actor.principal.name,
        subject,
        consensus: result,
        narrative: narrative.text,
        narrativeSource: narrative.source,
        narrativeNote: narrative.note,
        reports,
      });
      await ctx.events.publish(scentAgentTopic, analysis);
      return analysis;
    },
    consensus(reports, options = {}) {
      const result = consensus(
        reports,
        options.abstain_below === undefined ? {} : { abstainBelow: options.abstain_below },
      );
      return { consensus: result, narrative: templateNarrative(reports, result) };
    },
  };
}

const coordinators = new WeakMap<ModuleContext, AgentCoordinator>();

/** The one {@link AgentCoordinator} of a module context (shared by routes and CLI, so classifier caches are shared). */
export function agentCoordinatorFor(ctx: ModuleContext): AgentCoordinator {
  let c = coordinators.get(ctx);
  if (!c) {
    c = createAgentCoordinator(ctx, scentServiceFor(ctx));
    coordinators.set(ctx, c);
  }
  return c;
}
