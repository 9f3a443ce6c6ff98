import { z } from 'zod';
import { orderStatuses } from '../ports.js';

/** `POST /inventory-trigger` body (seed-compatible). */
export const triggerRequestSchema = z
  .object({
    product_id: z.string().min(1).max(100),
    mode: z.enum(['mock', 'input']).default('mock'),
    current_stock: z.number().int().min(0).optional(),
    demand_history: z.array(z.number().min(0)).min(3).max(5000).optional(),
    lead_time_days: z.number().int().min(1).optional(),
    service_level: z.number().min(0.5).max(0.99).optional(),
    unit_price: z.number().min(0).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.mode !== 'input') return;
    for (const key of ['current_stock', 'demand_history', 'lead_time_days'] as const) {
      if (v[key] === undefined)
        ctx.addIssue({ code: 'custom', path: [key], message: `${key} is required in input mode` });
    }
  });
export type TriggerRequest = z.infer<typeof triggerRequestSchema>;

export const orderItemSchema = z.object({
  product_id: z.string(),
  quantity: z.number(),
  unit_price: z.number(),
  total_price: z.number(),
  from_location: z.string().optional(),
});

/** `POST /inventory-trigger` response (seed-compatible). */
export const triggerResponseSchema = z.object({
  status: z.enum(['executed', 'pending_review']),
  safety_stock: z.number(),
  reorder_point: z.number(),
  current_stock: z.number(),
  shortage: z.number(),
  recommended_action: z.enum(['restock', 'transfer', 'none']),
  recommended_quantity: z.number(),
  confidence_score: z.number(),
  order: z
    .object({
      po_number: z.string(),
      type: z.enum(['purchase_order', 'transfer']),
      items: z.array(orderItemSchema),
      created_at: z.string(),
    })
    .nullable(),
  reasoning: z.string(),
});
export type TriggerResponse = z.infer<typeof triggerResponseSchema>;

export const debugQuerySchema = z.object({ mode: z.enum(['mock']).default('mock') });

export const debugResponseSchema = z.object({
  product_id: z.string(),
  mode: z.literal('mock'),
  current_stock: z.number(),
  inventory_position: z.number(),
  average_daily_demand: z.number(),
  demand_std: z.number(),
  z_score: z.number(),
  lead_time_days: z.number(),
  service_level: z.number(),
  safety_stock: z.number(),
  reorder_point: z.number(),
  shortage: z.number(),
  would_trigger: z.boolean(),
  demand_history: z.array(z.number()),
});
export type DebugResponse = z.infer<typeof debugResponseSchema>;

export const batchRequestSchema = z.object({
  items: z.array(z.unknown()).min(1),
});

export const orderSchema = z.object({
  id: z.string(),
  type: z.enum(['purchase_order', 'transfer']),
  status: z.enum(orderStatuses),
  product_id: z.string(),
  location_id: z.string(),
  from_location_id: z.string().nullable(),
  supplier_id: z.string().nullable(),
  quantity: z.number(),
  received_quantity: z.number(),
  unit_price: z.number(),
  confidence: z.number(),
  reasoning: z.string(),
  created_at: z.string(),
  created_by: z.string(),
  decided_at: z.string().nullable(),
  decided_by: z.string().nullable(),
  decision_reason: z.string().nullable(),
  signature_id: z.string().nullable(),
  decision: z.unknown().optional(),
});
export type OrderView = z.infer<typeof orderSchema>;

export const approveBodySchema = z.object({
  /** Re-authentication for the electronic signature. */
  password: z.string().min(1),
  reason: z.string().max(2000).optional(),
});
export const rejectBodySchema = z.object({
  reason: z.string().trim().min(1, 'a rejection needs a reason').max(2000),
  password: z.string().min(1).optional(),
});

/** The LLM's proposal (the seed's JSON: action, quantity, confidence, reasoning). */
export const llmProposalSchema = z.object({
  action: z.enum(['restock', 'transfer', 'none']),
  quantity: z.number().min(0),
  confidence: z.number().min(0).max(1),
  reasoning: z.string().min(1).max(4000),
});

const quantity = z.number().positive().max(1e9);
const productId = z.string().min(1).max(100);
const locationId = z.string().min(1).max(100);
const reference = z.string().trim().min(1).max(200).optional();

/** `POST /stock/receipts`: goods received at a location (fills that location's backorders first). */
export const receiptBodySchema = z.object({
  product_id: productId,
  /** Default: the product's home location. */
  location_id: locationId.optional(),
  quantity,
  reference,
});

/** `POST /stock/issues`: goods leaving a location (sales, production use). */
export const issueBodySchema = z.object({
  product_id: productId,
  location_id: locationId.optional(),
  quantity,
  /** Record the part beyond on hand as a backorder instead of refusing the issue. */
  allow_backorder: z.boolean().default(false),
  reference,
});

/** `POST /stock/adjustments`: a signed correction after a count; the reason is required. */
export const adjustmentBodySchema = z.object({
  product_id: productId,
  location_id: locationId.optional(),
  quantity: z
    .number()
    .min(-1e9)
    .max(1e9)
    .refine((q) => q !== 0, 'an adjustment must change the stock'),
  reason: z.string().trim().min(1, 'an adjustment needs a reason').max(2000),
  reference,
});

/** `POST /stock/transfers`: moves stock between two locations (issue at the source, receipt at the destination). */
export const transferBodySchema = z
  .object({
    product_id: productId,
    from_location_id: locationId,
    to_location_id: locationId,
    quantity,
    reference,
  })
  .refine((b) => b.from_location_id !== b.to_location_id, {
    message: 'source and destination must differ',
    path: ['to_location_id'],
  });

/** `POST /orders/{id}/receive`: a full (no quantity) or partial receipt of an open purchase order or transfer. */
export const receiveOrderBodySchema = z.object({
  quantity: quantity.optional(),
  reference,
});

export const ledgerEntrySchema = z.object({
  id: z.string().optional(),
  product_id: z.string(),
  location_id: z.string(),
  kind: z.string(),
  quantity: z.number(),
  reference: z.string().nullable(),
  reason: z.string().nullable(),
  recorded_by: z.string().nullable(),
  occurred_at: z.string(),
});
export type LedgerEntryView = z.infer<typeof ledgerEntrySchema>;

/** Stock of a product: per location, and the inventory position at its home location. */
export const stockLevelsSchema = z.object({
  product_id: z.string(),
  home_location_id: z.string(),
  locations: z.array(z.object({ location_id: z.string(), on_hand: z.number(), backorders: z.number() })),
  on_hand: z.number(),
  on_order: z.number(),
  backorders: z.number(),
  /** on hand + on order − backorders at the home location. */
  inventory_position: z.number(),
});
export type StockLevels = z.infer<typeof stockLevelsSchema>;

export const movementResponseSchema = z.object({
  entries: z.array(ledgerEntrySchema),
  stock: stockLevelsSchema,
  order: orderSchema.optional(),
});
export type MovementResponse = z.infer<typeof movementResponseSchema>;

/** `POST /allocations/budget`: split a purchase budget across the products that need an order. */
export const budgetAllocationBodySchema = z.object({
  budget: z.number().min(0).max(1e12),
  /** Default: every product in the catalog. */
  product_ids: z.array(productId).min(1).max(1000).optional(),
});

export const budgetAllocationSchema = z.object({
  budget: z.number(),
  spent: z.number(),
  remaining: z.number(),
  items: z.array(
    z.object({
      product_id: z.string(),
      action: z.enum(['restock', 'transfer']),
      shortage: z.number(),
      average_daily_demand: z.number(),
      /** Shortage in days of demand: the urgency the allocation ranks by. */
      days_short: z.number(),
      requested_quantity: z.number(),
      funded_quantity: z.number(),
      unit_cost: z.number(),
      cost: z.number(),
      fully_funded: z.boolean(),
    }),
  ),
  /** Products at or above their reorder point (nothing to fund). */
  no_action: z.array(z.string()),
});
export type BudgetAllocation = z.infer<typeof budgetAllocationSchema>;
