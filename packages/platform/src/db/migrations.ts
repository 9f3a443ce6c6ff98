import { type Migration, type MigrationResultSet, Migrator } from 'kysely';
import { AppError } from '../errors/app-error.js';
import type { Database } from './database.js';

/** A module's migrations: name (sortable, e.g. `0001_init`) -> migration. */
export type MigrationSet = Readonly<Record<string, Migration>>;

export interface MigrationOwner {
  readonly name: string;
  readonly migrations?: MigrationSet;
}

function migratorFor(db: Database, owner: MigrationOwner): Migrator {
  const table = `qx_migrations_${owner.name.replace(/[^a-z0-9]/gi, '_')}`;
  return new Migrator({
    db: db.kysely,
    provider: { getMigrations: async () => ({ ...(owner.migrations ?? {}) }) },
    migrationTableName: table,
    migrationLockTableName: `${table}_lock`,
  });
}

export interface MigrationStatus {
  owner: string;
  name: string;
  executedAt: Date | null;
}

/**
 * Runs every owner's migrations in order (the platform first, then modules in the order given). Each owner has its
 * own history table, so modules can add migrations independently.
 */
export async function migrateToLatest(db: Database, owners: readonly MigrationOwner[]): Promise<MigrationStatus[]> {
  const applied: MigrationStatus[] = [];
  for (const owner of owners) {
    if (!owner.migrations || Object.keys(owner.migrations).length === 0) continue;
    const result: MigrationResultSet = await migratorFor(db, owner).migrateToLatest();
    if (result.error) {
      const failed = result.results?.find((r) => r.status === 'Error');
      throw new AppError(
        'INTERNAL_ERROR',
        `Migration ${owner.name}/${failed?.migrationName ?? '?'} failed: ${String((result.error as Error)?.message ?? result.error)}`,
        {
          cause: result.error,
        },
      );
    }
    for (const r of result.results ?? []) {
      if (r.status === 'Success') applied.push({ owner: owner.name, name: r.migrationName, executedAt: new Date() });
    }
  }
  return applied;
}

/** Every known migration and when it ran (null = pending). */
export async function migrationStatus(db: Database, owners: readonly MigrationOwner[]): Promise<MigrationStatus[]> {
  const out: MigrationStatus[] = [];
  for (const owner of owners) {
    if (!owner.migrations || Object.keys(owner.migrations).length === 0) continue;
    const infos = await migratorFor(db, owner).getMigrations();
    for (const info of infos) out.push({ owner: owner.name, name: info.name, executedAt: info.executedAt ?? null });
  }
  return out;
}

export async function hasPendingMigrations(db: Database, owners: readonly MigrationOwner[]): Promise<boolean> {
  return (await migrationStatus(db, owners)).some((m) => m.executedAt === null);
}
