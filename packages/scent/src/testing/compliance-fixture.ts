import { sql } from 'kysely';
import { setupDemoLine } from '../service/scent-demo.js';
import { scentServiceFor } from '../service/scent-service-registry.js';
import { operator, qaPrincipal, type ScentTestContext } from './scent-test-context.js';

/** The rejection reason of {@link seedComplianceHistory}'s rejected batch: markup that a report must escape. */
export const hostileReason = 'H2S off-odour <script>alert("x")</script> & retest';

/**
 * A day of line history for report tests (on the fake clock's 2026-11-23): the demo line with fingerprints, batch
 * `B-OK` (clean readings, assessed, released by quinn with an e-signature) and batch `B-BAD` (H2S contamination,
 * anomaly alerts, assessed, rejected by quinn with {@link hostileReason}).
 */
export async function seedComplianceHistory(tc: ScentTestContext): Promise<void> {
  const scent = scentServiceFor(tc.ctx);
  const start = tc.clock.now().getTime();
  const line = await setupDemoLine(scent, { startMs: start, referenceReadings: 60 });
  const sim = line.simulators.get('enose-process')!;
  for (const [id, contaminated] of [
    ['B-OK', false],
    ['B-BAD', true],
  ] as const) {
    tc.clock.advance(60_000);
    await scent.openBatch({ id, productId: 'orange-juice', lineId: 'demo-line-1' }, { principal: operator });
    const t0 = tc.clock.now().getTime();
    await scent.ingest(
      'enose-process',
      Array.from({ length: 30 }, (_, i) => ({
        timestamp: t0 + (i + 1) * 1000,
        values: sim.sample(
          'orange-juice',
          t0 + (i + 1) * 1000,
          contaminated ? [{ kind: 'contamination', compound: 'hydrogen_sulfide', ppm: 0.5 }] : [],
        ).values,
        metadata: { batch_id: id },
      })),
    );
    tc.clock.advance(60_000);
    await scent.assessBatch(id, { principal: operator });
  }
  tc.clock.advance(60_000);
  await scent.decideBatch(
    'B-OK',
    { decision: 'release', username: 'quinn', password: 'quinn-password-1' },
    { principal: qaPrincipal },
  );
  await scent.decideBatch(
    'B-BAD',
    { decision: 'reject', username: 'quinn', password: 'quinn-password-1', reason: hostileReason },
    { principal: qaPrincipal },
  );
}

/**
 * Edits one stored audit event behind the trail's back, as a superuser could (append-only trigger off, update, trigger
 * on): what verification must catch. Returns the edited event's sequence number.
 */
export async function tamperAuditEvent(tc: ScentTestContext, action: string): Promise<number> {
  const db = tc.t.db.kysely;
  await sql`alter table audit_events disable trigger audit_events_append_only`.execute(db);
  try {
    const row = await sql<{ seq: string | number }>`
      update audit_events set actor = 'mallory'
      where seq = (select min(seq) from audit_events where action = ${action})
      returning seq`.execute(db);
    return Number(row.rows[0]!.seq);
  } finally {
    await sql`alter table audit_events enable trigger audit_events_append_only`.execute(db);
  }
}
