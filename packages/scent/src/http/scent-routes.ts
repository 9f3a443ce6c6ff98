import { AppError, type ModuleContext, type RequestContext } from '@quintessence/platform';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { scentServiceFor } from '../service/scent-service-registry.js';
import {
  analyzeBodySchema,
  calibrationInputSchema,
  compareBodySchema,
  ingestResultSchema,
  openBatchBodySchema,
  readingResultSchema,
  readingsBodySchema,
  releaseBodySchema,
  scentIdSchema,
  sensorInputSchema,
  trainBodySchema,
  updateModelBodySchema,
} from '../service/schemas.js';

const scoreSchema = readingResultSchema.shape.score.unwrap();
/** A documented-by-summary JSON object (the service's view types). */
const objectSchema: z.ZodType<object> = z.looseObject({});
const sensorParams = z.object({ id: scentIdSchema });
const batchParams = z.object({ batch_id: scentIdSchema });
const modelParams = z.object({ model_id: z.string().min(1).max(100) });

function actorOf(request: FastifyRequest): RequestContext {
  if (!request.principal) throw new AppError('UNAUTHENTICATED', 'Authentication required');
  return { principal: request.principal, requestId: request.id, clientAddress: request.ip };
}

/**
 * Scent QC routes (mounted under `/v1`): sensors and readings (single or batch), quality analysis, batch
 * assess/status/release (qa_approver e-signature), fingerprint training, comparison and listing. Every route names
 * its permission; handlers parse, call one service function and return.
 */
export const scentRoutes: FastifyPluginAsync<{ ctx: ModuleContext }> = async (fastify, options) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const scent = scentServiceFor(options.ctx);

  app.get(
    '/sensors',
    {
      config: { permission: 'scent:read' },
      schema: {
        tags: ['scent'],
        summary: 'List sensors with calibration state',
        response: { 200: z.array(objectSchema) },
      },
    },
    async () => scent.listSensors(),
  );

  app.post(
    '/sensors',
    {
      config: { permission: 'scent:sensors:manage' },
      schema: {
        tags: ['scent'],
        summary: 'Register or update a sensor',
        body: sensorInputSchema,
        response: { 201: objectSchema },
      },
    },
    async (request, reply) => {
      const sensor = await scent.upsertSensor(request.body);
      reply.code(201);
      return sensor;
    },
  );

  app.get(
    '/sensors/:id',
    {
      config: { permission: 'scent:read' },
      schema: { tags: ['scent'], summary: 'One sensor', params: sensorParams, response: { 200: objectSchema } },
    },
    async (request) => scent.getSensor(request.params.id),
  );

  app.post(
    '/sensors/:id/calibration',
    {
      config: { permission: 'scent:sensors:manage' },
      schema: {
        tags: ['scent'],
        summary: 'Set the per-channel calibration (raw − offset)·scale, valid 30 days',
        params: sensorParams,
        body: calibrationInputSchema,
        response: { 200: objectSchema },
      },
    },
    async (request) => scent.calibrate(request.params.id, request.body, actorOf(request).principal.name),
  );

  app.post(
    '/sensors/:id/readings',
    {
      config: { permission: 'scent:ingest' },
      schema: {
        tags: ['scent'],
        summary:
          'Ingest one reading or {readings: [...]}; bad readings are rejected (422 with per-reading results), the rest stored',
        params: sensorParams,
        body: readingsBodySchema,
        response: { 201: ingestResultSchema },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const readings = 'readings' in body ? body.readings : [body];
      const result = await scent.ingest(request.params.id, readings);
      if (result.rejected > 0) {
        const reasons = result.results
          .filter((r) => r.status === 'rejected')
          .slice(0, 3)
          .map((r) => `#${r.index}: ${r.errors.join('; ')}`);
        throw new AppError(
          'SCENT_BAD_READINGS',
          `${result.rejected} of ${result.received} readings rejected (${reasons.join(' | ')}); ${result.accepted} stored`,
          { details: result },
        );
      }
      reply.code(201);
      return result;
    },
  );

  app.post(
    '/quality/analyze',
    {
      config: { permission: 'scent:analyze' },
      schema: {
        tags: ['scent'],
        summary: "Score one vector against the product's newest fingerprint for the sensor (not stored)",
        body: analyzeBodySchema,
        response: { 200: scoreSchema },
      },
    },
    async (request) =>
      scent.analyze({
        productId: request.body.product_id,
        sensorId: request.body.sensor_id,
        values: request.body.values,
        calibrated: request.body.calibrated,
      }),
  );

  app.post(
    '/quality/batches',
    {
      config: { permission: 'scent:ingest' },
      schema: { tags: ['scent'], summary: 'Open a batch', body: openBatchBodySchema, response: { 201: objectSchema } },
    },
    async (request, reply) => {
      const b = request.body;
      const batch = await scent.openBatch({ id: b.id, productId: b.product_id, lineId: b.line_id }, actorOf(request));
      reply.code(201);
      return batch;
    },
  );

  app.post(
    '/quality/batch/:batch_id/assess',
    {
      config: { permission: 'scent:batch:assess' },
      schema: {
        tags: ['scent'],
        summary: 'Assess a batch: quality = 1 − anomaly rate, decision and risk by the seed rules',
        params: batchParams,
        response: { 200: objectSchema },
      },
    },
    async (request) => scent.assessBatch(request.params.batch_id, actorOf(request)),
  );

  app.get(
    '/quality/batch/:batch_id/status',
    {
      config: { permission: 'scent:read' },
      schema: {
        tags: ['scent'],
        summary: 'Batch, counts, signatures and alerts',
        params: batchParams,
        response: { 200: objectSchema },
      },
    },
    async (request) => scent.batchStatus(request.params.batch_id),
  );

  app.post(
    '/quality/batch/:batch_id/release',
    {
      config: { permission: 'scent:batch:release' },
      schema: {
        tags: ['scent'],
        summary:
          'Release (meaning "released") or reject (reason required) with the e-signature of the calling qa_approver',
        params: batchParams,
        body: releaseBodySchema,
        response: { 200: objectSchema },
      },
    },
    async (request) => scent.decideBatch(request.params.batch_id, request.body, actorOf(request)),
  );

  app.post(
    '/analytics/fingerprints',
    {
      config: { permission: 'scent:fingerprint:train' },
      schema: {
        tags: ['scent'],
        summary: "Train a golden-batch fingerprint from good batches' stored readings (new version)",
        body: trainBodySchema,
        response: { 201: objectSchema },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const model = await scent.trainFingerprint(
        {
          productId: b.product_id,
          sensorId: b.sensor_id,
          batchIds: b.batch_ids,
          alpha: b.alpha,
          varianceTarget: b.variance_target,
          ...(b.components ? { components: b.components } : {}),
        },
        actorOf(request),
      );
      reply.code(201);
      return model;
    },
  );

  app.post(
    '/analytics/fingerprints/:model_id/compare',
    {
      config: { permission: 'scent:analyze' },
      schema: {
        tags: ['scent'],
        summary: 'Score calibrated samples against a fingerprint: T², SPE, limits, 0-1 similarity, suspect channels',
        params: modelParams,
        body: compareBodySchema,
        response: { 200: z.object({ model_id: z.string(), results: z.array(scoreSchema) }) },
      },
    },
    async (request) => ({
      model_id: request.params.model_id,
      results: await scent.compareFingerprint(request.params.model_id, request.body.samples),
    }),
  );

  app.get(
    '/analytics/fingerprints',
    {
      config: { permission: 'scent:read' },
      schema: {
        tags: ['scent'],
        summary: 'List fingerprint models',
        querystring: z.object({ product_id: scentIdSchema.optional() }),
        response: { 200: z.array(objectSchema) },
      },
    },
    async (request) => scent.listFingerprints(request.query.product_id),
  );

  app.post(
    '/analytics/fingerprints/:model_id/update',
    {
      config: { permission: 'scent:fingerprint:train' },
      schema: {
        tags: ['scent'],
        summary:
          "Adaptive update of the newest fingerprint version from a released batch's in-control readings (new version; 409 SCENT_MODEL_UPDATE_REFUSED when a guard refuses)",
        params: modelParams,
        body: updateModelBodySchema,
        response: { 201: objectSchema },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const result = await scent.updateFingerprint(
        request.params.model_id,
        b.batch_id,
        {
          maxAnomalyRate: b.max_anomaly_rate,
          maxStepShift: b.max_step_shift,
          maxCumulativeShift: b.max_cumulative_shift,
          ...(b.window ? { window: b.window } : {}),
        },
        actorOf(request),
      );
      if (!result.updated) {
        throw new AppError('SCENT_MODEL_UPDATE_REFUSED', `Fingerprint not updated: ${result.message}`, {
          details: result,
        });
      }
      reply.code(201);
      return result;
    },
  );
};
