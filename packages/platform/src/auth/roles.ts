/** The product's roles. `admin` holds every permission. */
export const roles = ['admin', 'operator', 'qa_approver', 'planner', 'approver', 'analyst', 'viewer'] as const;
export type Role = (typeof roles)[number];

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/** Who is calling: a user (password/JWT), an API key, or the system itself (jobs, schedules). */
export interface Principal {
  readonly kind: 'user' | 'apikey' | 'system';
  readonly id: string;
  /** Username, API-key name, or `system`. */
  readonly name: string;
  readonly roles: readonly Role[];
}

/** Permission -> roles that hold it. One table for the product: the platform's entries plus each module's. */
const rolesByPermission = new Map<string, Set<Role>>();

/** Declares permissions (a module calls this once, through its module descriptor). */
export function registerPermissions(table: Readonly<Record<string, readonly Role[]>>): void {
  for (const [permission, holders] of Object.entries(table)) {
    const set = rolesByPermission.get(permission) ?? new Set<Role>();
    for (const role of holders) set.add(role);
    rolesByPermission.set(permission, set);
  }
}

export function isKnownPermission(permission: string): boolean {
  return rolesByPermission.has(permission);
}

/** The whole role -> permission table (for docs and `GET /auth/permissions`). */
export function permissionTable(): Record<string, Role[]> {
  return Object.fromEntries(
    [...rolesByPermission].map(([p, r]) => [p, ['admin', ...[...r].filter((x) => x !== 'admin')] as Role[]]),
  );
}

export function hasPermission(principal: Pick<Principal, 'roles'>, permission: string): boolean {
  if (principal.roles.includes('admin')) return true;
  const holders = rolesByPermission.get(permission);
  return holders !== undefined && principal.roles.some((r) => holders.has(r));
}

/** Platform permissions. */
export const platformPermissions = {
  'platform:users:manage': ['admin'],
  'platform:apikeys:manage': ['admin'],
  'platform:config:read': ['admin'],
  'audit:read': ['admin', 'qa_approver', 'approver', 'analyst'],
  'audit:export': ['admin', 'qa_approver'],
  'jobs:read': ['admin', 'operator', 'qa_approver', 'planner', 'approver', 'analyst', 'viewer'],
  'metrics:read': ['admin', 'operator', 'analyst'],
  'llm:use': ['admin', 'operator', 'planner', 'analyst'],
  'llm:status': ['admin', 'operator'],
  'esign:sign': ['admin', 'qa_approver', 'approver'],
  'esign:read': ['admin', 'operator', 'qa_approver', 'planner', 'approver', 'analyst', 'viewer'],
  'profile:read': ['admin', 'operator', 'qa_approver', 'planner', 'approver', 'analyst', 'viewer'],
} as const satisfies Record<string, readonly Role[]>;

registerPermissions(platformPermissions);
