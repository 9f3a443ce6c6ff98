import type { MigrationSet } from '@quintessence/platform';
import { type Generated, type Kysely, type Migration, sql } from 'kysely';

/**
 * The Scent QC tables (prefixed `scent_`): sites, lines, products, sensors (kind, channels, per-channel calibration),
 * readings (raw and calibrated values, validation and MSPC score), batches (assessment and release decision),
 * fingerprint models (versioned golden-batch model JSON) and alerts. The same SQL runs on PGlite and PostgreSQL.
 */
const init: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('scent_sites')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('scent_lines')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('site_id', 'text', (c) => c.notNull().references('scent_sites.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('scent_products')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .execute();
    await db.schema
      .createTable('scent_sensors')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('line_id', 'text', (c) => c.notNull().references('scent_lines.id'))
      .addColumn('stage', 'text', (c) => c.notNull().check(sql`stage in ('inlet', 'process', 'packaging')`))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('channels', 'integer', (c) => c.notNull().check(sql`channels between 1 and 1024`))
      .addColumn('calibration', 'jsonb')
      .addColumn('accepted_readings', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('rejected_readings', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('scent_batches')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('product_id', 'text', (c) => c.notNull().references('scent_products.id'))
      .addColumn('line_id', 'text', (c) => c.notNull().references('scent_lines.id'))
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('open', 'assessed', 'released', 'rejected')`),
      )
      .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
      .addColumn('assessment', 'jsonb')
      .addColumn('assessed_at', 'timestamptz')
      .addColumn('decided_at', 'timestamptz')
      .addColumn('decided_by', 'text')
      .addColumn('decision_reason', 'text')
      .addColumn('signature_id', 'text')
      .execute();
    await db.schema
      .createTable('scent_readings')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      .addColumn('sensor_id', 'text', (c) => c.notNull().references('scent_sensors.id'))
      .addColumn('ts', 'timestamptz', (c) => c.notNull())
      .addColumn('batch_id', 'text', (c) => c.references('scent_batches.id'))
      .addColumn('raw', 'jsonb', (c) => c.notNull())
      .addColumn('values', 'jsonb', (c) => c.notNull())
      .addColumn('quality_score', 'double precision', (c) => c.notNull())
      .addColumn('warnings', 'jsonb', (c) => c.notNull())
      .addColumn('model_id', 'text')
      .addColumn('t2', 'double precision')
      .addColumn('spe', 'double precision')
      .addColumn('similarity', 'double precision')
      .addColumn('is_anomaly', 'boolean')
      .execute();
    await db.schema.createIndex('scent_readings_sensor_ts').on('scent_readings').columns(['sensor_id', 'ts']).execute();
    await db.schema.createIndex('scent_readings_batch').on('scent_readings').columns(['batch_id']).execute();
    await db.schema
      .createTable('scent_models')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('product_id', 'text', (c) => c.notNull().references('scent_products.id'))
      .addColumn('sensor_id', 'text', (c) => c.notNull().references('scent_sensors.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('channels', 'integer', (c) => c.notNull())
      .addColumn('model', 'jsonb', (c) => c.notNull())
      .addColumn('training', 'jsonb', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addUniqueConstraint('scent_models_version', ['product_id', 'sensor_id', 'version'])
      .execute();
    await db.schema
      .createTable('scent_alerts')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('anomaly', 'sensor_health', 'calibration')`))
      .addColumn('severity', 'text', (c) => c.notNull().check(sql`severity in ('info', 'warning', 'critical')`))
      .addColumn('sensor_id', 'text', (c) => c.notNull())
      .addColumn('line_id', 'text', (c) => c.notNull())
      .addColumn('batch_id', 'text')
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('details', 'jsonb', (c) => c.notNull())
      .addColumn('reading_ts', 'timestamptz')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of [
      'scent_alerts',
      'scent_models',
      'scent_readings',
      'scent_batches',
      'scent_sensors',
      'scent_products',
      'scent_lines',
      'scent_sites',
    ]) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};

/**
 * The QC agents (issue 5): per-agent configuration (enabled, settings; every change audited), each coordinated
 * analysis (subject, consensus, narrative and why an LLM narrative was refused) and each agent's report in it.
 */
const agents: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('scent_agent_configs')
      .addColumn('agent_id', 'text', (c) => c.primaryKey())
      .addColumn('enabled', 'boolean', (c) => c.notNull())
      .addColumn('settings', 'jsonb', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('scent_agent_analyses')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('subject', 'jsonb', (c) => c.notNull())
      .addColumn('consensus', 'jsonb', (c) => c.notNull())
      .addColumn('narrative', 'text', (c) => c.notNull())
      .addColumn('narrative_source', 'text', (c) => c.notNull().check(sql`narrative_source in ('llm', 'template')`))
      .addColumn('narrative_note', 'text')
      .execute();
    await db.schema
      .createTable('scent_agent_runs')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      .addColumn('analysis_id', 'text', (c) => c.notNull().references('scent_agent_analyses.id'))
      .addColumn('agent_id', 'text', (c) => c.notNull())
      .addColumn('ran_at', 'timestamptz', (c) => c.notNull())
      .addColumn('anomaly_detected', 'boolean', (c) => c.notNull())
      .addColumn('confidence', 'double precision', (c) => c.notNull())
      .addColumn('report', 'jsonb', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('scent_agent_runs_agent').on('scent_agent_runs').columns(['agent_id', 'id']).execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of ['scent_agent_runs', 'scent_agent_analyses', 'scent_agent_configs']) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};

export const scentMigrations: MigrationSet = { '0001_init': init, '0002_agents': agents };

/** Row types of the scent tables (what Kysely reads back; timestamps may arrive as Date or string). */
export interface ScentTables {
  scent_sites: { id: string; name: string };
  scent_lines: { id: string; site_id: string; name: string };
  scent_products: { id: string; name: string; description: string | null };
  scent_sensors: {
    id: string;
    line_id: string;
    stage: string;
    kind: string;
    channels: number;
    calibration: unknown;
    accepted_readings: Generated<string | number | bigint>;
    rejected_readings: Generated<string | number | bigint>;
    created_at: Date | string;
  };
  scent_batches: {
    id: string;
    product_id: string;
    line_id: string;
    status: string;
    opened_at: Date | string;
    assessment: unknown;
    assessed_at: Date | string | null;
    decided_at: Date | string | null;
    decided_by: string | null;
    decision_reason: string | null;
    signature_id: string | null;
  };
  scent_readings: {
    id: Generated<string | number | bigint>;
    sensor_id: string;
    ts: Date | string;
    batch_id: string | null;
    raw: unknown;
    values: unknown;
    quality_score: number;
    warnings: unknown;
    model_id: string | null;
    t2: number | null;
    spe: number | null;
    similarity: number | null;
    is_anomaly: boolean | null;
  };
  scent_models: {
    id: string;
    product_id: string;
    sensor_id: string;
    version: number;
    channels: number;
    model: unknown;
    training: unknown;
    created_at: Date | string;
    created_by: string;
  };
  scent_alerts: {
    id: Generated<string | number | bigint>;
    kind: string;
    severity: string;
    sensor_id: string;
    line_id: string;
    batch_id: string | null;
    message: string;
    details: unknown;
    reading_ts: Date | string | null;
    created_at: Date | string;
  };
}
