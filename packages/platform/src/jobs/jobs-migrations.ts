import { type Kysely, sql } from 'kysely';
import type { MigrationOwner } from '../db/migrations.js';

/** Row of the embedded queue's table `platform_jobs`. */
export interface JobRow {
  id: string;
  name: string;
  state: 'queued' | 'running' | 'completed' | 'failed';
  payload: unknown;
  result: unknown;
  error: string | null;
  progress: number;
  attempts: number;
  max_attempts: number;
  backoff_ms: number;
  idempotency_key: string | null;
  run_at: Date;
  locked_by: string | null;
  locked_until: Date | null;
  created_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

export interface JobsTables {
  platform_jobs: JobRow;
}

/**
 * Migrations of the embedded job queue (owner `platform_jobs`): one table, `platform_jobs`, on PGlite and PostgreSQL.
 *
 * @example
 * await migrateToLatest(db, [platformMigrations, jobsMigrations]);
 */
export const jobsMigrations: MigrationOwner = {
  name: 'platform_jobs',
  migrations: {
    '0001_create_platform_jobs': {
      // biome-ignore lint/suspicious/noExplicitAny: migrations run before any typed schema exists
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('platform_jobs')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('state', 'text', (c) =>
            c.notNull().check(sql`state in ('queued', 'running', 'completed', 'failed')`),
          )
          .addColumn('payload', 'jsonb', (c) => c.notNull())
          .addColumn('result', 'jsonb')
          .addColumn('error', 'text')
          .addColumn('progress', 'double precision', (c) => c.notNull().defaultTo(0))
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('max_attempts', 'integer', (c) => c.notNull().check(sql`max_attempts >= 1`))
          .addColumn('backoff_ms', 'integer', (c) => c.notNull().check(sql`backoff_ms >= 0`))
          .addColumn('idempotency_key', 'text', (c) => c.unique())
          .addColumn('run_at', 'timestamptz', (c) => c.notNull())
          .addColumn('locked_by', 'text')
          .addColumn('locked_until', 'timestamptz')
          .addColumn('created_at', 'timestamptz', (c) => c.notNull())
          .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
          .addColumn('finished_at', 'timestamptz')
          .execute();
        await db.schema.createIndex('platform_jobs_due').on('platform_jobs').columns(['state', 'run_at']).execute();
        await db.schema
          .createIndex('platform_jobs_lease')
          .on('platform_jobs')
          .column('locked_until')
          .where(sql.ref('state'), '=', 'running')
          .execute();
      },
      // biome-ignore lint/suspicious/noExplicitAny: see up
      async down(db: Kysely<any>) {
        await db.schema.dropTable('platform_jobs').execute();
      },
    },
  },
};
