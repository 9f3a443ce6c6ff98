import { type Kysely, sql } from 'kysely';
import type { MigrationOwner } from '../db/migrations.js';

/** Shape of the audit tables (Kysely). */
export interface AuditTables {
  audit_events: {
    seq: number | string;
    occurred_at: Date;
    actor: string;
    action: string;
    resource: string;
    details: unknown;
    reason: string | null;
    request_id: string | null;
    client_address: string | null;
    prev_hash: string;
    hash: string;
    signature: string;
  };
  esign_signatures: {
    id: string;
    record_type: string;
    record_id: string;
    record_hash: string;
    signer_id: string;
    signer_username: string;
    signer_full_name: string;
    meaning: string;
    reason: string | null;
    signed_at: Date;
    audit_seq: number | string;
  };
}

/**
 * The audit trail and electronic signatures. Both tables are append-only: a trigger rejects UPDATE, DELETE and
 * TRUNCATE (on PGlite and PostgreSQL alike). Only a superuser who disables the trigger can change a row, and the
 * hash chain makes that visible to `verify`.
 */
export const auditMigrations: MigrationOwner = {
  name: 'platform_audit',
  migrations: {
    '0001_audit_events': {
      async up(db: Kysely<unknown>) {
        await sql`
          create table audit_events (
            seq bigint primary key check (seq > 0),
            occurred_at timestamptz not null,
            actor text not null,
            action text not null,
            resource text not null,
            details jsonb not null default '{}'::jsonb,
            reason text,
            request_id text,
            client_address text,
            prev_hash char(64) not null,
            hash char(64) not null unique,
            signature char(64) not null
          )`.execute(db);
        await sql`create index audit_events_actor_idx on audit_events (actor, seq)`.execute(db);
        await sql`create index audit_events_action_idx on audit_events (action, seq)`.execute(db);
        await sql`create index audit_events_resource_idx on audit_events (resource, seq)`.execute(db);
        await sql`create index audit_events_time_idx on audit_events (occurred_at)`.execute(db);
        await sql`
          create function audit_reject_change() returns trigger language plpgsql as $$
          begin
            raise exception '% is append-only: % is not allowed', tg_table_name, tg_op using errcode = '42501';
          end
          $$`.execute(db);
        await sql`
          create trigger audit_events_append_only before update or delete on audit_events
          for each row execute function audit_reject_change()`.execute(db);
        await sql`
          create trigger audit_events_no_truncate before truncate on audit_events
          for each statement execute function audit_reject_change()`.execute(db);

        await sql`
          create table esign_signatures (
            id text primary key,
            record_type text not null,
            record_id text not null,
            record_hash char(64) not null,
            signer_id text not null,
            signer_username text not null,
            signer_full_name text not null,
            meaning text not null,
            reason text,
            signed_at timestamptz not null,
            audit_seq bigint not null references audit_events (seq)
          )`.execute(db);
        await sql`create index esign_signatures_record_idx on esign_signatures (record_type, record_id, signed_at)`.execute(
          db,
        );
        await sql`
          create trigger esign_signatures_append_only before update or delete on esign_signatures
          for each row execute function audit_reject_change()`.execute(db);
        await sql`
          create trigger esign_signatures_no_truncate before truncate on esign_signatures
          for each statement execute function audit_reject_change()`.execute(db);
      },
      async down(db: Kysely<unknown>) {
        await sql`drop table if exists esign_signatures`.execute(db);
        await sql`drop table if exists audit_events`.execute(db);
        await sql`drop function if exists audit_reject_change()`.execute(db);
      },
    },
  },
};
