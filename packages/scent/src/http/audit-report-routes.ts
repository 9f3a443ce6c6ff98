import { AppError, type ModuleContext } from '@quintessence/platform';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createComplianceReporter, parseAuditAnchor } from '../service/compliance-report.js';
import { renderComplianceReportHtml } from '../service/compliance-report-html.js';
import { scentIdSchema } from '../service/schemas.js';

const time = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .describe('UTC ISO-8601 time (2026-11-01T00:00:00Z) or date (2026-11-01, midnight UTC)');

/** `POST /audit/reports` body. */
export const complianceReportBodySchema = z
  .object({
    from: time.describe('start of the period (inclusive)'),
    to: time.describe('end of the period (exclusive)'),
    line_id: scentIdSchema.optional(),
    product_id: scentIdSchema.optional(),
    anchor: z
      .string()
      .regex(/^\d+:[0-9a-f]{64}$/, 'headSeq:headHash of an earlier verification')
      .optional()
      .describe('headSeq:headHash of an earlier report: also detects deleted newest events'),
    format: z.enum(['json', 'html']).default('json'),
  })
  .strict();

/**
 * `POST /audit/reports` (mounted under `/v1`): the compliance report of a period as JSON or as one printable,
 * self-contained HTML page: batches, assessments and decisions, e-signatures, anomalies and alerts, scent audit
 * events and the verification of the whole audit chain. Needs `scent:report`.
 */
export const auditReportRoutes: FastifyPluginAsync<{ ctx: ModuleContext }> = async (fastify, options) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const reporter = createComplianceReporter(options.ctx);

  app.post(
    '/audit/reports',
    {
      config: { permission: 'scent:report' },
      schema: {
        tags: ['scent'],
        summary:
          'Compliance report of a period (JSON or printable HTML): batches, decisions, signatures, alerts, audit verification',
        body: complianceReportBodySchema,
        produces: ['application/json', 'text/html'],
      },
    },
    async (request, reply) => {
      const b = request.body;
      if (!request.principal) throw new AppError('UNAUTHORIZED', 'Authentication required');
      const report = await reporter.build(
        {
          from: new Date(b.from),
          to: new Date(b.to),
          ...(b.line_id ? { lineId: b.line_id } : {}),
          ...(b.product_id ? { productId: b.product_id } : {}),
          ...(b.anchor ? { anchor: parseAuditAnchor(b.anchor) } : {}),
        },
        request.principal.name,
      );
      if (b.format === 'html') return reply.type('text/html; charset=utf-8').send(renderComplianceReportHtml(report));
      return reply.type('application/json; charset=utf-8').send(report);
    },
  );
};
