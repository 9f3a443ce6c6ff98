import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { Database } from '../db/database.js';
import { AppError } from '../errors/app-error.js';
import {
  type AuditEvent,
  type AuditEventInput,
  type AuditFilter,
  type AuditLog,
  type AuditVerification,
  type Clock,
  systemClock,
} from '../ports.js';
import type { AuditTables } from './audit-migrations.js';
import { canonicalJson, jsonNormalise } from './canonical-json.js';

/** `prevHash` of the first event. */
export const genesisHash = '0'.repeat(64);

/** Anything Kysely can run a query on: the database or a transaction. */
// biome-ignore lint/suspicious/noExplicitAny: works with any table set; the audit tables are typed internally
type Executor = Kysely<any>;

export type {
  AuditAnchor,
  AuditEventPage,
  AuditFilter,
  AuditPage,
  AuditProblemKind,
  AuditVerification,
} from '../ports.js';

/** The audit trail: append (hash-chained, signed, also inside a caller's transaction), verify, list and export. */
export interface AuditTrail extends AuditLog {
  /**
   * Appends within the caller's transaction (READ COMMITTED), so the event commits or rolls back with the change it
   * describes. The chain lock is held until that transaction ends.
   */
  recordIn(trx: Executor, event: AuditEventInput): Promise<AuditEvent>;
  /** One JSON object per line, in sequence order. */
  exportJsonl(filter?: AuditFilter): AsyncIterable<string>;
  /** RFC 4180 CSV with a header row, in sequence order. */
  exportCsv(filter?: AuditFilter): AsyncIterable<string>;
}

export interface AuditTrailOptions {
  readonly db: Database;
  /** HMAC-SHA256 key of the signatures (`audit.signingKey` or the generated one in the data directory). */
  readonly signingKey: string;
  readonly clock?: Clock;
  /** Rows read per query by verify and export (default 1000). */
  readonly batchSize?: number;
}

type Row = AuditTables['audit_events'];

const csvColumns = [
  'seq',
  'occurredAt',
  'actor',
  'action',
  'resource',
  'details',
  'reason',
  'requestId',
  'clientAddress',
  'prevHash',
  'hash',
  'signature',
] as const;

/** The fields covered by an event's hash, in canonical form. */
function hashedFields(e: Omit<AuditEvent, 'hash' | 'signature'>): string {
  return canonicalJson({
    seq: e.seq,
    occurredAt: e.occurredAt,
    actor: e.actor,
    action: e.action,
    resource: e.resource,
    details: e.details ?? {},
    reason: e.reason ?? null,
    requestId: e.requestId ?? null,
    clientAddress: e.clientAddress ?? null,
    prevHash: e.prevHash,
  });
}

function toEvent(row: Row): AuditEvent {
  return {
    seq: Number(row.seq),
    occurredAt: new Date(row.occurred_at).toISOString(),
    actor: row.actor,
    action: row.action,
    resource: row.resource,
    details: (row.details ?? {}) as Record<string, unknown>,
    ...(row.reason === null ? {} : { reason: row.reason }),
    ...(row.request_id === null ? {} : { requestId: row.request_id }),
    ...(row.client_address === null ? {} : { clientAddress: row.client_address }),
    prevHash: row.prev_hash,
    hash: row.hash,
    signature: row.signature,
  };
}

function validateInput(event: AuditEventInput): void {
  for (const field of ['actor', 'action', 'resource'] as const) {
    if (typeof event[field] !== 'string' || event[field].length === 0) {
      throw new AppError('VALIDATION_ERROR', `audit event: ${field} must be a non-empty string`);
    }
  }
  if (event.details !== undefined && (typeof event.details !== 'object' || event.details === null)) {
    throw new AppError('VALIDATION_ERROR', 'audit event: details must be an object');
  }
}

function likePrefix(value: string): string {
  return `${value.slice(0, -1).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? canonicalJson(value) : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Serialises appends within this process; the advisory lock does it across processes. */
class Mutex {
  #tail: Promise<void> = Promise.resolve();
  async run<T>(fn: () => Promise<T>): Promise<T> {
    let release!: () => void;
    const next = new Promise<void>((r) => {
      release = r;
    });
    const prev = this.#tail;
    this.#tail = prev.then(() => next);
    await prev;
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

/**
 * The append-only, hash-chained, signed audit trail. Each event stores the previous event's hash and its own
 * SHA-256 over the canonical JSON of its fields (sequence number and previous hash included), signed with
 * HMAC-SHA256. Appends take a transaction-scoped advisory lock, so several processes on one PostgreSQL database
 * still build one valid chain. `verify` names the first edited, deleted, inserted or reordered event.
 *
 * @example
 * const audit = createAuditTrail({ db, signingKey: secrets.auditSigningKey });
 * await audit.record({ actor: 'alice', action: 'restock.order.approved', resource: 'restock/order/PO-1' });
 * const report = await audit.verify(); // { ok: true, checked: 1, ... }
 * @see 21 CFR 11.10(e) (secure, computer-generated, time-stamped audit trails)
 */
export function createAuditTrail(options: AuditTrailOptions): AuditTrail {
  const { db, signingKey } = options;
  if (typeof signingKey !== 'string' || signingKey.length < 16) {
    throw new AppError('CONFIG_INVALID', 'audit signing key must be at least 16 characters');
  }
  const clock = options.clock ?? systemClock;
  const batchSize = options.batchSize ?? 1000;
  const mutex = new Mutex();
  const kysely = db.as<AuditTables>();

  const sign = (hash: string) => createHmac('sha256', signingKey).update(hash).digest('hex');
  const hashOf = (fields: string) => createHash('sha256').update(fields).digest('hex');

  async function append(trx: Executor, input: AuditEventInput): Promise<AuditEvent> {
    validateInput(input);
    await sql`select pg_advisory_xact_lock(hashtext('quintessence.audit_events'))`.execute(trx);
    const last = await (trx as Kysely<AuditTables>)
      .selectFrom('audit_events')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    const unsigned = {
      seq: last ? Number(last.seq) + 1 : 1,
      occurredAt: clock.now().toISOString(),
      actor: input.actor,
      action: input.action,
      resource: input.resource,
      details: jsonNormalise(input.details ?? {}),
      ...(input.reason === undefined ? {} : { reason: input.reason }),
      ...(input.requestId === undefined ? {} : { requestId: input.requestId }),
      ...(input.clientAddress === undefined ? {} : { clientAddress: input.clientAddress }),
      prevHash: last ? last.hash : genesisHash,
    };
    const hash = hashOf(hashedFields(unsigned));
    const event: AuditEvent = { ...unsigned, hash, signature: sign(hash) };
    await (trx as Kysely<AuditTables>)
      .insertInto('audit_events')
      .values({
        seq: event.seq,
        occurred_at: new Date(event.occurredAt),
        actor: event.actor,
        action: event.action,
        resource: event.resource,
        details: JSON.stringify(event.details),
        reason: event.reason ?? null,
        request_id: event.requestId ?? null,
        client_address: event.clientAddress ?? null,
        prev_hash: event.prevHash,
        hash: event.hash,
        signature: event.signature,
      })
      .execute();
    return event;
  }

  function filtered(filter: AuditFilter): SelectQueryBuilder<AuditTables, 'audit_events', object> {
    let q = kysely.selectFrom('audit_events');
    if (filter.actor) q = q.where('actor', '=', filter.actor);
    for (const field of ['action', 'resource'] as const) {
      const value = filter[field];
      if (!value) continue;
      q = value.endsWith('*')
        ? q.where(sql<boolean>`${sql.ref(field)} like ${likePrefix(value)}`)
        : q.where(field, '=', value);
    }
    if (filter.from) q = q.where('occurred_at', '>=', filter.from);
    if (filter.to) q = q.where('occurred_at', '<', filter.to);
    return q;
  }

  async function* batches(filter: AuditFilter): AsyncGenerator<AuditEvent[]> {
    let after = 0;
    for (;;) {
      const rows = await filtered(filter)
        .selectAll()
        .where('seq', '>', after)
        .orderBy('seq', 'asc')
        .limit(batchSize)
        .execute();
      if (rows.length === 0) return;
      const events = rows.map(toEvent);
      yield events;
      after = events[events.length - 1]!.seq;
      if (rows.length < batchSize) return;
    }
  }

  return {
    record(event) {
      return mutex.run(() => kysely.transaction().execute((trx) => append(trx, event)));
    },

    recordIn(trx, event) {
      return append(trx, event);
    },

    async verify(verifyOptions = {}) {
      const anchor = verifyOptions.anchor;
      let anchorHash: string | undefined;
      let expectedSeq = 1;
      let prevHash = genesisHash;
      let checked = 0;
      const bad = (seq: number, kind: NonNullable<AuditVerification['kind']>, problem: string): AuditVerification => ({
        ok: false,
        checked,
        firstBadSeq: seq,
        kind,
        problem,
      });
      for await (const events of batches({})) {
        for (const e of events) {
          if (e.seq > expectedSeq) {
            return bad(
              expectedSeq,
              'sequence_gap',
              `event ${expectedSeq} is missing (the next stored event is ${e.seq})`,
            );
          }
          checked++;
          const recomputed = hashOf(hashedFields(e));
          if (recomputed !== e.hash) {
            // An event carrying another position's content (reordered rows) also fails here, because the sequence
            // number and previous hash are part of what is hashed.
            return bad(e.seq, 'hash_mismatch', `event ${e.seq} was altered: its content does not match its hash`);
          }
          if (!safeEqualHex(sign(e.hash), e.signature)) {
            return bad(e.seq, 'signature_invalid', `event ${e.seq} has an invalid signature (forged or re-hashed)`);
          }
          if (e.prevHash !== prevHash) {
            return bad(
              e.seq,
              'chain_broken',
              `event ${e.seq} does not follow event ${e.seq - 1}: the chain is broken (inserted, deleted or reordered events)`,
            );
          }
          prevHash = e.hash;
          expectedSeq = e.seq + 1;
          if (anchor && e.seq === anchor.seq) anchorHash = e.hash;
        }
      }
      const head = checked === 0 ? {} : { headSeq: expectedSeq - 1, headHash: prevHash };
      if (anchor && anchorHash === undefined) {
        return {
          ...bad(
            expectedSeq,
            'truncated',
            `events from ${expectedSeq} on are missing: the anchor names event ${anchor.seq}`,
          ),
          ...head,
        };
      }
      if (anchor && anchorHash !== anchor.hash) {
        return {
          ...bad(
            anchor.seq,
            'anchor_mismatch',
            `event ${anchor.seq} no longer has the anchored hash: the chain was rewritten`,
          ),
          ...head,
        };
      }
      return { ok: true, checked, ...head };
    },

    async list(filter = {}, page = {}) {
      const limit = page.limit ?? 50;
      const offset = page.offset ?? 0;
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
        throw new AppError('VALIDATION_ERROR', 'limit must be an integer from 1 to 1000');
      }
      if (!Number.isInteger(offset) || offset < 0) throw new AppError('VALIDATION_ERROR', 'offset must be >= 0');
      const [rows, count] = await Promise.all([
        filtered(filter)
          .selectAll()
          .orderBy('seq', page.order ?? 'desc')
          .limit(limit)
          .offset(offset)
          .execute(),
        filtered(filter)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toEvent), total: Number(count.n), limit, offset };
    },

    async *exportJsonl(filter = {}) {
      for await (const events of batches(filter)) {
        yield events.map((e) => `${JSON.stringify(e)}\n`).join('');
      }
    },

    async *exportCsv(filter = {}) {
      yield `${csvColumns.join(',')}\n`;
      for await (const events of batches(filter)) {
        yield events
          .map((e) => `${csvColumns.map((c) => csvCell((e as unknown as Record<string, unknown>)[c])).join(',')}\n`)
          .join('');
      }
    },
  };
}

function safeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
