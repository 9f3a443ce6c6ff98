import { openTestDatabase, type TestDatabase } from '@quintessence/platform/testing';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createKyselyScentStore } from '../adapters/kysely-scent-store.js';
import { scentMigrations } from '../adapters/migrations.js';
import type { ScentStore } from '../ports.js';

export interface ScentTestStore {
  /** A fresh store on the reset database, with site `site-1` and line `line-1` (valid inside tests and later hooks). */
  readonly store: ScentStore;
}

/**
 * Registers the hooks of a store suite in the calling `describe`: one migrated database for the block (PGlite or the
 * local PostgreSQL), reset before each test and seeded with a site and a line. The suite's own `beforeEach` runs after
 * this one and adds what it needs.
 */
export function useScentTestStore(kind: 'pglite' | 'postgres'): ScentTestStore {
  let t: TestDatabase | undefined;
  let store: ScentStore | undefined;
  beforeAll(async () => {
    t = await openTestDatabase(kind, [{ name: 'scent', migrations: scentMigrations }]);
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(async () => {
    await t!.reset();
    store = createKyselyScentStore(t!.db);
    await store.upsertSite({ id: 'site-1', name: 'Plant' });
    await store.upsertLine({ id: 'line-1', siteId: 'site-1', name: 'Line 1' });
  });
  return {
    get store() {
      if (!store) throw new Error('the scent test store is available inside tests and hooks only');
      return store;
    },
  };
}
