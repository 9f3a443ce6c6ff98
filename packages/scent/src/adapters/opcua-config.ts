import { AppError } from '@quintessence/platform';
import { z } from 'zod';

const nodeId = z.string().min(1).max(500);

/** Where one sensor's readings live in the OPC UA address space. */
export const opcuaSensorBindingSchema = z
  .object({
    /** Registered sensor the readings belong to. */
    sensorId: z.string().min(1).max(100),
    /** One node holding the whole channel array (numeric array, e.g. `ns=2;s=Line1.ENose1.Channels`). */
    nodeId: nodeId.optional(),
    /** Or one numeric node per channel, in channel order. */
    channelNodeIds: z.array(nodeId).min(1).max(1024).optional(),
    /** Optional String node with the batch now running; its value becomes `metadata.batch_id` of each reading. */
    batchNodeId: nodeId.optional(),
  })
  .refine((b) => (b.nodeId === undefined) !== (b.channelNodeIds === undefined), {
    message: 'give either nodeId (channel array) or channelNodeIds (one node per channel)',
  });
export type OpcuaSensorBinding = z.infer<typeof opcuaSensorBindingSchema>;

/**
 * `modules.scent.opcua`: OPC UA client subscriptions feeding the readings pipeline. Set in YAML or through the generic
 * environment mechanism (`QX__MODULES__SCENT__OPCUA__ENDPOINT=opc.tcp://plc:4840`,
 * `QX__MODULES__SCENT__OPCUA__SENSORS='[{"sensorId":"enose-1","nodeId":"ns=2;s=Line1.ENose1"}]'`).
 */
export const opcuaConfigSchema = z.object({
  /** Server endpoint, `opc.tcp://host:port[/path]`. */
  endpoint: z.string().regex(/^opc\.tcp:\/\/[^\s]+$/, 'must be an opc.tcp:// URL'),
  sensors: z.array(opcuaSensorBindingSchema).min(1).max(1000),
  /** Sampling interval the server is asked for per monitored item (ms; 0 = as fast as the source changes). */
  samplingIntervalMs: z.number().min(0).max(3_600_000).default(1000),
  /** Publishing interval of the subscription (ms; default the sampling interval, at least 50). */
  publishingIntervalMs: z.number().min(10).max(3_600_000).optional(),
  /** Server-side queue per monitored item (oldest discarded when full, flagged as overflow). */
  queueSize: z.number().int().min(1).max(10_000).default(100),
  /** Readings held client-side for the pipeline; above it publishing pauses until half of it is stored. */
  maxBuffered: z.number().int().min(1).max(1_000_000).default(10_000),
  /** Readings per pipeline call (one multi-row insert). */
  insertChunk: z.number().int().min(1).max(1000).default(500),
  securityMode: z.enum(['None', 'Sign', 'SignAndEncrypt']).default('None'),
  securityPolicy: z.enum(['None', 'Basic256Sha256', 'Aes128_Sha256_RsaOaep', 'Aes256_Sha256_RsaPss']).default('None'),
  /** User identity; anonymous when absent. */
  username: z.string().min(1).optional(),
  password: z.string().min(1).optional(),
  /** Client certificate store (default `<dataDir>/opcua-pki`). Trust the client certificate on the server. */
  pkiDir: z.string().min(1).optional(),
  /** Accept server certificates not yet in the trusted store (testing only). */
  acceptUnknownServerCertificate: z.boolean().default(false),
  /** Reconnect back-off of node-opcua's connection strategy (retries forever). */
  reconnectInitialDelayMs: z.number().int().min(10).default(1000),
  reconnectMaxDelayMs: z.number().int().min(10).default(30_000),
});
export type OpcuaConfig = z.infer<typeof opcuaConfigSchema>;
export type OpcuaConfigInput = z.input<typeof opcuaConfigSchema>;

/** Validates `modules.scent.opcua`; undefined when the section is absent (OPC UA ingestion off). */
export function parseOpcuaConfig(scentSection: unknown): OpcuaConfig | undefined {
  const section = (scentSection as { opcua?: unknown } | undefined)?.opcua;
  if (section === undefined || section === null) return undefined;
  const r = opcuaConfigSchema.safeParse(section);
  if (!r.success) {
    throw new AppError(
      'CONFIG_INVALID',
      `Invalid configuration modules.scent.opcua: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  }
  return r.data;
}
