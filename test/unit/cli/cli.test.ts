import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProgram } from '@quintessence/cli';
import { captureIo, runProgram } from '@quintessence/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const cap = captureIo();
  const code = await runProgram(buildProgram(cap.io, { env }), argv, cap.io);
  return { code, out: cap.out(), err: cap.err() };
}

type Command = ReturnType<typeof buildProgram>;

function commandPaths(program: Command): string[][] {
  const paths: string[][] = [];
  const walk = (cmd: Command, prefix: string[]) => {
    for (const sub of cmd.commands) {
      const path = [...prefix, sub.name()];
      paths.push(path);
      walk(sub, path);
    }
  };
  walk(program, []);
  return paths;
}

describe('quintessence CLI', () => {
  const program = buildProgram(captureIo().io);
  const paths = commandPaths(program);

  it('lists every platform command group in --help', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    for (const name of ['serve', 'worker', 'db', 'config', 'users', 'apikeys', 'audit', 'llm']) {
      expect(out).toMatch(new RegExp(`^\\s+${name}\\b`, 'm'));
    }
    for (const cmd of program.commands) expect(out, cmd.name()).toMatch(new RegExp(`^\\s+${cmd.name()}\\b`, 'm'));
    expect(out).toContain('--config <file>');
  });

  it('gives every command and group a --help with an example', async () => {
    expect(paths.length).toBeGreaterThan(15);
    for (const path of paths) {
      const { code, out } = await run([...path, '--help']);
      expect(code, path.join(' ')).toBe(0);
      expect(out, `quintessence ${path.join(' ')} --help`).toMatch(/\nExamples?:\n(\s+\$ .*\n)*\s+\$ .*quintessence /);
    }
  });

  it('prints the configuration with secrets redacted', async () => {
    const env = {
      JWT_SECRET: 'j'.repeat(40),
      AUDIT_SIGNING_KEY: 'a'.repeat(40),
      DATABASE_URL: 'postgres://qx:s3cretpw@127.0.0.1:5432/qx',
      QX_ADMIN_PASSWORD: 'correct horse battery',
    };
    const { code, out } = await run(['config', 'print'], env);
    expect(code).toBe(0);
    const printed = JSON.parse(out) as { auth: { jwtSecret: string }; databaseUrl: string; server: { port: number } };
    expect(printed.auth.jwtSecret).toBe('[redacted]');
    expect(printed.databaseUrl).toBe('postgres://qx:[redacted]@127.0.0.1:5432/qx');
    expect(printed.server.port).toBe(8080);
    expect(out).not.toMatch(/jjjj|aaaa|s3cretpw|correct horse/);
    const table = await run(['config', 'print', '--format', 'table'], env);
    expect(table.out).toMatch(/^auth\.jwtSecret\s+\[redacted\]$/m);
    const csv = await run(['config', 'print', '--format', 'csv'], env);
    expect(csv.out.split('\n')[0]).toBe('key,value');
  });

  it('reads --config FILE, with the environment overriding it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qx-cli-config-'));
    try {
      const file = join(dir, 'quintessence.yaml');
      writeFileSync(file, 'server:\n  port: 9123\nlog:\n  level: warn\n');
      const fromFile = await run(['--config', file, 'config', 'print']);
      expect(JSON.parse(fromFile.out)).toMatchObject({ server: { port: 9123 }, log: { level: 'warn' } });
      const overridden = await run(['--config', file, 'config', 'print'], { PORT: '9200' });
      expect(JSON.parse(overridden.out)).toMatchObject({ server: { port: 9200 } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits non-zero with a clear message on bad input', async () => {
    const badPort = await run(['serve', '--port', 'eighty']);
    expect(badPort.code).toBe(2);
    expect(badPort.err).toContain('error: --port must be an integer from 0 to 65535; got "eighty"');
    const badFormat = await run(['config', 'print', '--format', 'xml']);
    expect(badFormat.code).toBe(2);
    expect(badFormat.err).toContain('--format must be one of json, table, csv; got "xml"');
    const unknown = await run(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/unknown command 'frobnicate'/);
    const badConfig = await run(['config', 'print'], { PORT: 'eighty' });
    expect(badConfig.code).not.toBe(0);
    expect(badConfig.err).toContain('PORT must be a number');
    const missingFile = await run(['--config', '/nonexistent/quintessence.yaml', 'config', 'print']);
    expect(missingFile.code).not.toBe(0);
    expect(missingFile.err).toContain('Cannot read configuration file /nonexistent/quintessence.yaml');
    for (const r of [badPort, badFormat, badConfig, missingFile]) expect(r.err).not.toMatch(/\n\s+at /);
  });

  it("maps a module's input error to exit 2 before any database context opens", async () => {
    const res = await run([
      'scent',
      'replay',
      '--data-format',
      'cqu',
      '--input',
      '/nonexistent/session',
      '--sensor',
      's',
    ]);
    expect(res.code, res.err).toBe(2);
    expect(res.err).toContain('[SCENT_DATA_NOT_FOUND]');
    expect(res.err).not.toMatch(/\n\s+at /);
  });
});

describe('quintessence db and the data-dir lock', () => {
  let dataDir: string;
  let holder: ChildProcess | undefined;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'qx-cli-db-'));
  });
  afterAll(() => {
    holder?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('migrates and reports every migration as applied', async () => {
    const env = { QX_DATA_DIR: dataDir, LOG_LEVEL: 'error' };
    const before = await run(['db', 'status', '--format', 'json'], env);
    expect(before.code, before.err).toBe(0);
    const pending = JSON.parse(before.out) as Array<{ owner: string; state: string }>;
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((m) => m.state === 'pending')).toBe(true);
    const migrated = await run(['db', 'migrate', '--format', 'json'], env);
    expect(migrated.code, migrated.err).toBe(0);
    expect((JSON.parse(migrated.out) as { applied: unknown[] }).applied.length).toBe(pending.length);
    const after = await run(['db', 'status', '--format', 'json'], env);
    const rows = JSON.parse(after.out) as Array<{ owner: string; state: string }>;
    expect(rows.every((m) => m.state === 'applied')).toBe(true);
    expect(rows.map((m) => m.owner)).toEqual(
      expect.arrayContaining(['platform_auth', 'platform_audit', 'platform_jobs']),
    );
  }, 180_000);

  it('fails with DATA_DIR_LOCKED naming the holder while another process holds the embedded database', async () => {
    holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    writeFileSync(
      join(dataDir, 'db.lock'),
      JSON.stringify({
        pid: holder.pid,
        purpose: 'quintessence serve',
        startedAt: new Date().toISOString(),
        url: 'http://127.0.0.1:8080',
      }),
    );
    const res = await run(['users', 'list'], { QX_DATA_DIR: dataDir, LOG_LEVEL: 'error' });
    expect(res.code).not.toBe(0);
    expect(res.err).toContain(`in use by process ${holder.pid} (quintessence serve at http://127.0.0.1:8080)`);
    expect(res.err).toContain('[DATA_DIR_LOCKED]');
    const status = await run(['db', 'status'], { QX_DATA_DIR: dataDir, LOG_LEVEL: 'error' });
    expect(status.code).not.toBe(0);
    expect(status.err).toContain('[DATA_DIR_LOCKED]');
  });
});
