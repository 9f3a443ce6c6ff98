import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authMigrations } from '../auth/auth-migrations.js';
import { buildRouteTestApp, type RouteTestApp } from '../auth/internal/route-test-app.js';
import type { Principal } from '../auth/roles.js';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { auditMigrations } from './audit-migrations.js';

const password = 'correct horse battery';
const root: Principal = { kind: 'system', id: 'test', name: 'tester', roles: ['admin'] };

describe('auditRoutes', () => {
  let t: TestDatabase;
  let s: RouteTestApp;
  let t0 = Date.parse('2026-07-01T00:00:00.000Z');
  const clock = {
    now() {
      t0 += 1000;
      return new Date(t0);
    },
  };
  const headers: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    t = await openTestDatabase('pglite', [authMigrations, auditMigrations]);
    s = await buildRouteTestApp(t.db, clock);
    for (const [username, role] of [
      ['qa', 'qa_approver'],
      ['an', 'analyst'],
      ['vi', 'viewer'],
    ] as const) {
      await s.auth.createUser(
        { username, fullName: `${username} person`, password, roles: [role] },
        { principal: root },
      );
      const { key } = await s.auth.createApiKey({ name: `${username}-key`, roles: [role] }, { principal: root });
      headers[username] = { 'x-api-key': key };
    }
    for (let i = 1; i <= 5; i++) {
      await s.audit.record({ actor: 'line-3', action: 'scent.reading.flagged', resource: `scent/batch/B-${i}` });
    }
  });
  afterAll(async () => {
    await s?.app.close();
    await t?.close();
  });

  it('lists events with filters and pagination', async () => {
    const res = await s.app.inject({
      method: 'GET',
      url: '/audit/events?action=scent.*&limit=2&offset=1&order=asc',
      headers: headers.an,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ total: 5, limit: 2, offset: 1 });
    expect(body.items.map((e: { resource: string }) => e.resource)).toEqual(['scent/batch/B-2', 'scent/batch/B-3']);
    const byActor = await s.app.inject({ method: 'GET', url: '/audit/events?actor=tester', headers: headers.an });
    expect(byActor.json().total).toBe(6);
    const bad = await s.app.inject({ method: 'GET', url: '/audit/events?limit=5000', headers: headers.an });
    expect(bad.statusCode).toBe(400);
    const badDate = await s.app.inject({ method: 'GET', url: '/audit/events?from=yesterday', headers: headers.an });
    expect(badDate.statusCode).toBe(400);
    const viewer = await s.app.inject({ method: 'GET', url: '/audit/events', headers: headers.vi });
    expect(viewer.statusCode).toBe(403);
  });

  it('exports JSONL and CSV to holders of audit:export only', async () => {
    const jsonl = await s.app.inject({ method: 'GET', url: '/audit/export?format=jsonl', headers: headers.qa });
    expect(jsonl.statusCode).toBe(200);
    expect(jsonl.headers['content-type']).toMatch(/application\/x-ndjson/);
    const lines = jsonl.body.trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l).seq)).toEqual(lines.map((_, i) => i + 1));
    const csv = await s.app.inject({
      method: 'GET',
      url: '/audit/export?format=csv&resource=scent/batch/*',
      headers: headers.qa,
    });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toContain('audit-events.csv');
    expect(csv.body.trimEnd().split('\n')).toHaveLength(6);
    const analyst = await s.app.inject({ method: 'GET', url: '/audit/export', headers: headers.an });
    expect(analyst.statusCode).toBe(403);
    const badFormat = await s.app.inject({ method: 'GET', url: '/audit/export?format=xml', headers: headers.qa });
    expect(badFormat.statusCode).toBe(400);
  });

  it('lists the signatures of a record', async () => {
    const signature = await s.esign.sign({
      username: 'qa',
      password,
      meaning: 'approved',
      recordType: 'restock.order',
      recordId: 'PO-1',
      record: { id: 'PO-1', qty: 40 },
    });
    const res = await s.app.inject({
      method: 'GET',
      url: '/esign/signatures?record_type=restock.order&record_id=PO-1',
      headers: headers.vi,
    });
    expect(res.json()).toEqual({ items: [signature] });
    const missing = await s.app.inject({ method: 'GET', url: '/esign/signatures', headers: headers.vi });
    expect(missing.statusCode).toBe(400);
  });

  it('verifies the chain and names the first bad event after tampering', async () => {
    const ok = await s.app.inject({ method: 'GET', url: '/audit/verify', headers: headers.an });
    expect(ok.json()).toMatchObject({ ok: true });
    const checked = ok.json().checked as number;
    await sql`alter table audit_events disable trigger audit_events_append_only`.execute(t.db.kysely);
    await sql`update audit_events set actor = 'mallory' where seq = 4`.execute(t.db.kysely);
    await sql`alter table audit_events enable trigger audit_events_append_only`.execute(t.db.kysely);
    const bad = await s.app.inject({ method: 'GET', url: '/audit/verify', headers: headers.an });
    expect(bad.json()).toMatchObject({ ok: false, firstBadSeq: 4, kind: 'hash_mismatch' });
    expect(checked).toBeGreaterThan(4);
  });
});
