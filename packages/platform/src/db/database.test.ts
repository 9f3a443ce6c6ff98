import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.js';
import { DataDirLock } from './data-dir-lock.js';
import { openDatabase } from './database.js';
import { migrateToLatest, migrationStatus } from './migrations.js';

const owner = {
  name: 'example',
  migrations: {
    '0001_items': {
      async up(db: import('kysely').Kysely<unknown>) {
        await db.schema
          .createTable('example_items')
          .addColumn('id', 'serial', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .execute();
      },
    },
  },
};

describe('openDatabase (PGlite on disk)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'qx-db-'));
  afterAll(() => new DataDirLock(dataDir).release());

  it('migrates, persists across reopen, and refuses a second opener while locked', async () => {
    const db = await openDatabase({ dataDir }, { purpose: 'test writer' });
    expect(db.kind).toBe('pglite');
    expect((await migrationStatus(db, [owner]))[0]!.executedAt).toBeNull();
    await migrateToLatest(db, [owner]);
    await db.kysely.insertInto('example_items').values({ name: 'first' }).execute();
    // Transactions serialise on PGlite's single connection and roll back as a unit.
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        await trx.insertInto('example_items').values({ name: 'rolled back' }).execute();
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await db.ping()).toBeGreaterThanOrEqual(0);

    const lock = new DataDirLock(dataDir);
    expect(lock.holder()).toBeNull(); // this process holds it
    await db.close();

    const again = await openDatabase({ dataDir });
    const rows = await again.kysely.selectFrom('example_items').select('name').execute();
    expect(rows.map((r) => r.name)).toEqual(['first']);
    expect((await migrationStatus(again, [owner]))[0]!.executedAt).toBeInstanceOf(Date);
    await again.close();
  });

  it('names the holder when another live process owns the lock', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qx-lock-'));
    const { writeFileSync } = await import('node:fs');
    // pid 1 is always alive and is not this process
    writeFileSync(
      join(dir, 'db.lock'),
      JSON.stringify({ pid: 1, purpose: 'quintessence serve', startedAt: '', url: 'http://127.0.0.1:8080' }),
    );
    const error = await openDatabase({ dataDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('DATA_DIR_LOCKED');
    expect((error as AppError).message).toContain('http://127.0.0.1:8080');
  });

  it('takes over a lock left by a dead process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qx-stale-'));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'db.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, purpose: 'killed', startedAt: '' }));
    const db = await openDatabase({ dataDir: dir });
    expect(Number((await sql<{ n: number }>`select 1 as n`.execute(db.kysely)).rows[0]!.n)).toBe(1);
    await db.close();
  });
});
