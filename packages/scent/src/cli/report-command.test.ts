import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedComplianceHistory, tamperAuditEvent } from '../testing/compliance-fixture.js';
import { runScentCli } from '../testing/scent-cli.js';
import { openScentTestContext, type ScentTestContext } from '../testing/scent-test-context.js';

describe('scent report', () => {
  let tc: ScentTestContext;
  beforeAll(async () => {
    tc = await openScentTestContext('pglite');
    await tc.reset();
    await seedComplianceHistory(tc);
  });
  afterAll(async () => {
    await tc?.t.close();
  });

  const run = (args: string[]) => runScentCli(tc, ['scent', 'report', ...args]);

  it('prints the JSON report of a period with the signed release and a verified audit trail', async () => {
    const r = await run(['--from', '2026-11-23', '--to', '2026-11-24T00:00:00Z']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.generatedBy).toMatch(/^cli:/);
    const ok = report.batches.find((b: { id: string }) => b.id === 'B-OK');
    expect(ok.signatures[0]).toMatchObject({ meaning: 'released', signerUsername: 'quinn' });
    expect(report.auditVerification.ok).toBe(true);
  });

  it('writes HTML to a new file and refuses to overwrite it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'scent-report-')), 'report.html');
    const r = await run(['--from', '2026-11-23', '--to', '2026-11-24', '--format', 'html', '--output', file]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/wrote .*report\.html \(3 batches\)/);
    expect(readFileSync(file, 'utf8')).toContain('Audit trail verification: PASSED');
    const again = await run(['--from', '2026-11-23', '--to', '2026-11-24', '--format', 'html', '--output', file]);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/--output: cannot write/);
  });

  it('rejects a bad period or format with a message and exit code 2', async () => {
    for (const args of [
      ['--from', '2026-11-24', '--to', '2026-11-23'],
      ['--from', 'last week', '--to', '2026-11-23'],
      ['--from', '2026-11-23', '--to', '2026-11-24', '--format', 'pdf'],
      ['--from', '2026-11-23', '--to', '2026-11-24', '--anchor', 'latest'],
    ]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(/from|format|anchor/);
      expect(r.out).toBe('');
    }
  });

  it('still writes the report but exits non-zero when the audit trail is broken', async () => {
    const seq = await tamperAuditEvent(tc, 'scent.batch.assessed');
    const r = await run(['--from', '2026-11-23', '--to', '2026-11-24']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`verification failed at event ${seq}`));
    expect(JSON.parse(r.out).auditVerification).toMatchObject({ ok: false, firstBadSeq: seq });
  });
});
