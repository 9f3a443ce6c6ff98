import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../errors/app-error.js';
import { loadConfig, redactConfig } from './config.js';
import { resolveSecrets } from './secrets.js';

function configError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a configuration error');
}

describe('loadConfig', () => {
  it('gives the documented defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config.server.port).toBe(8080);
    expect(config.server.host).toBe('127.0.0.1');
    expect(config.dataDir.endsWith('.quintessence')).toBe(true);
    expect(config.auth.mode).toBe('enforced');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.llm.providers).toEqual([]);
    expect(Object.isFrozen(config.server)).toBe(true);
  });

  it('reads conventional variables, a YAML file, and lets the environment win over the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qx-config-'));
    const file = join(dir, 'q.yaml');
    writeFileSync(file, 'server:\n  port: 9000\n  host: 0.0.0.0\ncors:\n  origins: [https://a.example]\n');
    const config = loadConfig(
      { PORT: '9100', DATABASE_URL: 'postgres://u:pw@db:5432/q', CORS_ORIGINS: 'https://x.example, https://y.example' },
      { configFile: file },
    );
    expect(config.server.port).toBe(9100);
    expect(config.server.host).toBe('0.0.0.0');
    expect(config.databaseUrl).toBe('postgres://u:pw@db:5432/q');
    expect(config.cors.origins).toEqual(['https://x.example', 'https://y.example']);
  });

  it('sets any key through QX__SECTION__KEY variables', () => {
    const config = loadConfig({ QX__RATE_LIMIT__LOGIN_MAX: '3', QX__MODULES__RESTOCK__CONFIDENCE_THRESHOLD: '0.7' });
    expect(config.rateLimit.loginMax).toBe(3);
    expect(config.modules.restock).toEqual({ confidenceThreshold: 0.7 });
  });

  it('names the key when a value is invalid', () => {
    expect(configError(() => loadConfig({ PORT: 'eighty' })).message).toContain('PORT');
    const error = configError(() => loadConfig({ PORT: '70000' }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('server.port');
    expect(configError(() => loadConfig({ LOG_LEVEL: 'loud' })).message).toContain('log.level');
  });

  it('requires the JWT secret and audit key in production', () => {
    expect(configError(() => loadConfig({ NODE_ENV: 'production' })).message).toContain('auth.jwtSecret');
    const ok = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'j'.repeat(32), AUDIT_SIGNING_KEY: 'a'.repeat(32) });
    expect(ok.nodeEnv).toBe('production');
  });

  it('builds the LLM failover chain from the usual key variables', () => {
    const config = loadConfig({ GOOGLE_API_KEY: 'g', GROQ_API_KEY: 'q' });
    expect(config.llm.providers.map((p) => p.name ?? p.kind)).toEqual(['gemini', 'groq']);
  });

  it('reports an unreadable or malformed YAML file', () => {
    expect(configError(() => loadConfig({}, { configFile: '/nonexistent/q.yaml' })).code).toBe('CONFIG_INVALID');
    const dir = mkdtempSync(join(tmpdir(), 'qx-config-'));
    writeFileSync(join(dir, 'bad.yaml'), 'server: [1, 2\n');
    expect(configError(() => loadConfig({}, { configFile: join(dir, 'bad.yaml') })).message).toContain(
      'not valid YAML',
    );
  });
});

describe('redactConfig', () => {
  it('hides secrets and URL passwords', () => {
    const config = loadConfig({
      JWT_SECRET: 's'.repeat(40),
      DATABASE_URL: 'postgres://u:hunter2@db/q',
      GROQ_API_KEY: 'k',
    });
    const text = JSON.stringify(redactConfig(config));
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('s'.repeat(40));
    expect(text).toContain('postgres://u:[redacted]@db/q');
    expect(text).toContain('"apiKey":"[redacted]"');
  });
});

describe('resolveSecrets', () => {
  it('generates secrets once in the data directory and reuses them', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'qx-secrets-'));
    const config = loadConfig({ QX_DATA_DIR: dataDir });
    const first = resolveSecrets(config);
    expect(first.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(resolveSecrets(config)).toEqual(first);
    const given = resolveSecrets(loadConfig({ QX_DATA_DIR: dataDir, JWT_SECRET: 'x'.repeat(32) }));
    expect(given.jwtSecret).toBe('x'.repeat(32));
    expect(given.auditSigningKey).toBe(first.auditSigningKey);
  });
});
