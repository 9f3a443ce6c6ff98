import type { Platform } from './platform.js';

export interface StartupReport {
  /** Set when this start created the bootstrap admin. `password` is absent when it came from QX_ADMIN_PASSWORD. */
  readonly admin?: { readonly username: string; readonly password?: string };
  /** Modules whose demo data was seeded. */
  readonly seeded: readonly string[];
}

/**
 * What `serve` does after migrations and before listening: with `demo`, each module's `seedDemo` (idempotent);
 * in embedded mode or with `demo`, makes sure an admin exists (created once, its password from
 * `QX_ADMIN_PASSWORD` or generated and reported here to be printed once).
 */
export async function prepareStartup(platform: Platform, options: { demo: boolean }): Promise<StartupReport> {
  const seeded: string[] = [];
  if (options.demo) {
    for (const module of platform.modules) {
      if (!module.seedDemo) continue;
      await module.seedDemo(platform.ctx);
      seeded.push(module.name);
    }
  }
  if (!options.demo && platform.config.databaseUrl && !platform.config.auth.bootstrapAdminPassword) {
    return { seeded };
  }
  const result = await platform.services.auth.ensureBootstrapAdmin();
  if (!result) return { seeded };
  return { seeded, admin: { username: result.username, ...(result.generated ? { password: result.password } : {}) } };
}
