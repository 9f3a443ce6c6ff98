import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../config/config.js';
import { DataDirLock } from './data-dir-lock.js';
import { PGliteDialect } from './pglite-dialect.js';

/** Any table shape; modules narrow it with `db.as<MyTables>()`. */
// biome-ignore lint/suspicious/noExplicitAny: the schema is open, each module types its own tables
export type AnyTables = any;

/**
 * The database: PGlite (embedded, a data directory on disk) or PostgreSQL (a pool from `DATABASE_URL`).
 * One SQL dialect and one set of migrations serve both; the backend is a value, not a branch in callers.
 */
export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly kysely: Kysely<AnyTables>;
  /** The same database, typed with a module's tables. */
  as<T>(): Kysely<T>;
  /** Round-trip latency of `select 1` in milliseconds (for /health/detailed). */
  ping(): Promise<number>;
  /** Records the server URL in the embedded lock file so other processes can point users at it. */
  annotateLock(url: string): void;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Shown to a second process that finds the embedded data directory locked (e.g. "quintessence serve"). */
  purpose?: string;
  /** In-memory PGlite (tests). */
  memory?: boolean;
  /** An existing PGlite instance (tests share one per worker). */
  pglite?: PGlite;
  /** PostgreSQL pool size. */
  poolMax?: number;
}

function wrap(
  kind: Database['kind'],
  kysely: Kysely<AnyTables>,
  onClose: () => Promise<void>,
  lock?: DataDirLock,
): Database {
  let closed = false;
  return {
    kind,
    kysely,
    as: <T>() => kysely as unknown as Kysely<T>,
    async ping() {
      const start = performance.now();
      await sql`select 1`.execute(kysely);
      return performance.now() - start;
    },
    annotateLock: (url) => lock?.annotate(url),
    async close() {
      if (closed) return;
      closed = true;
      await kysely.destroy();
      await onClose();
      lock?.release();
    },
  };
}

/** Opens PostgreSQL when `config.databaseUrl` is set, PGlite in `<dataDir>/pgdata` otherwise. */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  options: OpenDatabaseOptions = {},
): Promise<Database> {
  if (options.pglite) {
    return wrap('pglite', new Kysely({ dialect: new PGliteDialect(options.pglite) }), async () => {});
  }
  if (config.databaseUrl) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: options.poolMax ?? 10 });
    pool.on('error', () => {
      // idle client errors surface on the next query; do not crash the process
    });
    return wrap('postgres', new Kysely({ dialect: new PostgresDialect({ pool }) }), async () => {});
  }
  if (options.memory) {
    const pglite = await PGlite.create();
    return wrap('pglite', new Kysely({ dialect: new PGliteDialect(pglite) }), () => pglite.close());
  }
  const lock = new DataDirLock(config.dataDir);
  lock.acquire(options.purpose ?? `quintessence ${process.argv.slice(2, 4).join(' ')}`.trim());
  try {
    const pglite = await PGlite.create(join(config.dataDir, 'pgdata'));
    return wrap('pglite', new Kysely({ dialect: new PGliteDialect(pglite) }), () => pglite.close(), lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}
