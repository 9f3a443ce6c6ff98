import { createHash, createHmac } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authMigrations } from '../auth/auth-migrations.js';
import { createAuthService } from '../auth/auth-service.js';
import { clearAuthAndAuditTables } from '../auth/internal/clear-tables.js';
import type { Principal } from '../auth/roles.js';
import { loadConfig } from '../config/config.js';
import type { AuditEventInput } from '../ports.js';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { auditMigrations } from './audit-migrations.js';
import { type AuditTrail, createAuditTrail } from './audit-trail.js';
import { canonicalHash, canonicalJson } from './canonical-json.js';
import { createESignatureService } from './esignature-service.js';

const signingKey = 'test-audit-signing-key-0123456789abcdef';
const system: Principal = { kind: 'system', id: 'test', name: 'test', roles: ['admin'] };

function fakeClock(start = '2026-03-01T08:00:00.000Z') {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
  };
}

function event(i: number, extra: Partial<AuditEventInput> = {}): AuditEventInput {
  return {
    actor: i % 2 === 0 ? 'alice' : 'bob',
    action: i % 3 === 0 ? 'restock.order.approved' : 'restock.order.created',
    resource: `restock/order/PO-${i}`,
    details: { i, quantity: i * 10 },
    requestId: `req-${i}`,
    clientAddress: '10.0.0.1',
    ...extra,
  };
}

/**
 * The audit trail and e-signature conformance suite; `audit-trail.test.ts` runs it on PGlite and
 * `audit-trail.int.test.ts` on PostgreSQL.
 */
export function describeAuditTrail(kind: 'pglite' | 'postgres'): void {
  describe(`AuditTrail on ${kind}`, () => {
    let t: TestDatabase;
    let clock: ReturnType<typeof fakeClock>;
    let audit: AuditTrail;

    const exec = (query: string) => sql.raw(query).execute(t.db.kysely);
    /** What a superuser could do: switch the append-only trigger off, change rows, switch it on again. */
    async function tamper(...statements: string[]): Promise<void> {
      await exec('alter table audit_events disable trigger audit_events_append_only');
      try {
        for (const s of statements) await exec(s);
      } finally {
        await exec('alter table audit_events enable trigger audit_events_append_only');
      }
    }
    async function recordMany(n: number): Promise<void> {
      for (let i = 1; i <= n; i++) {
        await audit.record(event(i));
        clock.advance(1000);
      }
    }

    beforeAll(async () => {
      t = await openTestDatabase(kind, [authMigrations, auditMigrations]);
    });
    afterAll(async () => {
      await t?.close();
    });
    beforeEach(async () => {
      await clearAuthAndAuditTables(t.db);
      clock = fakeClock();
      audit = createAuditTrail({ db: t.db, signingKey, clock });
    });

    it('links each event to the previous one and verifies an intact chain', async () => {
      expect(await audit.verify()).toEqual({ ok: true, checked: 0 });
      const first = await audit.record(event(1, { reason: 'first' }));
      const second = await audit.record(event(2));
      expect(first.seq).toBe(1);
      expect(first.prevHash).toBe('0'.repeat(64));
      expect(second.seq).toBe(2);
      expect(second.prevHash).toBe(first.hash);
      expect(first.occurredAt).toBe('2026-03-01T08:00:00.000Z');
      expect(first.signature).toBe(createHmac('sha256', signingKey).update(first.hash).digest('hex'));
      const { hash, signature, ...hashed } = first;
      expect(hash).toBe(
        createHash('sha256')
          .update(canonicalJson({ ...hashed, requestId: 'req-1', clientAddress: '10.0.0.1' }))
          .digest('hex'),
      );
      expect(signature).toHaveLength(64);
      expect(await audit.verify()).toEqual({ ok: true, checked: 2, headSeq: 2, headHash: second.hash });
    });

    it('stores details as their JSON form, so what was hashed is what reads back', async () => {
      const at = new Date('2026-01-02T03:04:05.678Z');
      await audit.record({
        actor: 'alice',
        action: 'x.y',
        resource: 'x/1',
        details: { z: 1, a: { c: [1.5, 'é', null], b: at }, skip: undefined, big: 9007199254740991, small: 0.1 + 0.2 },
      });
      const [stored] = (await audit.list()).items;
      expect(stored!.details).toEqual({
        z: 1,
        a: { c: [1.5, 'é', null], b: at.toISOString() },
        big: 9007199254740991,
        small: 0.1 + 0.2,
      });
      expect((await audit.verify()).ok).toBe(true);
    });

    it('keeps one valid chain under concurrent appends from one process and from two trail instances', async () => {
      const other = createAuditTrail({ db: t.db, signingKey, clock });
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? audit : other).record(event(i + 1))),
      );
      expect(new Set(results.map((e) => e.seq)).size).toBe(40);
      expect([...results.map((e) => e.seq)].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(await audit.verify()).toMatchObject({ ok: true, checked: 40, headSeq: 40 });
    });

    it('records within a transaction and leaves nothing when it rolls back', async () => {
      await audit.record(event(1));
      await expect(
        t.db.kysely.transaction().execute(async (trx) => {
          await audit.recordIn(trx, event(2));
          throw new Error('business rule failed');
        }),
      ).rejects.toThrow('business rule failed');
      const committed = await t.db.kysely.transaction().execute((trx) => audit.recordIn(trx, event(3)));
      expect(committed.seq).toBe(2);
      expect(await audit.verify()).toMatchObject({ ok: true, checked: 2 });
    });

    it('rejects UPDATE, DELETE and TRUNCATE with the append-only trigger', async () => {
      await recordMany(3);
      await expect(exec(`update audit_events set actor = 'mallory' where seq = 2`)).rejects.toThrow(/append-only/);
      await expect(exec('delete from audit_events where seq = 2')).rejects.toThrow(/append-only/);
      await expect(exec('truncate audit_events cascade')).rejects.toThrow(/append-only/);
      expect((await audit.list()).total).toBe(3);
      expect(await audit.verify()).toMatchObject({ ok: true, checked: 3 });
    });

    it('detects an edited event and names it', async () => {
      await recordMany(6);
      await tamper(`update audit_events set details = '{"i":3,"quantity":3000}'::jsonb where seq = 3`);
      expect(await audit.verify()).toMatchObject({ ok: false, firstBadSeq: 3, kind: 'hash_mismatch', checked: 3 });
    });

    it('detects an edited event whose hash was recomputed without the signing key', async () => {
      await recordMany(5);
      const [row] = (await audit.list({}, { order: 'asc', offset: 3, limit: 1 })).items;
      const forged = { ...row!, actor: 'mallory' };
      const { hash: _h, signature: _s, ...fields } = forged;
      const newHash = createHash('sha256')
        .update(canonicalJson({ ...fields, reason: null }))
        .digest('hex');
      await tamper(`update audit_events set actor = 'mallory', hash = '${newHash}' where seq = 4`);
      expect(await audit.verify()).toMatchObject({ ok: false, firstBadSeq: 4, kind: 'signature_invalid' });
    });

    it('detects a deleted event and names the missing sequence number', async () => {
      await recordMany(6);
      await tamper('delete from audit_events where seq = 4');
      const report = await audit.verify();
      expect(report).toMatchObject({ ok: false, firstBadSeq: 4, kind: 'sequence_gap' });
      expect(report.problem).toMatch(/4 is missing/);
    });

    it('detects a deletion that renumbers the later events', async () => {
      await recordMany(6);
      await tamper(
        'delete from audit_events where seq = 2',
        'update audit_events set seq = seq + 1000 where seq > 2',
        'update audit_events set seq = seq - 1001 where seq > 1000',
      );
      expect(await audit.verify()).toMatchObject({ ok: false, firstBadSeq: 2, kind: 'hash_mismatch' });
    });

    it('detects an inserted event, even one with a well-formed hash and chain link', async () => {
      await recordMany(6);
      const prev = (await audit.list({}, { order: 'asc', offset: 3, limit: 1 })).items[0]!;
      const fields = {
        seq: 5,
        occurredAt: '2026-03-01T08:00:03.500Z',
        actor: 'mallory',
        action: 'restock.order.approved',
        resource: 'restock/order/PO-999',
        details: {},
        reason: null,
        requestId: null,
        clientAddress: null,
        prevHash: prev.hash,
      };
      const hash = createHash('sha256').update(canonicalJson(fields)).digest('hex');
      const signature = createHmac('sha256', 'a-key-the-attacker-guessed-000000').update(hash).digest('hex');
      await tamper(
        'update audit_events set seq = seq + 1000 where seq >= 5',
        'update audit_events set seq = seq - 999 where seq > 1000',
        `insert into audit_events (seq, occurred_at, actor, action, resource, details, prev_hash, hash, signature)
         values (5, '${fields.occurredAt}', 'mallory', 'restock.order.approved', 'restock/order/PO-999', '{}',
                 '${prev.hash}', '${hash}', '${signature}')`,
      );
      expect(await audit.verify()).toMatchObject({ ok: false, firstBadSeq: 5, kind: 'signature_invalid' });
    });

    it('detects an event appended at the end by hand', async () => {
      await recordMany(3);
      const head = (await audit.list({}, { limit: 1 })).items[0]!;
      await exec(
        `insert into audit_events (seq, occurred_at, actor, action, resource, details, prev_hash, hash, signature)
         values (4, now(), 'mallory', 'x', 'x/1', '{}', '${head.hash}', '${'a'.repeat(64)}', '${'b'.repeat(64)}')`,
      );
      expect(await audit.verify()).toMatchObject({ ok: false, firstBadSeq: 4, kind: 'hash_mismatch', checked: 4 });
    });

    it('detects reordered events', async () => {
      await recordMany(6);
      await tamper(
        'update audit_events set seq = 1002 where seq = 2',
        'update audit_events set seq = 2 where seq = 3',
        'update audit_events set seq = 3 where seq = 1002',
      );
      expect(await audit.verify()).toMatchObject({ ok: false, firstBadSeq: 2, kind: 'hash_mismatch', checked: 2 });
    });

    it('detects deleted newest events and a rewritten chain against an anchor from an earlier run', async () => {
      await recordMany(5);
      const earlier = await audit.verify();
      const anchor = { seq: earlier.headSeq!, hash: earlier.headHash! };
      await audit.record(event(6));
      expect(await audit.verify({ anchor })).toMatchObject({ ok: true, checked: 6 });
      await tamper('delete from audit_events where seq >= 4');
      // without the anchor a cut tail is a shorter valid chain; with it, the cut shows
      expect(await audit.verify()).toMatchObject({ ok: true, checked: 3 });
      expect(await audit.verify({ anchor })).toMatchObject({
        ok: false,
        firstBadSeq: 4,
        kind: 'truncated',
        headSeq: 3,
      });
      // an insider with the key rebuilds events 4 and 5 with other content: a valid chain, but not the anchored one
      await audit.record(event(40));
      await audit.record(event(50));
      expect(await audit.verify()).toMatchObject({ ok: true, checked: 5 });
      expect(await audit.verify({ anchor })).toMatchObject({ ok: false, firstBadSeq: 5, kind: 'anchor_mismatch' });
    });

    it('rejects a chain signed with another key', async () => {
      await recordMany(2);
      const stranger = createAuditTrail({ db: t.db, signingKey: 'another-signing-key-0123456789abcdef', clock });
      expect(await stranger.verify()).toMatchObject({ ok: false, firstBadSeq: 1, kind: 'signature_invalid' });
    });

    it('filters and paginates events', async () => {
      await recordMany(12);
      const all = await audit.list({}, { limit: 5 });
      expect(all.total).toBe(12);
      expect(all.items.map((e) => e.seq)).toEqual([12, 11, 10, 9, 8]);
      const page2 = await audit.list({}, { limit: 5, offset: 5, order: 'asc' });
      expect(page2.items.map((e) => e.seq)).toEqual([6, 7, 8, 9, 10]);
      expect((await audit.list({ actor: 'alice' }, { limit: 100 })).items.every((e) => e.actor === 'alice')).toBe(true);
      expect((await audit.list({ actor: 'alice' })).total).toBe(6);
      expect((await audit.list({ action: 'restock.order.approved' })).total).toBe(4);
      expect((await audit.list({ action: 'restock.order.*' })).total).toBe(12);
      expect((await audit.list({ action: 'restock.%' })).total).toBe(0);
      expect((await audit.list({ resource: 'restock/order/PO-1*' })).items.map((e) => e.seq).sort()).toEqual([
        1, 10, 11, 12,
      ]);
      const window = await audit.list(
        { from: new Date('2026-03-01T08:00:02.000Z'), to: new Date('2026-03-01T08:00:05.000Z') },
        { order: 'asc' },
      );
      expect(window.items.map((e) => e.seq)).toEqual([3, 4, 5]);
      await expect(audit.list({}, { limit: 0 })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
      await expect(audit.list({}, { limit: 1001 })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    });

    it('exports JSONL and CSV in sequence order, in batches', async () => {
      const small = createAuditTrail({ db: t.db, signingKey, clock, batchSize: 3 });
      await recordMany(7);
      await small.record(event(8, { reason: 'has "quotes", commas\nand a newline' }));
      let jsonl = '';
      for await (const chunk of small.exportJsonl()) jsonl += chunk;
      const lines = jsonl.trimEnd().split('\n');
      expect(lines).toHaveLength(8);
      expect(lines.map((l) => JSON.parse(l).seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(JSON.parse(lines[7]!)).toEqual((await small.list({}, { limit: 1 })).items[0]);
      let csv = '';
      for await (const chunk of small.exportCsv({ actor: 'alice' })) csv += chunk;
      expect(csv.split('\n')[0]).toBe(
        'seq,occurredAt,actor,action,resource,details,reason,requestId,clientAddress,prevHash,hash,signature',
      );
      expect(csv).toContain('"has ""quotes"", commas\nand a newline"');
      expect(csv).toContain('"{""i"":2,""quantity"":20}"');
      const rows = csv.trimEnd().split(/\n(?=\d+,)/);
      expect(rows).toHaveLength(1 + 4);
    });

    it('rejects an event without actor, action or resource', async () => {
      await expect(audit.record({ actor: '', action: 'a', resource: 'r' })).rejects.toMatchObject({
        code: 'VALIDATION_ERROR',
      });
      expect((await audit.list()).total).toBe(0);
    });
  });

  describe(`ESignatureService on ${kind}`, () => {
    let t: TestDatabase;
    const clock = fakeClock('2026-04-01T12:00:00.000Z');
    const password = 'correct horse battery';

    beforeAll(async () => {
      t = await openTestDatabase(kind, [authMigrations, auditMigrations]);
    });
    afterAll(async () => {
      await t?.close();
    });

    async function setup() {
      await clearAuthAndAuditTables(t.db);
      const audit = createAuditTrail({ db: t.db, signingKey, clock });
      const config = loadConfig({}, { overrides: { auth: { lockoutThreshold: 3, lockoutMinutes: 10 } } });
      const auth = createAuthService({
        db: t.db,
        config,
        jwtSecret: 'x'.repeat(32),
        audit,
        clock,
        passwordHashing: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
      });
      const esign = createESignatureService({ db: t.db, auth, audit, clock });
      const ctx = { principal: system };
      const qa = await auth.createUser(
        { username: 'qa.lead', fullName: 'Quinn Ames', password, roles: ['qa_approver'] },
        ctx,
      );
      await auth.createUser({ username: 'viewer', fullName: 'Vic Ewer', password, roles: ['viewer'] }, ctx);
      return { audit, auth, esign, qa };
    }

    const batch = { id: 'B-7', product: 'lavender', scores: { drift: 0.12, anomaly: false } };

    it('signs a record after re-authentication and shows the signature with the record and in the audit trail', async () => {
      const { audit, esign, qa } = await setup();
      const signature = await esign.sign({
        username: 'qa.lead',
        password,
        meaning: 'released',
        recordType: 'scent.batch',
        recordId: 'B-7',
        record: batch,
        reason: 'all QC checks passed',
        requestId: 'req-9',
        clientAddress: '10.1.2.3',
      });
      expect(signature).toMatchObject({
        recordType: 'scent.batch',
        recordId: 'B-7',
        signerId: qa.id,
        signerUsername: 'qa.lead',
        signerFullName: 'Quinn Ames',
        meaning: 'released',
        reason: 'all QC checks passed',
        signedAt: '2026-04-01T12:00:00.000Z',
      });
      // the hash does not depend on key order
      expect(signature.recordHash).toBe(
        canonicalHash({ scores: { anomaly: false, drift: 0.12 }, product: 'lavender', id: 'B-7' }),
      );
      expect(signature.recordHash).toBe(
        createHash('sha256')
          .update('{"id":"B-7","product":"lavender","scores":{"anomaly":false,"drift":0.12}}')
          .digest('hex'),
      );
      expect(await esign.listFor('scent.batch', 'B-7')).toEqual([signature]);
      expect(await esign.listFor('scent.batch', 'B-8')).toEqual([]);
      const [recorded] = (await audit.list({ action: 'esign.signed' })).items;
      expect(recorded).toMatchObject({
        seq: signature.auditSeq,
        actor: 'qa.lead',
        resource: 'scent.batch/B-7',
        reason: 'all QC checks passed',
        requestId: 'req-9',
        clientAddress: '10.1.2.3',
        details: { signatureId: signature.id, meaning: 'released', recordHash: signature.recordHash },
      });
      expect((await audit.verify()).ok).toBe(true);
      await expect(sql.raw(`update esign_signatures set meaning = 'rejected'`).execute(t.db.kysely)).rejects.toThrow(
        /append-only/,
      );
    });

    it('refuses a wrong password, stores nothing and records the failure', async () => {
      const { audit, esign } = await setup();
      await expect(
        esign.sign({
          username: 'qa.lead',
          password: 'wrong password!',
          meaning: 'approved',
          recordType: 'scent.batch',
          recordId: 'B-7',
          record: batch,
        }),
      ).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
      expect(await esign.listFor('scent.batch', 'B-7')).toEqual([]);
      expect((await audit.list({ action: 'esign.reauth.failed' })).total).toBe(1);
    });

    it('locks the signer out after repeated wrong passwords', async () => {
      const { esign } = await setup();
      const attempt = (pw: string) =>
        esign.sign({
          username: 'qa.lead',
          password: pw,
          meaning: 'approved',
          recordType: 't',
          recordId: '1',
          record: {},
        });
      await expect(attempt('wrong password 1')).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
      await expect(attempt('wrong password 2')).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
      await expect(attempt('wrong password 3')).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED' });
      await expect(attempt(password)).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED' });
    });

    it('refuses a signer without the esign:sign permission', async () => {
      const { audit, esign } = await setup();
      await expect(
        esign.sign({ username: 'viewer', password, meaning: 'approved', recordType: 't', recordId: '1', record: {} }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect((await audit.list({ action: 'esign.sign.rejected' })).total).toBe(1);
    });

    it('rejects an unknown meaning and a missing record', async () => {
      const { esign } = await setup();
      const base = { username: 'qa.lead', password, recordType: 't', recordId: '1', record: {} };
      await expect(esign.sign({ ...base, meaning: 'liked' as 'approved' })).rejects.toMatchObject({
        code: 'VALIDATION_ERROR',
      });
      await expect(esign.sign({ ...base, meaning: 'approved', record: undefined })).rejects.toMatchObject({
        code: 'VALIDATION_ERROR',
      });
    });
  });
}
