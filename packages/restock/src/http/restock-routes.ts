import {
  AppError,
  type ModuleContext,
  type RequestContext,
  registerErrorCodes,
  registerPermissions,
} from '@quintessence/platform';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { restockErrorCodes } from '../errors.js';
import { restockPermissions } from '../permissions.js';
import { orderStatuses } from '../ports.js';
import { createRestockService } from '../service/restock-service.js';
import {
  adjustmentBodySchema,
  approveBodySchema,
  budgetAllocationBodySchema,
  budgetAllocationSchema,
  debugQuerySchema,
  debugResponseSchema,
  issueBodySchema,
  ledgerEntrySchema,
  movementResponseSchema,
  orderSchema,
  receiptBodySchema,
  receiveOrderBodySchema,
  stockLevelsSchema,
  transferBodySchema,
  triggerResponseSchema,
} from '../service/schemas.js';
import { createStockLedgerService } from '../service/stock-ledger-service.js';

const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown(),
    request_id: z.string(),
    timestamp: z.string(),
  }),
});
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };

/** Trigger body for OpenAPI and validation; input-mode requirements are checked by the service (RESTOCK_INVALID_INPUT). */
const triggerBodySchema = z.object({
  product_id: z.string().min(1).max(100),
  mode: z.enum(['mock', 'input']).default('mock'),
  current_stock: z.number().int().min(0).optional(),
  demand_history: z.array(z.number().min(0)).min(3).max(5000).optional(),
  lead_time_days: z.number().int().min(1).optional(),
  service_level: z.number().min(0.5).max(0.99).optional(),
  unit_price: z.number().min(0).optional(),
});

const batchResultSchema = z.object({
  results: z.array(
    z.object({
      product_id: z.string(),
      ok: z.boolean(),
      result: triggerResponseSchema.optional(),
      error: z.object({ code: z.string(), message: z.string() }).optional(),
    }),
  ),
});

function requestContext(request: FastifyRequest): RequestContext {
  if (!request.principal) throw new AppError('UNAUTHORIZED', 'Authentication required');
  return { principal: request.principal, requestId: request.id, clientAddress: request.ip };
}

/**
 * The restock HTTP routes (seed-compatible paths; mount with prefix ''). Handlers parse, call one service function
 * and return. Every route names its permission.
 */
export const restockRoutes: FastifyPluginAsync<{ ctx: ModuleContext }> = async (fastify, { ctx }) => {
  registerErrorCodes(restockErrorCodes);
  registerPermissions(restockPermissions);
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const service = createRestockService(ctx);
  const ledger = createStockLedgerService(ctx, { store: service.store });
  const tags = ['restock'];
  const idempotencyHeaders = z.object({ 'idempotency-key': z.string().min(1).max(200).optional() });

  app.post(
    '/inventory-trigger',
    {
      config: { permission: 'restock:trigger' },
      schema: {
        tags,
        summary: 'Run the restocking agent for one product (seed-compatible)',
        description:
          'mode "mock" reads the catalog; "input" takes current_stock, demand_history (>= 3) and lead_time_days. An `Idempotency-Key` header replays the first result.',
        headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }),
        body: triggerBodySchema,
        response: { 200: triggerResponseSchema, ...errors },
      },
    },
    async (request) =>
      service.trigger(request.body, { ...requestContext(request), idempotencyKey: request.headers['idempotency-key'] }),
  );

  app.post(
    '/inventory-trigger-batch',
    {
      config: { permission: 'restock:trigger' },
      schema: {
        tags,
        summary: 'Trigger up to 100 products; each item succeeds or fails on its own',
        body: z.object({ items: z.array(z.unknown()).min(1) }),
        response: { 200: batchResultSchema, ...errors },
      },
    },
    async (request) => service.triggerBatch(request.body.items, requestContext(request)),
  );

  app.get(
    '/debug/:product_id',
    {
      config: { permission: 'restock:read' },
      schema: {
        tags,
        summary: 'The safety-stock calculation and whether it would trigger (no LLM call)',
        params: z.object({ product_id: z.string().min(1).max(100) }),
        querystring: debugQuerySchema,
        response: { 200: debugResponseSchema, ...errors },
      },
    },
    async (request) => service.debug(request.params.product_id),
  );

  app.get(
    '/orders',
    {
      config: { permission: 'restock:read' },
      schema: {
        tags,
        summary: 'Orders, newest first (filter by status for the review queue)',
        querystring: z.object({
          status: z.enum(orderStatuses).optional(),
          product_id: z.string().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ orders: z.array(orderSchema) }), ...errors },
      },
    },
    async (request) => ({
      orders: await service.listOrders({
        status: request.query.status,
        productId: request.query.product_id,
        limit: request.query.limit,
        offset: request.query.offset,
      }),
    }),
  );

  app.get(
    '/orders/:id',
    {
      config: { permission: 'restock:read' },
      schema: {
        tags,
        summary: 'One order with the full decision record',
        params: z.object({ id: z.string().min(1) }),
        response: { 200: orderSchema, ...errors },
      },
    },
    async (request) => service.getOrder(request.params.id),
  );

  app.post(
    '/orders/:id/approve',
    {
      config: { permission: 'restock:approve' },
      schema: {
        tags,
        summary: 'Approve a pending order with an electronic signature (re-enter your password)',
        params: z.object({ id: z.string().min(1) }),
        body: approveBodySchema,
        response: { 200: orderSchema, ...errors },
      },
    },
    async (request) => service.approve(request.params.id, request.body, requestContext(request)),
  );

  app.post(
    '/orders/:id/reject',
    {
      config: { permission: 'restock:approve' },
      schema: {
        tags,
        summary: 'Reject a pending order; a reason is required (password optional: signs the rejection)',
        params: z.object({ id: z.string().min(1) }),
        body: z.object({ reason: z.string().max(2000).optional(), password: z.string().min(1).optional() }),
        response: { 200: orderSchema, ...errors },
      },
    },
    async (request) => service.reject(request.params.id, request.body, requestContext(request)),
  );

  app.get(
    '/stock/:product_id',
    {
      config: { permission: 'restock:read' },
      schema: {
        tags,
        summary: 'Stock per location and the inventory position (on hand + on order − backorders) at home',
        params: z.object({ product_id: z.string().min(1).max(100) }),
        response: { 200: stockLevelsSchema, ...errors },
      },
    },
    async (request) => ledger.levels(request.params.product_id),
  );

  app.get(
    '/stock/:product_id/ledger',
    {
      config: { permission: 'restock:read' },
      schema: {
        tags,
        summary: 'Stock ledger entries of a product, newest first',
        params: z.object({ product_id: z.string().min(1).max(100) }),
        querystring: z.object({
          location_id: z.string().min(1).max(100).optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
        response: { 200: z.object({ entries: z.array(ledgerEntrySchema) }), ...errors },
      },
    },
    async (request) => ({
      entries: await ledger.ledger(request.params.product_id, {
        limit: request.query.limit,
        locationId: request.query.location_id,
      }),
    }),
  );

  const movements = [
    ['receipts', receiptBodySchema, 'Receive goods at a location (fills its backorders first)', 'receipt'],
    ['issues', issueBodySchema, 'Issue goods from a location; beyond on hand 409 unless allow_backorder', 'issue'],
    ['adjustments', adjustmentBodySchema, 'Signed stock correction with a required reason', 'adjust'],
    [
      'transfers',
      transferBodySchema,
      'Move stock between locations: issue at the source and receipt at the destination, both or neither',
      'transfer',
    ],
  ] as const;
  for (const [path, body, summary, method] of movements) {
    app.post(
      `/stock/${path}`,
      {
        config: { permission: 'restock:stock' },
        schema: {
          tags,
          summary,
          description: 'Written in one transaction and audited. An `Idempotency-Key` header replays the first result.',
          headers: idempotencyHeaders,
          body,
          response: { 200: movementResponseSchema, ...errors },
        },
      },
      async (request) =>
        ledger[method](request.body, {
          ...requestContext(request),
          idempotencyKey: request.headers['idempotency-key'],
        }),
    );
  }

  app.post(
    '/orders/:id/receive',
    {
      config: { permission: 'restock:stock' },
      schema: {
        tags,
        summary: 'Receive an open purchase order or transfer, in full (no quantity) or in part',
        description:
          'A purchase order becomes a receipt at its location; a transfer leaves its source and arrives at its location in the same transaction. Status moves to partially_received or received.',
        params: z.object({ id: z.string().min(1) }),
        headers: idempotencyHeaders,
        body: receiveOrderBodySchema.nullish(),
        response: { 200: movementResponseSchema, ...errors },
      },
    },
    async (request) =>
      ledger.receiveOrder(request.params.id, request.body ?? {}, {
        ...requestContext(request),
        idempotencyKey: request.headers['idempotency-key'],
      }),
  );

  app.post(
    '/allocations/budget',
    {
      config: { permission: 'restock:read' },
      schema: {
        tags,
        summary: 'Split a purchase budget across the products that need an order (creates no orders)',
        body: budgetAllocationBodySchema,
        response: { 200: budgetAllocationSchema, ...errors },
      },
    },
    async (request) => service.allocateBudget(request.body),
  );
};
