import { createHash } from 'node:crypto';
import { AppError, type ModuleContext, type RequestContext } from '@quintessence/platform';
import type { z } from 'zod';
import { createKyselyRestockStore } from '../adapters/kysely-store.js';
import { parseRestockConfig, type RestockConfig } from '../config.js';
import {
  decideRestock,
  type LlmProposal,
  type RestockDecision,
  type RestockSituation,
} from '../domain/agent/decide.js';
import { allocateBudget, type BudgetRequest } from '../domain/policies.js';
import { analyzeStock } from '../domain/safety-stock.js';
import type { OrderStatus, ProductSnapshot, RestockStore, StoredOrder } from '../ports.js';
import { restockMetrics } from './metrics.js';
import {
  approveBodySchema,
  type BudgetAllocation,
  budgetAllocationBodySchema,
  type DebugResponse,
  llmProposalSchema,
  type OrderView,
  rejectBodySchema,
  type TriggerRequest,
  type TriggerResponse,
  triggerRequestSchema,
} from './schemas.js';

export type RestockServiceContext = Pick<
  ModuleContext,
  'db' | 'audit' | 'esign' | 'jobs' | 'llm' | 'clock' | 'metrics' | 'log' | 'config'
>;

export interface TriggerMeta extends RequestContext {
  readonly idempotencyKey?: string;
}

export const webhookJobName = 'restock.webhook';
export const scanJobName = 'restock.scan';
export const maxBatchSize = 100;

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Parses with a zod schema; a failure becomes RESTOCK_INVALID_INPUT naming each field. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, what = 'request'): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => `${i.path.length ? i.path.join('.') : what}: ${i.message}`);
  throw new AppError('RESTOCK_INVALID_INPUT', `Invalid ${what}: ${issues.join('; ')}`, {
    details: { issues: r.error.issues },
  });
}

/** The API view of a stored order. */
export function orderView(o: StoredOrder, withDecision = false): OrderView {
  return {
    id: o.id,
    type: o.type,
    status: o.status,
    product_id: o.productId,
    location_id: o.locationId,
    from_location_id: o.fromLocationId,
    supplier_id: o.supplierId,
    quantity: o.quantity,
    received_quantity: o.receivedQuantity,
    unit_price: o.unitPrice,
    confidence: o.confidence,
    reasoning: o.reasoning,
    created_at: o.createdAt,
    created_by: o.createdBy,
    decided_at: o.decidedAt,
    decided_by: o.decidedBy,
    decision_reason: o.decisionReason,
    signature_id: o.signatureId,
    ...(withDecision ? { decision: o.decision } : {}),
  };
}

function hashRequest(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

/** The restock use cases: trigger (single and batch), debug, the review queue, and the scheduled scan. */
export interface RestockService {
  readonly config: RestockConfig;
  readonly store: RestockStore;
  trigger(body: unknown, meta: TriggerMeta): Promise<TriggerResponse>;
  triggerBatch(
    items: readonly unknown[],
    meta: RequestContext,
  ): Promise<{
    results: Array<{
      product_id: string;
      ok: boolean;
      result?: TriggerResponse;
      error?: { code: string; message: string };
    }>;
  }>;
  debug(productId: string): Promise<DebugResponse>;
  listOrders(filter?: {
    status?: OrderStatus;
    productId?: string;
    limit?: number;
    offset?: number;
  }): Promise<OrderView[]>;
  getOrder(id: string): Promise<OrderView>;
  approve(id: string, body: unknown, meta: RequestContext): Promise<OrderView>;
  reject(id: string, body: unknown, meta: RequestContext): Promise<OrderView>;
  scan(meta: RequestContext): Promise<ScanReport>;
  /**
   * Splits a purchase budget across the products that need an order (the agent's policy proposal, without the LLM):
   * most days of demand short first, the last funded order cut to whole packs. Transfers need no purchase budget.
   * Creates no orders.
   */
  allocateBudget(body: unknown): Promise<BudgetAllocation>;
}

export interface ScanReport {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly products: number;
  readonly executed: number;
  readonly pendingReview: number;
  readonly noAction: number;
  readonly failed: Array<{ product_id: string; code: string; message: string }>;
}

/** Builds the service over the module context (the store defaults to the platform database). */
export function createRestockService(
  ctx: RestockServiceContext,
  options: { store?: RestockStore; config?: RestockConfig } = {},
): RestockService {
  const config = options.config ?? parseRestockConfig(ctx.config.modules?.restock);
  const store = options.store ?? createKyselyRestockStore(ctx.db);
  const metrics = restockMetrics(ctx.metrics);

  async function snapshotOrThrow(productId: string): Promise<ProductSnapshot> {
    const snap = await store.snapshot(productId);
    if (!snap)
      throw new AppError('RESTOCK_UNKNOWN_PRODUCT', `Unknown product "${productId}" (not in the catalog)`, {
        details: { productId },
      });
    if (snap.demandHistory.length < 3) {
      throw new AppError(
        'RESTOCK_INVALID_INPUT',
        `Product "${productId}" has ${snap.demandHistory.length} demand periods; at least 3 are needed`,
      );
    }
    return snap;
  }

  function situationFrom(req: TriggerRequest, snap: ProductSnapshot | undefined): RestockSituation {
    if (req.mode === 'input') {
      return {
        productId: req.product_id,
        demandHistory: req.demand_history!,
        currentStock: req.current_stock!,
        leadTimeDays: req.lead_time_days!,
        serviceLevel: req.service_level ?? 0.95,
        unitPrice: req.unit_price ?? snap?.product.unitPrice,
        moq: snap?.supplier?.moq,
        packSize: snap?.supplier?.packSize,
        orderCost: snap?.supplier?.orderCost ?? undefined,
        holdingRate: snap?.supplier?.holdingCostRate,
        supplierOnTimeRate: snap?.supplier?.onTimeRate,
      };
    }
    const s = snap!;
    const serviceLevel = req.service_level ?? s.product.serviceLevel;
    const rop = analyzeStock({
      demandHistory: s.demandHistory,
      currentStock: s.position,
      leadTime: s.product.leadTimeDays,
      serviceLevel,
    }).reorderPoint;
    return {
      productId: s.product.id,
      demandHistory: s.demandHistory,
      currentStock: s.position,
      leadTimeDays: s.product.leadTimeDays,
      leadTimeSdDays: s.supplier?.leadTimeSdDays,
      serviceLevel,
      unitPrice: req.unit_price ?? s.product.unitPrice,
      orderCost: s.supplier?.orderCost ?? undefined,
      holdingRate: s.supplier?.holdingCostRate,
      moq: s.supplier?.moq,
      packSize: s.supplier?.packSize,
      supplierOnTimeRate: s.supplier?.onTimeRate,
      otherLocations: s.otherLocations.map((l) => ({
        locationId: l.locationId,
        surplus: l.onHand - l.committedOut - rop,
      })),
    };
  }

  async function askLlm(situation: RestockSituation, preliminary: RestockDecision): Promise<LlmProposal | undefined> {
    if (!config.useLlm || !ctx.llm.available || preliminary.action === 'none') return undefined;
    const started = performance.now();
    const st = preliminary.stock;
    const result = await ctx.llm.generateObject({
      schema: llmProposalSchema,
      purpose: 'restock.proposal',
      instructions:
        'You are an inventory planning assistant. Decide whether the product needs a restock, a transfer from another warehouse, or no action. ' +
        'Consider whether this is a real shortage crisis or demand is falling anyway (avoid overstock). ' +
        'Answer with JSON: action ("restock" | "transfer" | "none"), quantity (units, >= 0), confidence (0..1) and a short reasoning.',
      data: {
        product_id: situation.productId,
        current_stock: situation.currentStock,
        safety_stock: round2(st.safetyStock),
        reorder_point: round2(st.reorderPoint),
        shortage: round2(st.shortage),
        average_daily_demand: round2(st.averageDemand),
        demand_trend: preliminary.evidence.trend,
        recent_vs_long_run: round2(preliminary.evidence.recentToLongRun),
        demand_history: situation.demandHistory.slice(-60),
        lead_time_days: situation.leadTimeDays,
        service_level: situation.serviceLevel,
        unit_price: situation.unitPrice ?? null,
        policy_proposal: { action: preliminary.action, quantity: preliminary.quantity },
      },
    });
    const outcome = result.ok
      ? 'ok'
      : result.code === 'LLM_UNAVAILABLE'
        ? 'unavailable'
        : result.code === 'LLM_INVALID_OUTPUT'
          ? 'invalid'
          : 'error';
    metrics.llmDuration.observe({ outcome }, (performance.now() - started) / 1000);
    if (!result.ok) {
      ctx.log.warn(
        { code: result.code, productId: situation.productId },
        'restock: LLM proposal unavailable, using the policy alone',
      );
      return undefined;
    }
    return result.value;
  }

  async function notify(
    event: 'order.pending_review' | 'order.executed' | 'order.approved' | 'order.rejected',
    order: StoredOrder,
  ): Promise<void> {
    if (!config.webhookUrl) return;
    await ctx.jobs.enqueue(
      webhookJobName,
      { url: config.webhookUrl, event, order: orderView(order) },
      { attempts: 5, backoffMs: 2000, idempotencyKey: `restock-webhook:${order.id}:${event}` },
    );
  }

  async function runTrigger(body: unknown, meta: TriggerMeta): Promise<TriggerResponse> {
    const req = parseInput(triggerRequestSchema, body, 'trigger request');
    const requestHash = hashRequest(req);
    if (meta.idempotencyKey) {
      const prior = await store.getIdempotency(meta.idempotencyKey);
      if (prior) {
        if (prior.requestHash !== requestHash) {
          throw new AppError(
            'RESTOCK_IDEMPOTENCY_CONFLICT',
            `Idempotency key "${meta.idempotencyKey}" was used with a different request`,
          );
        }
        return prior.response as TriggerResponse;
      }
    }
    const snap = req.mode === 'mock' ? await snapshotOrThrow(req.product_id) : await store.snapshot(req.product_id);
    const situation = situationFrom(req, snap);
    const transferRule = { minSurplus: config.transferMinSurplus, maxShortage: config.transferMaxShortage };
    const preliminary = decideRestock(situation, { transferRule });
    const llmProposal = await askLlm(situation, preliminary);
    const decision = llmProposal ? decideRestock(situation, { transferRule, llmProposal }) : preliminary;
    const confidence = round2(decision.confidence.confidence);
    const status: TriggerResponse['status'] =
      decision.action === 'none' || confidence >= config.confidenceThreshold ? 'executed' : 'pending_review';
    const now = ctx.clock.now();
    const unitPrice = situation.unitPrice ?? 0;

    const { order, response } = await store.transaction(async (tx) => {
      let order: StoredOrder | undefined;
      if (decision.action !== 'none') {
        order = await tx.createOrder({
          type: decision.action === 'transfer' ? 'transfer' : 'purchase_order',
          status,
          productId: situation.productId,
          locationId: snap?.product.homeLocationId ?? config.defaultLocation,
          fromLocationId: decision.transferFrom ?? null,
          supplierId: decision.action === 'transfer' ? null : (snap?.product.supplierId ?? null),
          quantity: decision.quantity,
          unitPrice,
          confidence,
          reasoning: decision.reasoning,
          decision: {
            mode: req.mode,
            stock: decision.stock,
            evidence: decision.evidence,
            confidence: decision.confidence,
            llm: decision.llm,
            plannedDailyDemand: decision.plannedDailyDemand,
            economicOrderQuantity: decision.economicOrderQuantity,
            simulatedServiceLevel: decision.simulatedServiceLevel,
          },
          createdAt: now.toISOString(),
          createdBy: meta.principal.name,
        });
      }
      const response: TriggerResponse = {
        status,
        safety_stock: round2(decision.stock.safetyStock),
        reorder_point: round2(decision.stock.reorderPoint),
        current_stock: situation.currentStock,
        shortage: round2(decision.stock.shortage),
        recommended_action: decision.action,
        recommended_quantity: decision.quantity,
        confidence_score: confidence,
        order:
          decision.action === 'none'
            ? null
            : {
                po_number: order!.id,
                type: decision.action === 'transfer' ? 'transfer' : 'purchase_order',
                items: [
                  {
                    product_id: situation.productId,
                    quantity: decision.quantity,
                    unit_price: unitPrice,
                    total_price: round2(decision.quantity * unitPrice),
                    ...(decision.transferFrom ? { from_location: decision.transferFrom } : {}),
                  },
                ],
                created_at: now.toISOString(),
              },
        reasoning: decision.reasoning,
      };
      if (meta.idempotencyKey) await tx.putIdempotency({ key: meta.idempotencyKey, requestHash, response }, now);
      return { order, response };
    });

    metrics.triggers.inc({ mode: req.mode, status });
    metrics.safetyStock.set({ product_id: situation.productId }, decision.stock.safetyStock);
    metrics.reorderPoint.set({ product_id: situation.productId }, decision.stock.reorderPoint);
    if (decision.stock.shortage > 0) metrics.shortages.inc({ product_id: situation.productId });
    if (decision.action !== 'none')
      metrics.ordersGenerated.inc({
        type: decision.action === 'transfer' ? 'transfer' : 'purchase_order',
        execution_status: status,
      });
    await ctx.audit.record({
      actor: meta.principal.name,
      action: decision.action === 'none' ? 'restock.trigger.no_action' : `restock.order.${status}`,
      resource: order ? `restock/order/${order.id}` : `restock/product/${situation.productId}`,
      details: {
        productId: situation.productId,
        mode: req.mode,
        action: decision.action,
        quantity: decision.quantity,
        confidence,
        threshold: config.confidenceThreshold,
        safetyStock: response.safety_stock,
        reorderPoint: response.reorder_point,
        llm: decision.llm
          ? {
              action: decision.llm.proposal.action,
              quantity: decision.llm.clampedQuantity,
              agrees: decision.llm.actionAgrees,
            }
          : null,
      },
      requestId: meta.requestId,
      clientAddress: meta.clientAddress,
    });
    if (order) await notify(status === 'executed' ? 'order.executed' : 'order.pending_review', order);
    return response;
  }

  async function decide(
    id: string,
    outcome: 'approved' | 'rejected',
    body: unknown,
    meta: RequestContext,
  ): Promise<OrderView> {
    const existing = await store.getOrder(id);
    if (!existing) throw new AppError('RESTOCK_ORDER_NOT_FOUND', `Order ${id} not found`);
    if (existing.status !== 'pending_review') {
      throw new AppError('RESTOCK_ORDER_NOT_PENDING', `Order ${id} is ${existing.status}, not pending review`);
    }
    let reason: string | undefined;
    let password: string | undefined;
    if (outcome === 'rejected') {
      const r = rejectBodySchema.safeParse(body ?? {});
      if (!r.success) throw new AppError('RESTOCK_REASON_REQUIRED', 'Rejecting an order needs a non-empty reason');
      reason = r.data.reason;
      password = r.data.password;
    } else {
      const b = parseInput(approveBodySchema, body ?? {}, 'approval');
      reason = b.reason;
      password = b.password;
    }
    let signatureId: string | undefined;
    if (password !== undefined) {
      const sig = await ctx.esign.sign({
        username: meta.principal.name,
        password,
        meaning: outcome,
        recordType: 'restock.order',
        recordId: id,
        record: orderView(existing),
        reason,
        requestId: meta.requestId,
        clientAddress: meta.clientAddress,
      });
      signatureId = sig.id;
    }
    const updated = await store.decideOrder(id, {
      status: outcome,
      decidedBy: meta.principal.name,
      decidedAt: ctx.clock.now(),
      reason,
      signatureId,
    });
    if (!updated) throw new AppError('RESTOCK_ORDER_NOT_PENDING', `Order ${id} was decided by someone else meanwhile`);
    await ctx.audit.record({
      actor: meta.principal.name,
      action: `restock.order.${outcome}`,
      resource: `restock/order/${id}`,
      details: { quantity: updated.quantity, productId: updated.productId, signatureId: signatureId ?? null },
      reason,
      requestId: meta.requestId,
      clientAddress: meta.clientAddress,
    });
    await notify(outcome === 'approved' ? 'order.approved' : 'order.rejected', updated);
    return orderView(updated);
  }

  return {
    config,
    store,
    async trigger(body, meta) {
      const mode =
        typeof body === 'object' && body !== null && (body as { mode?: unknown }).mode === 'input' ? 'input' : 'mock';
      const end = metrics.triggerDuration.startTimer({ mode });
      try {
        return await runTrigger(body, meta);
      } finally {
        end();
      }
    },
    async triggerBatch(items, meta) {
      if (items.length > maxBatchSize) {
        throw new AppError(
          'RESTOCK_BATCH_TOO_LARGE',
          `A batch takes at most ${maxBatchSize} products; got ${items.length}`,
        );
      }
      const results: Array<{
        product_id: string;
        ok: boolean;
        result?: TriggerResponse;
        error?: { code: string; message: string };
      }> = [];
      for (const item of items) {
        const productId =
          typeof item === 'object' && item !== null ? String((item as { product_id?: unknown }).product_id ?? '') : '';
        try {
          results.push({ product_id: productId, ok: true, result: await this.trigger(item, meta) });
        } catch (error) {
          if (!(error instanceof AppError) || error.code.startsWith('INTERNAL')) throw error;
          results.push({ product_id: productId, ok: false, error: { code: error.code, message: error.message } });
        }
      }
      return { results };
    },
    async debug(productId) {
      const snap = await snapshotOrThrow(productId);
      const a = analyzeStock({
        demandHistory: snap.demandHistory,
        currentStock: snap.position,
        leadTime: snap.product.leadTimeDays,
        leadTimeSd: snap.supplier?.leadTimeSdDays,
        serviceLevel: snap.product.serviceLevel,
      });
      return {
        product_id: productId,
        mode: 'mock',
        current_stock: snap.onHand,
        inventory_position: snap.position,
        average_daily_demand: round2(a.averageDemand),
        demand_std: round2(a.demandStd),
        z_score: Math.round(a.z * 10000) / 10000,
        lead_time_days: snap.product.leadTimeDays,
        service_level: snap.product.serviceLevel,
        safety_stock: round2(a.safetyStock),
        reorder_point: round2(a.reorderPoint),
        shortage: round2(a.shortage),
        would_trigger: a.shouldReorder,
        demand_history: snap.demandHistory,
      };
    },
    async listOrders(filter) {
      return (await store.listOrders(filter)).map((o) => orderView(o));
    },
    async getOrder(id) {
      const o = await store.getOrder(id);
      if (!o) throw new AppError('RESTOCK_ORDER_NOT_FOUND', `Order ${id} not found`);
      return orderView(o, true);
    },
    approve: (id, body, meta) => decide(id, 'approved', body, meta),
    reject: (id, body, meta) => decide(id, 'rejected', body, meta),
    async allocateBudget(body) {
      const b = parseInput(budgetAllocationBodySchema, body, 'budget allocation');
      const ids = b.product_ids ?? (await store.listProductIds());
      const transferRule = { minSurplus: config.transferMinSurplus, maxShortage: config.transferMaxShortage };
      const requests: Array<BudgetRequest & { action: 'restock' | 'transfer' }> = [];
      const noAction: string[] = [];
      for (const id of [...new Set(ids)]) {
        const snap = await snapshotOrThrow(id);
        const decision = decideRestock(situationFrom({ product_id: id, mode: 'mock' }, snap), { transferRule });
        if (decision.action === 'none' || decision.quantity <= 0) {
          noAction.push(id);
          continue;
        }
        requests.push({
          id,
          action: decision.action,
          quantity: decision.quantity,
          unitCost: decision.action === 'transfer' ? 0 : (snap.supplier?.unitCost ?? snap.product.unitPrice),
          shortage: decision.stock.shortage,
          demandMean: decision.stock.averageDemand,
          packSize: snap.supplier?.packSize,
        });
      }
      const funded = allocateBudget(requests, b.budget);
      const items = requests
        .map((r) => {
          const q = funded.get(r.id) ?? 0;
          return {
            product_id: r.id,
            action: r.action,
            shortage: round2(r.shortage),
            average_daily_demand: round2(r.demandMean),
            days_short: round2(r.demandMean > 0 ? r.shortage / r.demandMean : r.shortage),
            requested_quantity: r.quantity,
            funded_quantity: q,
            unit_cost: r.unitCost,
            cost: round2(q * r.unitCost),
            fully_funded: q >= r.quantity,
          };
        })
        .sort((a, c) => c.days_short - a.days_short || a.product_id.localeCompare(c.product_id));
      const spent = round2(items.reduce((sum, i) => sum + i.funded_quantity * i.unit_cost, 0));
      return { budget: b.budget, spent, remaining: round2(b.budget - spent), items, no_action: noAction };
    },
    async scan(meta) {
      const startedAt = ctx.clock.now().toISOString();
      const ids = await store.listProductIds();
      let executed = 0;
      let pendingReview = 0;
      let noAction = 0;
      const failed: ScanReport['failed'] = [];
      for (const id of ids) {
        try {
          const r = await this.trigger({ product_id: id, mode: 'mock' }, meta);
          if (r.recommended_action === 'none') noAction++;
          else if (r.status === 'executed') executed++;
          else pendingReview++;
        } catch (error) {
          failed.push({
            product_id: id,
            code: error instanceof AppError ? error.code : 'INTERNAL_ERROR',
            message: (error as Error).message,
          });
        }
      }
      const report: ScanReport = {
        startedAt,
        finishedAt: ctx.clock.now().toISOString(),
        products: ids.length,
        executed,
        pendingReview,
        noAction,
        failed,
      };
      await ctx.audit.record({
        actor: meta.principal.name,
        action: 'restock.scan.completed',
        resource: 'restock/scan',
        details: { ...report, failed: failed.length },
      });
      return report;
    },
  };
}
