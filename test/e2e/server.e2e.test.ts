import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtCli, runCli, type ServerProcess, spawnServer } from './support/server-process.js';

const adminPassword = 'e2e-admin-password-2026';

describe('built server (apps/cli/dist/main.js serve)', () => {
  let dataDir: string;
  let server: ServerProcess;

  beforeAll(async () => {
    if (!existsSync(builtCli)) throw new Error(`${builtCli} is missing: run \`npm run build\` first`);
    dataDir = mkdtempSync(join(tmpdir(), 'qx-e2e-'));
    server = await spawnServer({
      entry: builtCli,
      env: { ...process.env, QX_DATA_DIR: dataDir, QX_ADMIN_PASSWORD: adminPassword, LOG_LEVEL: 'warn' },
    });
  });
  afterAll(async () => {
    await server?.kill('SIGKILL');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints its URL on a free port and answers the health endpoints', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).not.toMatch(/:0$/);
    expect(server.stdout()).toContain('bootstrap admin created');
    expect(server.stdout()).not.toContain(adminPassword);
    for (const path of ['/alive', '/health', '/ready']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(200);
    }
  });

  it('logs in with the bootstrap admin and reaches a protected route with the token, 401 without', async () => {
    const login = await fetch(`${server.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: adminPassword }),
    });
    expect(login.status).toBe(200);
    const tokens = (await login.json()) as { accessToken: string; tokenType: string };
    expect(tokens.tokenType).toBe('Bearer');

    const withToken = await fetch(`${server.url}/health/detailed`, {
      headers: { authorization: `Bearer ${tokens.accessToken}` },
    });
    expect(withToken.status).toBe(200);
    const detailed = (await withToken.json()) as { dependencies: Array<{ name: string; status: string }> };
    expect(detailed.dependencies.find((d) => d.name === 'database')?.status).toBe('up');

    const without = await fetch(`${server.url}/health/detailed`, { headers: { 'x-request-id': 'e2e-401' } });
    expect(without.status).toBe(401);
    expect(without.headers.get('x-request-id')).toBe('e2e-401');
    const envelope = (await without.json()) as { error: { code: string; request_id: string } };
    expect(envelope.error).toMatchObject({ code: 'UNAUTHORIZED', request_id: 'e2e-401' });

    const badPassword = await fetch(`${server.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'wrong-password-123' }),
    });
    expect(badPassword.status).toBe(401);
  });

  it('keeps CLI commands off the embedded database while the server holds it', async () => {
    const res = await runCli(['users', 'list'], {
      entry: builtCli,
      env: { ...process.env, QX_DATA_DIR: dataDir, LOG_LEVEL: 'error' },
    });
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('[DATA_DIR_LOCKED]');
    expect(res.stderr).toContain(server.url);
  });

  it('shuts down gracefully on SIGTERM and releases the data-dir lock', async () => {
    const exit = await server.kill('SIGTERM');
    expect(exit).toBe(0);
    expect(existsSync(join(dataDir, 'db.lock'))).toBe(false);
    const after = await runCli(['db', 'status', '--format', 'json'], {
      entry: builtCli,
      env: { ...process.env, QX_DATA_DIR: dataDir, LOG_LEVEL: 'error' },
    });
    expect(after.code, after.stderr).toBe(0);
    const rows = JSON.parse(after.stdout) as Array<{ state: string }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.state === 'applied')).toBe(true);
  });
});
