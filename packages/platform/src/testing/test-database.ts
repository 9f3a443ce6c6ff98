import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import pg from 'pg';
import { type Database, openDatabase } from '../db/database.js';
import { type MigrationOwner, migrateToLatest } from '../db/migrations.js';

/** PostgreSQL server used by integration tests (the machine's local server by default). */
export const testPostgresAdminUrl = process.env.QX_TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let workerPglite: Promise<PGlite> | undefined;

/** One in-memory PGlite per test worker (it takes ~2 s and ~0.7 GB to start). */
export function sharedPglite(): Promise<PGlite> {
  workerPglite ??= PGlite.create();
  return workerPglite;
}

export interface TestDatabase {
  readonly db: Database;
  /** Empties every schema and re-runs the migrations: call in `beforeEach`. */
  reset(): Promise<void>;
  /** Closes (PGlite stays open for the worker; a PostgreSQL test database is dropped). */
  close(): Promise<void>;
}

async function wipe(db: Database): Promise<void> {
  const schemas = await sql<{ nspname: string }>`
    select nspname from pg_namespace
    where nspname not in ('pg_catalog', 'information_schema', 'pg_toast') and nspname not like 'pg_temp%' and nspname not like 'pg_toast_temp%'`.execute(
    db.kysely,
  );
  for (const { nspname } of schemas.rows) {
    await sql`drop schema ${sql.id(nspname)} cascade`.execute(db.kysely);
  }
  await sql`create schema public`.execute(db.kysely);
}

/**
 * A migrated database for repository tests: `kind: 'pglite'` in unit tests, `'postgres'` in integration tests (a
 * fresh database on the local server, dropped on close). The same test body runs against both.
 *
 * @example
 * const t = await openTestDatabase('pglite', [platformMigrations]);
 * beforeEach(() => t.reset());
 */
export async function openTestDatabase(
  kind: 'pglite' | 'postgres',
  owners: readonly MigrationOwner[],
): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const db = await openDatabase({ dataDir: '' }, { pglite: await sharedPglite() });
    const reset = async () => {
      await wipe(db);
      await migrateToLatest(db, owners);
    };
    await reset();
    return { db, reset, close: () => db.close() };
  }
  const name = `qx_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testPostgresAdminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(testPostgresAdminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), dataDir: '' }, { poolMax: 4 });
  const reset = async () => {
    await wipe(db);
    await migrateToLatest(db, owners);
  };
  await reset();
  return {
    db,
    reset,
    async close() {
      await db.close();
      const drop = new pg.Client({ connectionString: testPostgresAdminUrl });
      await drop.connect();
      await drop.query(`drop database if exists ${name} with (force)`);
      await drop.end();
    },
    // the URL lets tests start a second pool or a child process on the same database
    ...{ url: url.toString() },
  };
}
