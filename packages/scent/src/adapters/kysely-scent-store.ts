import type { Database } from '@quintessence/platform';
import { AppError } from '@quintessence/platform';
import { type Selectable, sql, type Updateable } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { GoldenBatchModelJSON } from '../domain/mspc/golden-batch-model.js';
import type { SensorKind } from '../domain/readings/reading-validator.js';
import {
  type Calibration,
  driftBucketOrder,
  type FingerprintModel,
  type IngestContext,
  type ScentStore,
  type Sensor,
  type Stage,
  type StoredReading,
} from '../ports.js';
import type { ScentTables } from './migrations.js';
import { type BatchRow, iso, json, toAlert, toBatch } from './row-mappers.js';

type SensorRow = Selectable<ScentTables['scent_sensors']>;
type ModelRow = Selectable<ScentTables['scent_models']>;
type ReadingRow = Selectable<ScentTables['scent_readings']>;

function toSensor(r: SensorRow): Sensor {
  return {
    id: r.id,
    lineId: r.line_id,
    stage: r.stage as Stage,
    kind: r.kind as SensorKind,
    channels: Number(r.channels),
    calibration: r.calibration === null ? null : json<Calibration>(r.calibration),
    acceptedReadings: Number(r.accepted_readings),
    rejectedReadings: Number(r.rejected_readings),
    createdAt: iso(r.created_at),
  };
}

function toModel(r: ModelRow): FingerprintModel {
  return {
    id: r.id,
    productId: r.product_id,
    sensorId: r.sensor_id,
    version: Number(r.version),
    channels: Number(r.channels),
    model: json<GoldenBatchModelJSON>(r.model),
    training: json<FingerprintModel['training']>(r.training),
    createdAt: iso(r.created_at),
    createdBy: r.created_by,
  };
}

const readingRow = (r: StoredReading) => ({
  sensor_id: r.sensorId,
  ts: new Date(r.timestamp),
  batch_id: r.batchId,
  raw: JSON.stringify(r.raw),
  values: JSON.stringify(r.values),
  quality_score: r.qualityScore,
  warnings: JSON.stringify(r.warnings),
  model_id: r.modelId,
  t2: r.t2,
  spe: r.spe,
  similarity: r.similarity,
  is_anomaly: r.isAnomaly,
});

function toReading(r: ReadingRow): StoredReading {
  return {
    sensorId: r.sensor_id,
    timestamp: iso(r.ts),
    batchId: r.batch_id,
    raw: json<number[]>(r.raw),
    values: json<number[]>(r.values),
    qualityScore: r.quality_score,
    warnings: json<string[]>(r.warnings),
    modelId: r.model_id,
    t2: r.t2,
    spe: r.spe,
    similarity: r.similarity,
    isAnomaly: r.is_anomaly,
  };
}

/**
 * {@link ScentStore} on Kysely; the same code runs on PGlite (embedded) and PostgreSQL.
 *
 * @example
 * const store = createKyselyScentStore(ctx.db);
 * await store.insertReadings(rows);
 */
export function createKyselyScentStore(db: Database): ScentStore {
  const k = db.as<ScentTables>();

  return {
    async upsertSite(site) {
      await k
        .insertInto('scent_sites')
        .values(site)
        .onConflict((oc) => oc.column('id').doUpdateSet({ name: site.name }))
        .execute();
    },
    async upsertLine(line) {
      await k
        .insertInto('scent_lines')
        .values({ id: line.id, site_id: line.siteId, name: line.name })
        .onConflict((oc) => oc.column('id').doUpdateSet({ site_id: line.siteId, name: line.name }))
        .execute();
    },
    async upsertProduct(product) {
      await k
        .insertInto('scent_products')
        .values(product)
        .onConflict((oc) => oc.column('id').doUpdateSet({ name: product.name, description: product.description }))
        .execute();
    },
    async upsertSensor(s) {
      const values = {
        line_id: s.lineId,
        stage: s.stage,
        kind: s.kind,
        channels: s.channels,
        calibration: s.calibration ? JSON.stringify(s.calibration) : null,
      };
      await k
        .insertInto('scent_sensors')
        .values({ id: s.id, ...values, created_at: new Date(s.createdAt) })
        .onConflict((oc) => oc.column('id').doUpdateSet(values))
        .execute();
    },
    async getSite(id) {
      return (await k.selectFrom('scent_sites').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
    },
    async getLine(id) {
      const r = await k.selectFrom('scent_lines').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? { id: r.id, siteId: r.site_id, name: r.name } : null;
    },
    async getProduct(id) {
      return (await k.selectFrom('scent_products').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
    },
    async listProducts() {
      return k.selectFrom('scent_products').selectAll().orderBy('id').execute();
    },
    async getSensor(id) {
      const r = await k.selectFrom('scent_sensors').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toSensor(r) : null;
    },
    async listSensors(filter = {}) {
      let q = k.selectFrom('scent_sensors').selectAll();
      if (filter.lineId) q = q.where('line_id', '=', filter.lineId);
      return (await q.orderBy('id').execute()).map(toSensor);
    },
    async setCalibration(sensorId, calibration) {
      const r = await k
        .updateTable('scent_sensors')
        .set({ calibration: JSON.stringify(calibration) })
        .where('id', '=', sensorId)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw new AppError('SCENT_UNKNOWN_SENSOR', `Unknown sensor "${sensorId}"`);
    },
    async countReadings(sensorId, accepted, rejected) {
      if (accepted === 0 && rejected === 0) return;
      await k
        .updateTable('scent_sensors')
        .set((eb) => ({
          accepted_readings: eb('accepted_readings', '+', accepted),
          rejected_readings: eb('rejected_readings', '+', rejected),
        }))
        .where('id', '=', sensorId)
        .execute();
    },
    async insertReadings(readings, chunkSize = 500) {
      if (!(Number.isInteger(chunkSize) && chunkSize >= 1)) throw new RangeError('chunkSize must be an integer >= 1');
      for (let i = 0; i < readings.length; i += chunkSize) {
        await k
          .insertInto('scent_readings')
          .values(readings.slice(i, i + chunkSize).map(readingRow))
          .execute();
      }
      return readings.length;
    },
    async ingestContext(sensorId, batchIds) {
      const ids = [...new Set(batchIds)];
      if (ids.length === 0) {
        const r = await k.selectFrom('scent_sensors').selectAll().where('id', '=', sensorId).executeTakeFirst();
        return r ? { sensor: toSensor(r), batches: [], models: [] } : null;
      }
      const r = await k
        .selectFrom('scent_sensors as s')
        .selectAll('s')
        .select((eb) => [
          jsonArrayFrom(eb.selectFrom('scent_batches as b').selectAll('b').where('b.id', 'in', ids)).as('batches'),
          jsonArrayFrom(
            eb
              .selectFrom('scent_models as m')
              .distinctOn('m.product_id')
              .select(['m.id', 'm.product_id', 'm.version', 'm.channels'])
              .whereRef('m.sensor_id', '=', 's.id')
              .where(
                'm.product_id',
                'in',
                eb.selectFrom('scent_batches as pb').select('pb.product_id').where('pb.id', 'in', ids),
              )
              .orderBy('m.product_id')
              .orderBy('m.version', 'desc'),
          ).as('models'),
        ])
        .where('s.id', '=', sensorId)
        .executeTakeFirst();
      if (!r) return null;
      const { batches, models, ...sensor } = r;
      return {
        sensor: toSensor(sensor),
        batches: json<BatchRow[]>(batches).map(toBatch),
        models: json<Array<Pick<ModelRow, 'id' | 'product_id' | 'version' | 'channels'>>>(models).map((m) => ({
          id: m.id,
          productId: m.product_id,
          version: Number(m.version),
          channels: Number(m.channels),
        })),
      } satisfies IngestContext;
    },
    async storeIngested(sensorId, readings, rejected, chunkSize = 500) {
      if (!(Number.isInteger(chunkSize) && chunkSize >= 1)) throw new RangeError('chunkSize must be an integer >= 1');
      const counters = {
        accepted_readings: sql<number>`accepted_readings + ${readings.length}`,
        rejected_readings: sql<number>`rejected_readings + ${rejected}`,
      };
      const last = Math.max(0, readings.length - chunkSize);
      for (let i = 0; i < last; i += chunkSize) {
        await k
          .insertInto('scent_readings')
          .values(readings.slice(i, Math.min(i + chunkSize, last)).map(readingRow))
          .execute();
      }
      const tail = readings.slice(last);
      if (tail.length === 0) {
        if (rejected > 0) await k.updateTable('scent_sensors').set(counters).where('id', '=', sensorId).execute();
        return 0;
      }
      await k
        .with('stored', (db) => db.insertInto('scent_readings').values(tail.map(readingRow)).returning('id'))
        .updateTable('scent_sensors')
        .set(counters)
        .where('id', '=', sensorId)
        .execute();
      return readings.length;
    },
    async lastReadingTime(sensorId) {
      const r = await k
        .selectFrom('scent_readings')
        .select((eb) => eb.fn.max('ts').as('last'))
        .where('sensor_id', '=', sensorId)
        .executeTakeFirst();
      return r?.last ? iso(r.last as Date | string) : null;
    },
    async listReadings(filter) {
      let q = k.selectFrom('scent_readings').selectAll();
      if (filter.sensorId) q = q.where('sensor_id', '=', filter.sensorId);
      if (filter.batchId) q = q.where('batch_id', '=', filter.batchId);
      if (filter.since) q = q.where('ts', '>=', new Date(filter.since));
      const rows = await q
        .orderBy('ts')
        .orderBy('id')
        .limit(filter.limit ?? 100_000)
        .execute();
      return rows.map(toReading);
    },
    async driftBuckets({ sensorId, channels, since }) {
      if (!Number.isInteger(channels) || channels < 1) throw new RangeError('channels must be a positive integer');
      const from = since ? new Date(since) : null;
      // The two middle values of each group (percentile_disc at 0.5 and just above it: the same value for an odd count),
      // averaged after the query as the in-memory median does. Ordered as numeric straight from the jsonb: the cast of
      // every value to float8 (through text) is what dominates the query on PGlite; numeric and the doubles parsed from
      // it sort alike, and only the middle values are converted.
      const middle = sql`percentile_disc(array[0.5, 0.5 + 1e-9]) within group`;
      const middles = sql.join(
        Array.from({ length: channels }, (_, j) => sql`${middle} (order by (r."values" -> ${sql.lit(j)})::numeric)`),
      );
      // Grouped before the join with the batches: joined first, the filters on jsonb lengths make the planner expect one
      // row and pick a nested loop over all readings × batches.
      const buckets = await sql<{
        batch_id: string;
        product_id: string;
        day: string | number;
        t: number[];
        first: number;
        n: string | number;
        middles: number[][];
      }>`
        with g as (
          select r.batch_id, floor(extract(epoch from r.ts) / 86400) as day, ${middle} (order by r.ts) as t,
                 min(r.ts) as first, count(*) as n, array[${middles}] as middles
          from scent_readings r
          where r.sensor_id = ${sensorId} ${from ? sql`and r.ts >= ${from}` : sql``} and r.batch_id is not null
            and jsonb_array_length(r.warnings) = 0 and jsonb_array_length(r."values") = ${channels}
          group by r.batch_id, day
        )
        select g.batch_id, b.product_id, g.day::float8 as day,
               array[(extract(epoch from g.t[1]) * 1000)::float8, (extract(epoch from g.t[2]) * 1000)::float8] as t,
               (extract(epoch from g.first) * 1000)::float8 as first, g.n, g.middles::float8[] as middles
        from g join scent_batches b on b.id = g.batch_id
        where b.status <> 'rejected'`.execute(k);
      let firstQuery = k.selectFrom('scent_readings').select('ts').where('sensor_id', '=', sensorId);
      if (from) firstQuery = firstQuery.where('ts', '>=', from);
      const first = await firstQuery.orderBy('ts').orderBy('id').limit(1).executeTakeFirst();
      return {
        firstReadingAt: first ? iso(first.ts) : null,
        buckets: buckets.rows
          .map((r) => ({
            batchId: r.batch_id,
            productId: r.product_id,
            day: Number(r.day),
            medianTimeMs: (Number(r.t[0]) + Number(r.t[1])) / 2,
            firstTimeMs: Number(r.first),
            readings: Number(r.n),
            medians: r.middles.map(([lo, hi]) => (Number(lo) + Number(hi)) / 2),
          }))
          .sort(driftBucketOrder),
      };
    },
    async batchCounts(batchId) {
      const r = await k
        .selectFrom('scent_readings')
        .select((eb) => [
          eb.fn.countAll().as('readings'),
          eb.fn.count('is_anomaly').as('scored'),
          eb.fn.sum(eb.case().when('is_anomaly', '=', true).then(1).else(0).end()).as('anomalies'),
          eb.fn
            .sum(
              eb
                .case()
                .when(eb.fn('jsonb_array_length', ['warnings']), '>', 0)
                .then(1)
                .else(0)
                .end(),
            )
            .as('warnings'),
        ])
        .where('batch_id', '=', batchId)
        .executeTakeFirstOrThrow();
      return {
        readings: Number(r.readings),
        scored: Number(r.scored),
        anomalies: Number(r.anomalies ?? 0),
        warnings: Number(r.warnings ?? 0),
      };
    },
    async createBatch(b) {
      const row = await k
        .insertInto('scent_batches')
        .values({
          id: b.id,
          product_id: b.productId,
          line_id: b.lineId,
          status: 'open',
          opened_at: new Date(b.openedAt),
          assessment: null,
          assessed_at: null,
          decided_at: null,
          decided_by: null,
          decision_reason: null,
          signature_id: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toBatch(row);
    },
    async getBatch(id) {
      const r = await k.selectFrom('scent_batches').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toBatch(r) : null;
    },
    async listBatches(filter = {}) {
      let q = k.selectFrom('scent_batches').selectAll();
      if (filter.status) q = q.where('status', '=', filter.status);
      return (await q.orderBy('opened_at').orderBy('id').execute()).map(toBatch);
    },
    async updateBatch(id, patch) {
      const set: Updateable<ScentTables['scent_batches']> = {};
      if (patch.status !== undefined) set.status = patch.status;
      if (patch.assessment !== undefined)
        set.assessment = patch.assessment === null ? null : JSON.stringify(patch.assessment);
      if (patch.assessedAt !== undefined)
        set.assessed_at = patch.assessedAt === null ? null : new Date(patch.assessedAt);
      if (patch.decidedAt !== undefined) set.decided_at = patch.decidedAt === null ? null : new Date(patch.decidedAt);
      if (patch.decidedBy !== undefined) set.decided_by = patch.decidedBy;
      if (patch.decisionReason !== undefined) set.decision_reason = patch.decisionReason;
      if (patch.signatureId !== undefined) set.signature_id = patch.signatureId;
      const row = await k.updateTable('scent_batches').set(set).where('id', '=', id).returningAll().executeTakeFirst();
      if (!row) throw new AppError('SCENT_UNKNOWN_BATCH', `Unknown batch "${id}"`);
      return toBatch(row);
    },
    async insertModel(m) {
      return k.transaction().execute(async (trx) => {
        const last = await trx
          .selectFrom('scent_models')
          .select((eb) => eb.fn.max('version').as('v'))
          .where('product_id', '=', m.productId)
          .where('sensor_id', '=', m.sensorId)
          .executeTakeFirst();
        const version = Number(last?.v ?? 0) + 1;
        const row = await trx
          .insertInto('scent_models')
          .values({
            id: m.id,
            product_id: m.productId,
            sensor_id: m.sensorId,
            version,
            channels: m.channels,
            model: JSON.stringify(m.model),
            training: JSON.stringify(m.training),
            created_at: new Date(m.createdAt),
            created_by: m.createdBy,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toModel(row);
      });
    },
    async getModel(id) {
      const r = await k.selectFrom('scent_models').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toModel(r) : null;
    },
    async latestModel(productId, sensorId) {
      const r = await k
        .selectFrom('scent_models')
        .selectAll()
        .where('product_id', '=', productId)
        .where('sensor_id', '=', sensorId)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst();
      return r ? toModel(r) : null;
    },
    async listModels(filter = {}) {
      let q = k.selectFrom('scent_models').selectAll();
      if (filter.productId) q = q.where('product_id', '=', filter.productId);
      return (await q.orderBy('product_id').orderBy('sensor_id').orderBy('version').execute()).map(toModel);
    },
    async insertAlert(a) {
      const row = await k
        .insertInto('scent_alerts')
        .values({
          kind: a.kind,
          severity: a.severity,
          sensor_id: a.sensorId,
          line_id: a.lineId,
          batch_id: a.batchId,
          message: a.message,
          details: JSON.stringify(a.details),
          reading_ts: a.readingTimestamp === null ? null : new Date(a.readingTimestamp),
          created_at: new Date(a.createdAt),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toAlert(row);
    },
    async listAlerts(filter = {}) {
      let q = k.selectFrom('scent_alerts').selectAll();
      if (filter.batchId) q = q.where('batch_id', '=', filter.batchId);
      return (
        await q
          .orderBy('id', 'desc')
          .limit(filter.limit ?? 100)
          .execute()
      ).map(toAlert);
    },
  };
}
