import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PlatformRoutesOptions } from '../auth/auth-routes.js';
import { signatureMeanings } from '../ports.js';
import type { AuditFilter } from './audit-trail.js';

const filterQuerySchema = z.object({
  actor: z.string().min(1).max(200).optional(),
  action: z.string().min(1).max(200).optional().describe('exact action, or a prefix ending in * (auth.login.*)'),
  resource: z.string().min(1).max(500).optional().describe('exact resource, or a prefix ending in *'),
  from: z.iso.datetime({ offset: true }).optional().describe('inclusive lower bound (UTC ISO-8601)'),
  to: z.iso.datetime({ offset: true }).optional().describe('exclusive upper bound (UTC ISO-8601)'),
});

const eventsQuerySchema = filterQuerySchema.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  order: z.enum(['asc', 'desc']).default('desc'),
});

const exportQuerySchema = filterQuerySchema.extend({ format: z.enum(['jsonl', 'csv']).default('jsonl') });

const auditEventSchema = z.object({
  seq: z.number().int(),
  occurredAt: z.string(),
  actor: z.string(),
  action: z.string(),
  resource: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
  reason: z.string().optional(),
  requestId: z.string().optional(),
  clientAddress: z.string().optional(),
  prevHash: z.string(),
  hash: z.string(),
  signature: z.string(),
});

const verificationSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBadSeq: z.number().int().optional(),
  kind: z
    .enum(['sequence_gap', 'chain_broken', 'hash_mismatch', 'signature_invalid', 'truncated', 'anchor_mismatch'])
    .optional(),
  problem: z.string().optional(),
  headSeq: z.number().int().optional(),
  headHash: z.string().optional(),
});

const signatureSchema = z.object({
  id: z.string(),
  recordType: z.string(),
  recordId: z.string(),
  recordHash: z.string(),
  signerId: z.string(),
  signerUsername: z.string(),
  signerFullName: z.string(),
  meaning: z.enum(signatureMeanings),
  reason: z.string().optional(),
  signedAt: z.string(),
  auditSeq: z.number().int(),
});

function toFilter(q: z.infer<typeof filterQuerySchema>): AuditFilter {
  return {
    ...(q.actor ? { actor: q.actor } : {}),
    ...(q.action ? { action: q.action } : {}),
    ...(q.resource ? { resource: q.resource } : {}),
    ...(q.from ? { from: new Date(q.from) } : {}),
    ...(q.to ? { to: new Date(q.to) } : {}),
  };
}

/**
 * Audit trail and e-signature routes: `GET /audit/events` (filters, pagination), `GET /audit/verify` (walks the hash
 * chain, names the first bad sequence number), `GET /audit/export?format=jsonl|csv` (streamed),
 * `GET /esign/signatures?record_type=&record_id=`. Register at the root.
 *
 * @example
 * await app.register(auditRoutes, { auth, audit, esign });
 */
export const auditRoutes: FastifyPluginAsync<PlatformRoutesOptions> = async (fastify, options) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { audit, esign } = options;

  app.get(
    '/audit/events',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: 'Audit events, newest first by default, filtered by actor, action, resource and time',
        querystring: eventsQuerySchema,
        response: {
          200: z.object({
            items: z.array(auditEventSchema),
            total: z.number().int(),
            limit: z.number().int(),
            offset: z.number().int(),
          }),
        },
      },
    },
    async (request) => {
      const { limit, offset, order, ...filter } = request.query;
      return audit.list(toFilter(filter), { limit, offset, order });
    },
  );

  app.get(
    '/audit/verify',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: 'Verify the hash chain and signatures; names the first edited, deleted, inserted or reordered event',
        description:
          'Give anchor_seq and anchor_hash (headSeq/headHash of an earlier run, kept outside the database) to also ' +
          'detect deleted newest events or a rewritten chain.',
        querystring: z
          .object({
            anchor_seq: z.coerce.number().int().min(1).optional(),
            anchor_hash: z
              .string()
              .regex(/^[0-9a-f]{64}$/)
              .optional(),
          })
          .refine((q) => (q.anchor_seq === undefined) === (q.anchor_hash === undefined), {
            message: 'give anchor_seq and anchor_hash together',
          }),
        response: { 200: verificationSchema },
      },
    },
    async (request) => {
      const { anchor_seq: seq, anchor_hash: hash } = request.query;
      return audit.verify(seq !== undefined && hash !== undefined ? { anchor: { seq, hash } } : {});
    },
  );

  app.get(
    '/audit/export',
    {
      config: { permission: 'audit:export' },
      schema: {
        tags: ['audit'],
        summary: 'Export audit events in sequence order as JSON Lines or CSV (streamed)',
        querystring: exportQuerySchema,
      },
    },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      const csv = format === 'csv';
      reply
        .type(csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-events.${csv ? 'csv' : 'jsonl'}"`);
      return reply.send(Readable.from(csv ? audit.exportCsv(toFilter(filter)) : audit.exportJsonl(toFilter(filter))));
    },
  );

  app.get(
    '/esign/signatures',
    {
      config: { permission: 'esign:read' },
      schema: {
        tags: ['esign'],
        summary: 'Electronic signatures of a record',
        querystring: z.object({ record_type: z.string().min(1).max(100), record_id: z.string().min(1).max(200) }),
        response: { 200: z.object({ items: z.array(signatureSchema) }) },
      },
    },
    async (request) => ({ items: await esign.listFor(request.query.record_type, request.query.record_id) }),
  );
};
