import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authMigrations } from '../auth/auth-migrations.js';
import { type Database, openDatabase } from '../db/database.js';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { auditMigrations } from './audit-migrations.js';
import { describeAuditTrail } from './audit-trail.conformance.js';
import { createAuditTrail } from './audit-trail.js';

describeAuditTrail('postgres');

describe('AuditTrail on PostgreSQL with several server replicas', () => {
  let t: TestDatabase;
  let second: Database;

  beforeAll(async () => {
    t = await openTestDatabase('postgres', [authMigrations, auditMigrations]);
    // a second connection pool on the same database stands in for another server process
    second = await openDatabase(
      { databaseUrl: (t as TestDatabase & { url: string }).url, dataDir: '' },
      { poolMax: 4 },
    );
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  it('keeps one valid chain when two pools append concurrently', async () => {
    const signingKey = 'replica-signing-key-0123456789abcdef';
    const a = createAuditTrail({ db: t.db, signingKey });
    const b = createAuditTrail({ db: second, signingKey });
    const events = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        (i % 2 ? a : b).record({ actor: `replica-${i % 2}`, action: 'x.append', resource: `x/${i}` }),
      ),
    );
    expect(new Set(events.map((e) => e.seq)).size).toBe(60);
    expect(await b.verify()).toMatchObject({ ok: true, checked: 60, headSeq: 60 });
  });
});
