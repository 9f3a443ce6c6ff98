import { sql } from 'kysely';
import type { Database } from '../../db/database.js';

/**
 * Empties the auth and audit tables between tests: much faster than re-creating the schema. The append-only
 * triggers are switched off for the truncate (as only a test or a superuser could) and on again.
 */
export async function clearAuthAndAuditTables(db: Database): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    await sql`alter table audit_events disable trigger user`.execute(trx);
    await sql`alter table esign_signatures disable trigger user`.execute(trx);
    await sql`truncate esign_signatures, audit_events, auth_refresh_tokens, auth_api_keys, auth_users`.execute(trx);
    await sql`alter table audit_events enable trigger user`.execute(trx);
    await sql`alter table esign_signatures enable trigger user`.execute(trx);
  });
}
