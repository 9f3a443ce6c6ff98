/**
 * HTTP overhead of the Quintessence server: requests/s and p99 latency of `GET /alive` (public) and of an
 * authenticated small route (`GET /auth/me` with an API key), next to a bare Fastify server answering the same two
 * routes with the same bodies, in the same run. Servers listen on 127.0.0.1 in this process; the load comes from
 * autocannon in a child process (so the load generator does not share the event loop). Bounded: each cell runs
 * `--duration` seconds (default 5) with `--connections` (default 10) after a 1 s warm-up.
 *
 *   npm run bench -- http            (or: nice -n 10 npx tsx bench/platform/http.bench.ts --duration=5)
 *   DATABASE_URL=postgres://127.0.0.1/qx_bench npm run bench -- http   (Quintessence on PostgreSQL)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@quintessence/platform';
import { buildApp, createPlatform, installedModules } from '@quintessence/server';
import Fastify from 'fastify';
import pino from 'pino';

const arg = (name: string, fallback: number) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = hit ? Number(hit.split('=')[1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`--${name} must be a positive number`);
  return value;
};
const durationS = arg('duration', 5);
const connections = arg('connections', 10);
const autocannonBin = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

interface Load {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

function load(url: string, headers: Record<string, string> = {}): Promise<Load> {
  const args = [
    autocannonBin,
    '-j',
    '-c',
    String(connections),
    '-d',
    String(durationS),
    '-W',
    '[',
    '-c',
    '2',
    '-d',
    '1',
    ']',
  ];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}=${v}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited ${code}: ${err}`));
      // With a warm-up autocannon prints one JSON document per line; the last one is the measured run.
      const last =
        out
          .trim()
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .at(-1) ?? '{}';
      const r = JSON.parse(last) as {
        requests: { average: number };
        latency: { p50: number; p99: number };
        non2xx: number;
        errors: number;
      };
      resolve({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors });
    });
  });
}

async function bareServer(principal: unknown) {
  const app = Fastify({ logger: false });
  app.get('/alive', async () => ({ status: 'up' }));
  app.get('/auth/me', async () => principal);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  return { app, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

const dataDir = mkdtempSync(join(tmpdir(), 'qx-bench-http-'));
const config = loadConfig(
  {},
  {
    overrides: {
      dataDir,
      log: { level: 'silent' },
      rateLimit: { enabled: true, max: 10_000_000 },
      jobs: { runInServer: false },
      // DATABASE_URL=postgres://... runs the Quintessence side on PostgreSQL (a pool) instead of embedded PGlite.
      ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}),
    },
  },
);
const platform = await createPlatform(config, installedModules, {
  purpose: 'bench http',
  log: pino({ level: 'silent' }),
});
const rows: string[] = [];
try {
  const created = await platform.services.auth.createApiKey(
    { name: `bench-${Date.now()}`, roles: ['viewer'] },
    { principal: { kind: 'system', id: 'system', name: 'system', roles: ['admin'] } },
  );
  const apiKey = created.key;
  const app = await buildApp(platform);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const qxUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const me = await fetch(`${qxUrl}/auth/me`, { headers: { 'x-api-key': apiKey } });
  if (me.status !== 200) throw new Error(`GET /auth/me answered ${me.status}: ${await me.text()}`);
  const bare = await bareServer(await me.json());

  const cells: Array<[string, string, string, Record<string, string>]> = [
    ['GET /alive', 'bare Fastify', `${bare.url}/alive`, {}],
    ['GET /alive', 'Quintessence', `${qxUrl}/alive`, {}],
    ['GET /auth/me (API key)', 'bare Fastify (no auth)', `${bare.url}/auth/me`, {}],
    ['GET /auth/me (API key)', 'Quintessence', `${qxUrl}/auth/me`, { 'x-api-key': apiKey }],
  ];
  for (const [route, server, url, headers] of cells) {
    const r = await load(url, headers);
    rows.push(`| ${route} | ${server} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${r.non2xx + r.errors} |`);
  }
  await bare.app.close();
  await app.close();
} finally {
  await platform.close();
  rmSync(dataDir, { recursive: true, force: true });
}

console.log(
  `Node ${process.version}, ${config.databaseUrl ? 'PostgreSQL' : 'embedded PGlite'}, ${connections} connections, ` +
    `${durationS} s per cell after 1 s warm-up, loopback, autocannon in a child process\n`,
);
console.log('| route | server | requests/s | p50 ms | p99 ms | non-2xx + errors |');
console.log('|---|---|---:|---:|---:|---:|');
for (const row of rows) console.log(row);
