import { z } from 'zod';

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
  status: z.enum(['pending_review', 'executed', 'approved', 'rejected', 'received']),
  product_id: z.string(),
  location_id: z.string(),
  from_location_id: z.string().nullable(),
  supplier_id: z.string().nullable(),
  quantity: z.number(),
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
