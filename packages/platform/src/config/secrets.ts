import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config.js';

export interface Secrets {
  readonly jwtSecret: string;
  readonly auditSigningKey: string;
}

/**
 * The JWT secret and audit signing key: from the configuration when given; otherwise (embedded mode) generated once
 * and kept in `<dataDir>/secrets.json` (mode 0600) so tokens and the audit chain survive restarts.
 */
export function resolveSecrets(config: Config): Secrets {
  if (config.auth.jwtSecret && config.audit.signingKey) {
    return { jwtSecret: config.auth.jwtSecret, auditSigningKey: config.audit.signingKey };
  }
  const file = join(config.dataDir, 'secrets.json');
  let stored: Partial<Secrets> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<Secrets>;
  const next: Secrets = {
    jwtSecret: stored.jwtSecret ?? randomBytes(32).toString('base64url'),
    auditSigningKey: stored.auditSigningKey ?? randomBytes(32).toString('base64url'),
  };
  if (next.jwtSecret !== stored.jwtSecret || next.auditSigningKey !== stored.auditSigningKey) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(next, null, 2), { mode: 0o600 });
  }
  return {
    jwtSecret: config.auth.jwtSecret ?? next.jwtSecret,
    auditSigningKey: config.audit.signingKey ?? next.auditSigningKey,
  };
}
