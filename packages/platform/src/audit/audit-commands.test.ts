import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authMigrations } from '../auth/auth-migrations.js';
import { testCli } from '../auth/internal/test-cli.js';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { registerAuditCommands } from './audit-commands.js';
import { auditMigrations } from './audit-migrations.js';

describe('audit commands', () => {
  let t: TestDatabase;
  let cli: ReturnType<typeof testCli>;
  let t0 = Date.parse('2026-09-01T00:00:00.000Z');
  const clock = {
    now() {
      t0 += 60_000;
      return new Date(t0);
    },
  };
  const dir = mkdtempSync(join(tmpdir(), 'qx-audit-cli-'));

  beforeAll(async () => {
    t = await openTestDatabase('pglite', [authMigrations, auditMigrations]);
    cli = testCli(t.db, clock, registerAuditCommands);
    for (let i = 1; i <= 6; i++) {
      await cli.audit.record({
        actor: i % 2 ? 'alice' : 'bob',
        action: i <= 3 ? 'auth.login.succeeded' : 'restock.order.approved',
        resource: `r/${i}`,
        ...(i === 5 ? { reason: 'urgent, "rush" order' } : {}),
      });
    }
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists events with filters in every format', async () => {
    const json = await cli.run('audit', 'events', '--action', 'auth.login.*', '--format', 'json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({ total: 3, limit: 50, offset: 0 });
    const table = await cli.run('audit', 'events', '--actor', 'bob', '--order', 'asc', '--limit', '2');
    expect(table.out.split('\n')[0]).toMatch(/^seq\s+occurredAt\s+actor\s+action/);
    expect(table.out.trimEnd().split('\n')).toHaveLength(4);
    const csv = await cli.run('audit', 'events', '--from', '2026-09-01T00:03:00Z', '--format', 'csv');
    expect(csv.out.split('\n')[0]).toBe('seq,occurredAt,actor,action,resource,reason,requestId,clientAddress');
    expect(csv.out).toContain('"urgent, ""rush"" order"');
    expect(csv.out.trimEnd().split('\n')).toHaveLength(5);
  });

  it('exports JSONL to standard output and CSV to a file that must not exist yet', async () => {
    const jsonl = await cli.run('audit', 'export');
    expect(
      jsonl.out
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l).seq),
    ).toEqual([1, 2, 3, 4, 5, 6]);
    const file = join(dir, 'audit.csv');
    const written = await cli.run('audit', 'export', '--format', 'csv', '--output', file);
    expect(written.code).toBe(0);
    expect(readFileSync(file, 'utf8').split('\n')[0]).toMatch(/^seq,occurredAt,actor/);
    const again = await cli.run('audit', 'export', '--format', 'csv', '--output', file);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/--output: cannot write/);
  });

  it('rejects bad options with exit code 2', async () => {
    expect((await cli.run('audit', 'events', '--limit', '0')).code).toBe(2);
    expect((await cli.run('audit', 'events', '--from', 'last week')).err).toMatch(/--from must be an ISO-8601/);
    expect((await cli.run('audit', 'export', '--format', 'xml')).code).toBe(2);
  });

  it('verifies the chain, then fails with exit code 1 naming the first bad event', async () => {
    const ok = await cli.run('audit', 'verify', '--format', 'json');
    expect(ok.code).toBe(0);
    const report = JSON.parse(ok.out);
    expect(report).toMatchObject({ ok: true, checked: 6, headSeq: 6 });
    const anchored = await cli.run('audit', 'verify', '--anchor', `6:${report.headHash}`);
    expect(anchored.code).toBe(0);
    const wrongAnchor = await cli.run('audit', 'verify', '--anchor', `6:${'0'.repeat(64)}`);
    expect(wrongAnchor.code).toBe(1);
    expect(wrongAnchor.err).toMatch(/no longer has the anchored hash/);
    expect((await cli.run('audit', 'verify', '--anchor', 'latest')).code).toBe(2);
    await sql`alter table audit_events disable trigger audit_events_append_only`.execute(t.db.kysely);
    await sql`delete from audit_events where seq = 3`.execute(t.db.kysely);
    await sql`alter table audit_events enable trigger audit_events_append_only`.execute(t.db.kysely);
    const bad = await cli.run('audit', 'verify');
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/firstBadSeq\s+3/);
    expect(bad.err).toMatch(/verification failed at event 3: event 3 is missing/);
  });

  it('shows an example in every command help', async () => {
    for (const sub of ['verify', 'events', 'export']) {
      const help = await cli.run('audit', sub, '--help');
      expect(help.out).toMatch(new RegExp(`Example:\\n {2}\\$ quintessence audit ${sub}`));
    }
  });
});
