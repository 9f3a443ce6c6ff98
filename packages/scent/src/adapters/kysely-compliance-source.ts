import type { Database } from '@quintessence/platform';
import { type SelectQueryBuilder, sql } from 'kysely';
import type { AlertKind, AlertSeverity } from '../ports.js';
import type { ComplianceReportQuery, ComplianceReportSource } from '../service/compliance-report.js';
import type { ScentTables } from './migrations.js';
import { toAlert, toBatch } from './row-mappers.js';

/**
 * The period queries of the compliance report on Kysely (PGlite or PostgreSQL): batches whose life overlaps the
 * period, alerts raised in it (with counts by kind and severity) and counts of the readings measured in it.
 *
 * @example
 * const source = createKyselyComplianceSource(ctx.db);
 * const batches = await source.batches({ from, to, lineId: 'line-1' });
 */
export function createKyselyComplianceSource(db: Database): ComplianceReportSource {
  const k = db.as<ScentTables>();

  const alertsIn = (q: ComplianceReportQuery): SelectQueryBuilder<ScentTables, 'scent_alerts', object> => {
    let query = k
      .selectFrom('scent_alerts')
      .where('scent_alerts.created_at', '>=', q.from)
      .where('scent_alerts.created_at', '<', q.to);
    if (q.lineId) query = query.where('scent_alerts.line_id', '=', q.lineId);
    if (q.productId) {
      const productId = q.productId;
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('scent_batches')
            .select('scent_batches.id')
            .whereRef('scent_batches.id', '=', 'scent_alerts.batch_id')
            .where('scent_batches.product_id', '=', productId),
        ),
      );
    }
    return query;
  };

  return {
    async batches(q) {
      let query = k
        .selectFrom('scent_batches')
        .selectAll()
        .where('opened_at', '<', q.to)
        .where((eb) => eb.or([eb('decided_at', 'is', null), eb('decided_at', '>=', q.from)]));
      if (q.lineId) query = query.where('line_id', '=', q.lineId);
      if (q.productId) query = query.where('product_id', '=', q.productId);
      const rows = await query.orderBy('opened_at').orderBy('id').execute();
      return rows.map(toBatch);
    },

    async alerts(q, limit) {
      const [rows, groups] = await Promise.all([
        alertsIn(q).selectAll('scent_alerts').orderBy('scent_alerts.id').limit(limit).execute(),
        alertsIn(q)
          .select(['scent_alerts.kind', 'scent_alerts.severity', (eb) => eb.fn.countAll().as('n')])
          .groupBy(['scent_alerts.kind', 'scent_alerts.severity'])
          .execute(),
      ]);
      const byKind: Record<AlertKind, number> = { anomaly: 0, sensor_health: 0, calibration: 0 };
      const bySeverity: Record<AlertSeverity, number> = { info: 0, warning: 0, critical: 0 };
      let total = 0;
      for (const g of groups) {
        const n = Number(g.n);
        total += n;
        byKind[g.kind as AlertKind] += n;
        bySeverity[g.severity as AlertSeverity] += n;
      }
      const items = rows.map(toAlert);
      return { items, total, byKind, bySeverity };
    },

    async readingCounts(q) {
      let query = k
        .selectFrom('scent_readings')
        .innerJoin('scent_sensors', 'scent_sensors.id', 'scent_readings.sensor_id')
        .leftJoin('scent_batches', 'scent_batches.id', 'scent_readings.batch_id')
        .where('scent_readings.ts', '>=', q.from)
        .where('scent_readings.ts', '<', q.to);
      if (q.lineId) query = query.where('scent_sensors.line_id', '=', q.lineId);
      if (q.productId) query = query.where('scent_batches.product_id', '=', q.productId);
      const row = await query
        .select([
          (eb) => eb.fn.countAll().as('readings'),
          sql<number>`count(scent_readings.is_anomaly)`.as('scored'),
          sql<number>`count(*) filter (where scent_readings.is_anomaly)`.as('anomalies'),
        ])
        .executeTakeFirstOrThrow();
      return { readings: Number(row.readings), scored: Number(row.scored), anomalies: Number(row.anomalies) };
    },
  };
}
