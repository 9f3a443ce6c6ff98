/** The restock module's error codes and their HTTP statuses (declared in the module descriptor). */
export const restockErrorCodes = {
  RESTOCK_UNKNOWN_PRODUCT: 404,
  RESTOCK_INVALID_INPUT: 400,
  RESTOCK_INVALID_CSV: 400,
  RESTOCK_ORDER_NOT_FOUND: 404,
  RESTOCK_ORDER_NOT_PENDING: 409,
  RESTOCK_IDEMPOTENCY_CONFLICT: 409,
  RESTOCK_BATCH_TOO_LARGE: 400,
  RESTOCK_REASON_REQUIRED: 400,
} as const satisfies Record<string, number>;
