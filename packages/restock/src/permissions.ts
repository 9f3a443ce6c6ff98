import type { Role } from '@quintessence/platform';

/** Permission -> roles (admin holds all). */
export const restockPermissions = {
  'restock:read': ['operator', 'planner', 'approver', 'analyst', 'viewer'],
  'restock:trigger': ['operator', 'planner'],
  'restock:approve': ['approver'],
  'restock:import': ['planner'],
  /** Post stock movements (receipts, issues, adjustments, transfers) and receive orders. */
  'restock:stock': ['operator', 'planner'],
} as const satisfies Record<string, readonly Role[]>;
