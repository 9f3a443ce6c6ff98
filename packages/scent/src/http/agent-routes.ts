import { AppError, type ModuleContext, type RequestContext } from '@quintessence/platform';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { environmentParameters } from '../domain/agents/process-agent.js';
import { agentCoordinatorFor } from '../service/agent-coordinator.js';
import { scentIdSchema } from '../service/schemas.js';

const agentReportSchema = z
  .object({
    agent_id: z.string().min(1).max(100),
    anomaly_detected: z.boolean(),
    confidence: z.number().min(0).max(1),
    findings: z.array(z.string().max(2000)).max(100).readonly(),
    recommended_action: z.string().max(2000),
  })
  .strict();
const consensusSchema = z.object({
  decision: z.enum(['approve', 'reject', 'undecided']),
  agreement: z.number(),
  votes: z
    .array(z.object({ agent_id: z.string(), vote: z.enum(['approve', 'reject', 'abstain']), weight: z.number() }))
    .readonly(),
});
const abstainBelow = z
  .number()
  .min(0)
  .max(1)
  .optional()
  .describe('agents less confident than this abstain (default 0.3)');
const agentParams = z.object({ id: z.string().min(1).max(100) });
const objectSchema: z.ZodType<object> = z.looseObject({});

const channelValue = z.number().describe('raw channel value (JSON has no NaN; non-numbers are refused)');
const analyzeBodySchema = z
  .object({
    batch_id: scentIdSchema.optional().describe('analyse the stored readings of this batch'),
    sensor_id: scentIdSchema.optional(),
    product_id: scentIdSchema.optional(),
    readings: z
      .array(
        z.object({
          timestamp: z.union([z.string().max(64), z.number()]).describe('UTC ISO-8601 time or epoch milliseconds'),
          values: z.array(channelValue).min(1).max(1024),
        }),
      )
      .min(1)
      .max(5000)
      .optional(),
    environment: z
      .object(Object.fromEntries(environmentParameters.map((p) => [p, z.array(z.number()).max(100_000).optional()])))
      .strict()
      .optional()
      .describe('environment values per parameter for the process agent'),
    abstain_below: abstainBelow,
  })
  .strict()
  .refine((b) => b.batch_id !== undefined || (b.sensor_id !== undefined) === (b.readings !== undefined), {
    message: 'give a batch_id, or a sensor_id together with readings',
  })
  .refine((b) => b.batch_id !== undefined || b.readings !== undefined || b.environment !== undefined, {
    message: 'nothing to analyse: give a batch_id, a sensor_id with readings, or environment values',
  });

const coordinationResultSchema = z.object({
  analysis_id: z.string(),
  created_at: z.string(),
  subject: z.object({
    batch_id: z.string().nullable(),
    product_id: z.string().nullable(),
    sensors: z.array(z.string()).readonly(),
    readings: z.number().int(),
  }),
  reports: z.array(agentReportSchema),
  consensus: consensusSchema,
  narrative: z.object({ text: z.string(), source: z.enum(['llm', 'template']), note: z.string().nullable() }),
  skipped_agents: z.array(z.string()),
});

function actorOf(request: FastifyRequest): RequestContext {
  if (!request.principal) throw new AppError('UNAUTHENTICATED', 'Authentication required');
  return { principal: request.principal, requestId: request.id, clientAddress: request.ip };
}

/**
 * The QC agents under `/v1`: list, status and configuration of the four agents, coordinated analysis of a batch or
 * of posted readings (reports, consensus, narrative), and consensus of given reports.
 */
export const agentRoutes: FastifyPluginAsync<{ ctx: ModuleContext }> = async (fastify, options) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const agents = agentCoordinatorFor(options.ctx);

  app.get(
    '/agents',
    {
      config: { permission: 'scent:read' },
      schema: {
        tags: ['scent'],
        summary: 'The QC agents with their configuration',
        response: { 200: z.array(objectSchema) },
      },
    },
    async () => agents.listAgents(),
  );

  app.get(
    '/agents/:id/status',
    {
      config: { permission: 'scent:read' },
      schema: {
        tags: ['scent'],
        summary: "An agent's configuration, run and anomaly counts, and its last report",
        params: agentParams,
        response: { 200: objectSchema },
      },
    },
    async (request) => agents.status(request.params.id),
  );

  app.put(
    '/agents/:id/config',
    {
      config: { permission: 'scent:agents:configure' },
      schema: {
        tags: ['scent'],
        summary: 'Enable/disable an agent or change its settings (merged onto the current ones; audited)',
        params: agentParams,
        body: z
          .object({
            enabled: z.boolean().optional(),
            settings: z.record(z.string().max(100), z.unknown()).optional(),
          })
          .strict()
          .refine((b) => b.enabled !== undefined || b.settings !== undefined, 'give enabled and/or settings'),
        response: { 200: objectSchema },
      },
    },
    async (request) =>
      agents.configure(
        request.params.id,
        {
          ...(request.body.enabled === undefined ? {} : { enabled: request.body.enabled }),
          ...(request.body.settings === undefined ? {} : { settings: request.body.settings }),
        },
        actorOf(request),
      ),
  );

  app.post(
    '/coordination/analyze',
    {
      config: { permission: 'scent:analyze' },
      schema: {
        tags: ['scent'],
        summary:
          'Run the enabled agents on a batch or on posted readings: reports, confidence-weighted consensus and a root-cause narrative',
        body: analyzeBodySchema,
        response: { 200: coordinationResultSchema },
      },
    },
    async (request) => agents.analyze(request.body, actorOf(request)),
  );

  app.post(
    '/coordination/consensus',
    {
      config: { permission: 'scent:analyze' },
      schema: {
        tags: ['scent'],
        summary: 'Confidence-weighted vote of given agent reports, with the deterministic narrative',
        body: z.object({ reports: z.array(agentReportSchema).min(1).max(100), abstain_below: abstainBelow }).strict(),
        response: { 200: z.object({ consensus: consensusSchema, narrative: z.string() }) },
      },
    },
    async (request) =>
      agents.consensus(
        request.body.reports,
        request.body.abstain_below === undefined ? {} : { abstain_below: request.body.abstain_below },
      ),
  );
};
