import type { EventBus, Principal } from '@quintessence/platform';
import { openTestModuleContext, type TestModuleContext } from '@quintessence/platform/testing';
import { scentMigrations } from '../adapters/migrations.js';

export { fakeClock, silentLogger } from '@quintessence/platform/testing';

export const operator: Principal = { kind: 'user', id: 'u-oscar', name: 'oscar', roles: ['operator'] };
export const qaPrincipal: Principal = { kind: 'user', id: 'u-quinn', name: 'quinn', roles: ['qa_approver'] };

export type ScentTestContext = TestModuleContext & { readonly events: EventBus };

/**
 * A module context on PGlite (or PostgreSQL) with the real platform audit trail, auth service, e-signature service
 * and in-process event bus. Users: `quinn` (qa_approver, password `quinn-password-1`), `oscar` (operator), `abe`
 * (approver, may sign but is not a qa_approver).
 */
export async function openScentTestContext(kind: 'pglite' | 'postgres' = 'pglite'): Promise<ScentTestContext> {
  const base = await openTestModuleContext(kind, [{ name: 'scent', migrations: scentMigrations }], {
    users: (
      [
        ['quinn', 'Quinn QA', 'qa_approver'],
        ['oscar', 'Oscar Operator', 'operator'],
        ['abe', 'Abe Approver', 'approver'],
      ] as const
    ).map(([username, fullName, role]) => ({ username, fullName, password: `${username}-password-1`, roles: [role] })),
  });
  return Object.defineProperty(base, 'events', { get: () => base.ctx.events }) as ScentTestContext;
}
