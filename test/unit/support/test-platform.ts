import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ConfigInput,
  loadConfig,
  type Principal,
  type QuintessenceModule,
  type Role,
} from '@quintessence/platform';
import { openTestDatabase } from '@quintessence/platform/testing';
import { buildApp, createPlatform, type Platform, type QuintessenceApp } from '@quintessence/server';
import pino from 'pino';

/** The principal test fixtures act as when they create users and keys. */
export const systemPrincipal: Principal = { kind: 'system', id: 'system', name: 'system', roles: ['admin'] };

export interface TestPlatform {
  readonly platform: Platform;
  readonly app: QuintessenceApp;
  readonly dataDir: string;
  /** Routes as the app registered them, with their access rule. */
  readonly routes: Array<{ method: string[]; url: string; public: boolean; permission?: string }>;
  /** An API key holding exactly `roles` (created through the real auth service). */
  apiKey(roles: readonly Role[]): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real platform (every service, the given modules) on the worker's shared in-memory PGlite (or a fresh
 * PostgreSQL database), wiped and migrated, with its app built. Tests authenticate with API keys.
 */
export async function openTestPlatform(
  options: {
    overrides?: ConfigInput;
    modules?: readonly QuintessenceModule[];
    migrate?: boolean;
    /** `pglite` (unit tests) or `postgres` (a fresh database on the local server, integration tests). */
    kind?: 'pglite' | 'postgres';
  } = {},
): Promise<TestPlatform> {
  const kind = options.kind ?? 'pglite';
  const database = await openTestDatabase(kind, []);
  const databaseUrl = (database as { url?: string }).url;
  const dataDir = mkdtempSync(join(tmpdir(), 'qx-test-'));
  const config = loadConfig(
    {},
    {
      overrides: {
        dataDir,
        log: { level: 'silent' },
        jobs: { runInServer: false },
        ...(databaseUrl ? { databaseUrl } : {}),
        ...options.overrides,
      },
    },
  );
  const platform = await createPlatform(config, options.modules ?? [], {
    db: database.db,
    log: pino({ level: 'silent' }),
    migrate: options.migrate ?? true,
  });
  const routes: TestPlatform['routes'] = [];
  let app: QuintessenceApp;
  try {
    app = await buildApp(platform, { onRoute: (r) => routes.push(r) });
  } catch (error) {
    await platform.close();
    await database.close();
    throw error;
  }
  let n = 0;
  return {
    platform,
    app,
    dataDir,
    routes,
    async apiKey(roles) {
      const created = await platform.services.auth.createApiKey(
        { name: `test-${roles.join('-') || 'none'}-${++n}`, roles },
        { principal: systemPrincipal },
      );
      return created.key;
    },
    async close() {
      await app.close();
      await platform.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
