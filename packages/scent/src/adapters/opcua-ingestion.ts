import { AppError, type Logger } from '@quintessence/platform';
import type {
  ClientMonitoredItemBase,
  ClientSession,
  ClientSubscription,
  DataValue,
  OPCUAClient,
  ReadValueIdOptions,
} from 'node-opcua';
import type { ScentService } from '../service/scent-service.js';
import type { ParsedReading } from '../service/schemas.js';
import type { OpcuaConfig, OpcuaSensorBinding } from './opcua-config.js';

/** Counts of the OPC UA ingestion path since it started. */
export interface OpcuaIngestionStats {
  /** Data-change notifications received (all monitored items). */
  readonly notifications: number;
  /** Readings the pipeline stored. */
  readonly stored: number;
  /** Readings the pipeline rejected (channel count, NaN/Inf, order, batch) — counted per sensor as well. */
  readonly rejected: number;
  /** Notifications repeating the last value and source time (sent again after (re)subscription); skipped. */
  readonly duplicates: number;
  /** Notifications whose status code was not Good (the value is not used). */
  readonly badStatus: number;
  /** Notifications flagged by the server as following a queue overflow (older values were discarded). */
  readonly overflows: number;
  /** Readings for sensors that are not registered. */
  readonly unknownSensor: number;
  /** Readings whose pipeline call failed for another reason (logged). */
  readonly failed: number;
  /** Readings waiting for or inside the pipeline now. */
  readonly buffered: number;
  /** Times publishing was paused because `maxBuffered` readings were waiting. */
  readonly pauses: number;
  readonly connected: boolean;
  /** Connections re-established by node-opcua's connection strategy after a loss. */
  readonly reconnections: number;
}

export interface OpcuaIngestion {
  /** Resolves once the session and the subscription with all monitored items exist (rejects if that failed). */
  ready(): Promise<void>;
  stats(): OpcuaIngestionStats;
  /** Terminates the subscription, closes the session, disconnects and waits for readings still in the pipeline. */
  stop(): Promise<void>;
}

export type OpcuaIngestionOptions = Pick<OpcuaConfig, 'endpoint' | 'sensors'> &
  Partial<Omit<OpcuaConfig, 'endpoint' | 'sensors' | 'pkiDir'>> & {
    readonly service: ScentService;
    readonly log: Logger;
    /** Folder of the client's certificate store (created when missing). */
    readonly pkiDir: string;
    readonly applicationName?: string;
  };

type Target =
  | { readonly kind: 'array'; readonly binding: OpcuaSensorBinding }
  | { readonly kind: 'channel'; readonly binding: OpcuaSensorBinding; readonly channel: number }
  | { readonly kind: 'batch'; readonly binding: OpcuaSensorBinding };

interface ChannelState {
  readonly values: number[];
  /** Source time of each channel's latest value. */
  readonly times: number[];
  /** Time of the last reading assembled from the channels. */
  lastMs: number;
}

function toNumbers(value: unknown): number[] {
  if (typeof value === 'number' || typeof value === 'bigint') return [Number(value)];
  if (ArrayBuffer.isView(value) && !(value instanceof DataView))
    return Array.from(value as unknown as ArrayLike<number>, Number);
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'number' || typeof v === 'bigint' ? Number(v) : NaN));
  return [];
}

function sameValues(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

/**
 * Feeds OPC UA data changes into the same pipeline as REST and MQTT (validate → calibrate → store → score → alert).
 * One subscription holds a monitored item per configured node: the channel-array node of a sensor (or one node per
 * channel, assembled into one reading once every channel has a newer value) and an optional batch node whose String value becomes the
 * reading's `batch_id`. The source timestamp is the reading time. Data changes are queued per sensor and stored in
 * multi-row inserts of up to `insertChunk` readings, one pipeline call per sensor at a time; when `maxBuffered`
 * readings are waiting, publishing is paused (the server keeps sampling into its monitored-item queues) until half
 * of them are stored. Connection loss is repaired by node-opcua's connection strategy (session and subscription are
 * restored or recreated); the current value it sends again on resubscription is skipped as a duplicate.
 *
 * @example
 * const opcua = await startOpcuaIngestion({
 *   endpoint: 'opc.tcp://plc-1:4840',
 *   sensors: [{ sensorId: 'enose-process', nodeId: 'ns=2;s=Line1.ENose.Channels', batchNodeId: 'ns=2;s=Line1.Batch' }],
 *   samplingIntervalMs: 500,
 *   service: scentServiceFor(ctx),
 *   log: ctx.log,
 *   pkiDir: join(ctx.config.dataDir, 'opcua-pki'),
 * });
 * await opcua.ready();
 */
export async function startOpcuaIngestion(options: OpcuaIngestionOptions): Promise<OpcuaIngestion> {
  const opcua = await import('node-opcua');
  const { service } = options;
  const log = options.log.child({ component: 'scent-opcua', endpoint: options.endpoint });
  const samplingInterval = options.samplingIntervalMs ?? 1000;
  const publishingInterval = options.publishingIntervalMs ?? Math.max(samplingInterval, 50);
  const maxBuffered = options.maxBuffered ?? 10_000;
  const chunk = options.insertChunk ?? 500;
  const counts = {
    notifications: 0,
    stored: 0,
    rejected: 0,
    duplicates: 0,
    badStatus: 0,
    overflows: 0,
    unknownSensor: 0,
    failed: 0,
    buffered: 0,
    pauses: 0,
    reconnections: 0,
  };
  let connected = false;
  let stopped = false;
  let paused = false;

  const targets: Target[] = [];
  const items: ReadValueIdOptions[] = [];
  const channelStates = new Map<string, ChannelState>();
  // batch nodes first: a server reports the changes of one publish cycle in item order, so a reading sees the batch
  // that was set with it
  for (const binding of options.sensors) {
    if (binding.batchNodeId === undefined) continue;
    targets.push({ kind: 'batch', binding });
    items.push({ nodeId: binding.batchNodeId, attributeId: opcua.AttributeIds.Value });
  }
  for (const binding of options.sensors) {
    if (binding.nodeId !== undefined) {
      targets.push({ kind: 'array', binding });
      items.push({ nodeId: binding.nodeId, attributeId: opcua.AttributeIds.Value });
      continue;
    }
    const nodes = binding.channelNodeIds ?? [];
    channelStates.set(binding.sensorId, {
      values: nodes.map(() => Number.NaN),
      times: nodes.map(() => Number.NEGATIVE_INFINITY),
      lastMs: Number.NEGATIVE_INFINITY,
    });
    nodes.forEach((nodeId, channel) => {
      targets.push({ kind: 'channel', binding, channel });
      items.push({ nodeId, attributeId: opcua.AttributeIds.Value });
    });
  }

  const queues = new Map<string, ParsedReading[]>();
  const batchOf = new Map<string, string | null>();
  const lastQueued = new Map<string, { timestampMs: number; values: number[] }>();
  const pumping = new Map<string, Promise<void>>();
  let subscription: ClientSubscription | undefined;
  let session: ClientSession | undefined;

  const setPublishing = (enabled: boolean) => {
    if (!subscription || paused === !enabled) return;
    paused = !enabled;
    if (!enabled) counts.pauses += 1;
    log[enabled ? 'info' : 'warn'](
      { buffered: counts.buffered, maxBuffered },
      enabled ? 'OPC UA publishing resumed' : 'OPC UA publishing paused: the pipeline is behind',
    );
    subscription.setPublishingMode(enabled).catch((error: Error) => {
      log.warn({ err: error.message }, 'OPC UA setPublishingMode failed');
    });
  };

  const pump = (sensorId: string): void => {
    if (pumping.has(sensorId)) return;
    const run = (async () => {
      const queue = queues.get(sensorId)!;
      while (queue.length > 0) {
        const part = queue.splice(0, chunk);
        try {
          const result = await service.ingest(sensorId, part);
          counts.stored += result.accepted;
          counts.rejected += result.rejected;
          if (result.rejected > 0) {
            const first = result.results.find((r) => r.status === 'rejected');
            log.warn({ sensorId, rejected: result.rejected, first: first?.errors }, 'OPC UA readings rejected');
          }
        } catch (error) {
          if (error instanceof AppError && error.code === 'SCENT_UNKNOWN_SENSOR') {
            counts.unknownSensor += part.length;
            log.warn({ sensorId }, 'OPC UA readings for an unknown sensor; rejected');
          } else {
            counts.failed += part.length;
            log.error({ sensorId, err: error }, 'OPC UA readings could not be stored');
          }
        } finally {
          counts.buffered -= part.length;
        }
        if (paused && counts.buffered <= maxBuffered / 2) setPublishing(true);
      }
    })().finally(() => pumping.delete(sensorId));
    pumping.set(sensorId, run);
  };

  const enqueue = (binding: OpcuaSensorBinding, timestampMs: number, values: number[]): void => {
    const last = lastQueued.get(binding.sensorId);
    if (last && last.timestampMs === timestampMs && sameValues(last.values, values)) {
      counts.duplicates += 1;
      return;
    }
    lastQueued.set(binding.sensorId, { timestampMs, values });
    const batchId = batchOf.get(binding.sensorId);
    let queue = queues.get(binding.sensorId);
    if (!queue) {
      queue = [];
      queues.set(binding.sensorId, queue);
    }
    queue.push({ timestamp: timestampMs, values, ...(batchId ? { metadata: { batch_id: batchId } } : {}) });
    counts.buffered += 1;
    if (counts.buffered >= maxBuffered) setPublishing(false);
  };

  let pumpScheduled = false;
  const pumpAll = () => {
    pumpScheduled = false;
    for (const sensorId of queues.keys()) pump(sensorId);
  };

  const onChange = (target: Target, dataValue: DataValue): void => {
    counts.notifications += 1;
    if (stopped) return;
    const sensorId = target.binding.sensorId;
    if (target.kind === 'batch') {
      const v = dataValue.statusCode.isGood() ? dataValue.value.value : null;
      batchOf.set(sensorId, typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
      return;
    }
    if (!dataValue.statusCode.isGood()) {
      counts.badStatus += 1;
      log.warn({ sensorId, status: dataValue.statusCode.name }, 'OPC UA value with a non-Good status; not used');
      return;
    }
    if (dataValue.statusCode.hasOverflowBit) counts.overflows += 1;
    const timestampMs = (dataValue.sourceTimestamp ?? dataValue.serverTimestamp ?? new Date()).getTime();
    if (target.kind === 'array') {
      enqueue(target.binding, timestampMs, toNumbers(dataValue.value.value));
    } else {
      // one reading once every channel has a value newer than the previous reading (a scan may span publishes)
      const state = channelStates.get(sensorId)!;
      state.values[target.channel] = toNumbers(dataValue.value.value)[0] ?? Number.NaN;
      state.times[target.channel] = timestampMs;
      if (state.times.some((t) => t <= state.lastMs)) return;
      state.lastMs = Math.max(...state.times);
      enqueue(target.binding, state.lastMs, [...state.values]);
    }
    if (!pumpScheduled) {
      pumpScheduled = true;
      setImmediate(pumpAll);
    }
  };

  const certificateManager = new opcua.OPCUACertificateManager({
    rootFolder: options.pkiDir,
    automaticallyAcceptUnknownCertificate: options.acceptUnknownServerCertificate ?? false,
  });
  const client: OPCUAClient = opcua.OPCUAClient.create({
    applicationName: options.applicationName ?? 'quintessence-scent',
    endpointMustExist: false,
    keepSessionAlive: true,
    securityMode: opcua.MessageSecurityMode[options.securityMode ?? 'None'],
    securityPolicy: opcua.SecurityPolicy[options.securityPolicy ?? 'None'],
    clientCertificateManager: certificateManager,
    connectionStrategy: {
      initialDelay: options.reconnectInitialDelayMs ?? 1000,
      maxDelay: options.reconnectMaxDelayMs ?? 30_000,
      maxRetry: -1,
    },
  });
  client.on('connection_lost', () => {
    connected = false;
    if (!stopped) log.warn({}, 'OPC UA connection lost; reconnecting');
  });
  client.on('connection_reestablished', () => {
    connected = true;
    counts.reconnections += 1;
    log.info({}, 'OPC UA connection re-established');
  });
  client.on('backoff', (retry: number, delayMs: number) => {
    log.debug({ retry, delayMs }, 'OPC UA connection attempt failed; retrying');
  });

  const connectAndSubscribe = async (): Promise<void> => {
    await client.connect(options.endpoint);
    connected = true;
    if (stopped) return;
    session = await client.createSession(
      options.username !== undefined
        ? { type: opcua.UserTokenType.UserName, userName: options.username, password: options.password ?? '' }
        : { type: opcua.UserTokenType.Anonymous },
    );
    if (stopped) return;
    subscription = await session.createSubscription2({
      requestedPublishingInterval: publishingInterval,
      requestedLifetimeCount: 1000,
      requestedMaxKeepAliveCount: 20,
      maxNotificationsPerPublish: chunk,
      publishingEnabled: true,
      priority: 10,
    });
    const group = await subscription.monitorItems(
      items,
      { samplingInterval, discardOldest: true, queueSize: options.queueSize ?? 100 },
      opcua.TimestampsToReturn.Both,
    );
    group.monitoredItems.forEach((item: ClientMonitoredItemBase, i: number) => {
      if (item.statusCode.isNotGood()) {
        log.error(
          {
            sensorId: targets[i]!.binding.sensorId,
            nodeId: items[i]!.nodeId?.toString(),
            status: item.statusCode.name,
          },
          'OPC UA node cannot be monitored',
        );
      }
    });
    group.on('changed', (_item: ClientMonitoredItemBase, dataValue: DataValue, index: number) => {
      const target = targets[index];
      if (target) onChange(target, dataValue);
    });
    log.info({ items: items.length, samplingInterval, publishingInterval }, 'OPC UA subscription active');
  };

  const started = connectAndSubscribe();
  started.catch((error: Error) => {
    if (!stopped) log.error({ err: error.message }, 'OPC UA ingestion could not start');
  });

  return {
    ready: () => started,
    stats: () => ({ ...counts, connected }),
    async stop() {
      stopped = true;
      await subscription?.terminate().catch(() => undefined);
      await session?.close().catch(() => undefined);
      await client.disconnect().catch(() => undefined);
      await started.catch(() => undefined);
      connected = false;
      while (pumping.size > 0) await Promise.allSettled([...pumping.values()]);
    },
  };
}
