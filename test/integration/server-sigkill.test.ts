import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testPostgresAdminUrl } from '@quintessence/platform/testing';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { type ServerProcess, sourceCli, spawnServer } from '../e2e/support/server-process.js';

const adminPassword = 'sigkill-admin-password-2026';

async function login(url: string): Promise<string> {
  const res = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: adminPassword }),
  });
  if (res.status !== 200) throw new Error(`login answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/**
 * Fires API-key creations (state-changing, audited requests) with `parallel` in flight, and SIGKILLs the server
 * once `killAfter` of them were acknowledged. Returns the names the server acknowledged with 201.
 */
async function writeUntilKilled(server: ServerProcess, token: string, killAfter: number, parallel = 4) {
  const acknowledged: string[] = [];
  let n = 0;
  let killed: Promise<number | string> | undefined;
  const worker = async () => {
    while (!killed) {
      const name = `sigkill-${++n}`;
      try {
        const res = await fetch(`${server.url}/apikeys`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ name, roles: ['viewer'] }),
        });
        if (res.status === 201 || res.status === 200) {
          await res.arrayBuffer();
          acknowledged.push(name);
        } else {
          throw new Error(`POST /apikeys answered ${res.status}: ${await res.text()}`);
        }
      } catch (error) {
        if (killed) return;
        throw error;
      }
      if (acknowledged.length >= killAfter && !killed) killed = server.kill('SIGKILL');
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  expect(await killed).toBe('SIGKILL');
  return { acknowledged, attempted: n };
}

async function checkAfterRestart(server: ServerProcess, acknowledged: readonly string[]) {
  const token = await login(server.url);
  const list = await fetch(`${server.url}/apikeys`, { headers: { authorization: `Bearer ${token}` } });
  expect(list.status).toBe(200);
  const body = (await list.json()) as unknown;
  const items = (Array.isArray(body) ? body : (body as { items: unknown[] }).items) as Array<{ name: string }>;
  const names = new Set(items.map((k) => k.name));
  const missing = acknowledged.filter((name) => !names.has(name));
  expect(missing, 'acknowledged API keys lost after SIGKILL').toEqual([]);

  const verify = await fetch(`${server.url}/audit/verify`, { headers: { authorization: `Bearer ${token}` } });
  expect(verify.status).toBe(200);
  const result = (await verify.json()) as { ok: boolean; checked: number };
  expect(result.ok).toBe(true);
  expect(result.checked).toBeGreaterThanOrEqual(acknowledged.length);
}

describe('SIGKILL during writes (embedded PGlite)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'qx-sigkill-'));
  const env = { ...process.env, QX_DATA_DIR: dataDir, QX_ADMIN_PASSWORD: adminPassword, LOG_LEVEL: 'warn' };
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    for (const s of servers) await s.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no acknowledged write and the audit chain verifies after restart', async () => {
    const first = await spawnServer({ entry: sourceCli, env });
    servers.push(first);
    const { acknowledged, attempted } = await writeUntilKilled(first, await login(first.url), 25);
    expect(acknowledged.length).toBeGreaterThanOrEqual(25);
    // Requests were still in flight when the process died.
    expect(attempted).toBeGreaterThan(acknowledged.length);
    const second = await spawnServer({ entry: sourceCli, env });
    servers.push(second);
    await checkAfterRestart(second, acknowledged);
  });
});

describe('SIGKILL during writes (PostgreSQL)', () => {
  const name = `qx_sigkill_${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'qx-sigkill-pg-'));
  const url = new URL(testPostgresAdminUrl);
  url.pathname = `/${name}`;
  const env = {
    ...process.env,
    QX_DATA_DIR: dataDir,
    DATABASE_URL: url.toString(),
    QX_ADMIN_PASSWORD: adminPassword,
    LOG_LEVEL: 'warn',
  };
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    for (const s of servers) await s.kill('SIGKILL');
    const admin = new pg.Client({ connectionString: testPostgresAdminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no acknowledged write and the audit chain verifies after restart', async () => {
    const admin = new pg.Client({ connectionString: testPostgresAdminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const first = await spawnServer({ entry: sourceCli, env });
    servers.push(first);
    const { acknowledged, attempted } = await writeUntilKilled(first, await login(first.url), 40);
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);
    expect(attempted).toBeGreaterThan(acknowledged.length);
    const second = await spawnServer({ entry: sourceCli, env });
    servers.push(second);
    await checkAfterRestart(second, acknowledged);
  });
});
