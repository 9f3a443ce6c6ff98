import type { Principal } from './auth/roles.js';

/**
 * The platform's services as the smallest interfaces their consumers need. Modules depend on these, never on the
 * implementations, so tests can pass simple in-memory values.
 */

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** Where a state change came from, carried into audit events. */
export interface RequestContext {
  readonly principal: Principal;
  readonly requestId?: string;
  readonly clientAddress?: string;
}

export interface AuditEventInput {
  /** Who: principal name (username, API key name, `system`). */
  readonly actor: string;
  /** What: `restock.order.approved`, `auth.login.failed`, ... */
  readonly action: string;
  /** On what: `restock/order/PO-20261123-0001`. */
  readonly resource: string;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly reason?: string;
  readonly requestId?: string;
  readonly clientAddress?: string;
}

export interface AuditEvent extends AuditEventInput {
  readonly seq: number;
  /** UTC ISO-8601 time. */
  readonly occurredAt: string;
  readonly prevHash: string;
  readonly hash: string;
  readonly signature: string;
}

/** Appends to the hash-chained, signed, append-only audit trail. */
export interface AuditRecorder {
  record(event: AuditEventInput): Promise<AuditEvent>;
}

/** Which events to list or export. Every field is optional; they combine with AND. */
export interface AuditFilter {
  readonly actor?: string;
  /** Exact action, or a prefix ending in `*` (`auth.login.*`). */
  readonly action?: string;
  /** Exact resource, or a prefix ending in `*` (`restock/order/*`). */
  readonly resource?: string;
  /** Inclusive lower bound on the event time. */
  readonly from?: Date;
  /** Exclusive upper bound on the event time. */
  readonly to?: Date;
}

export interface AuditPage {
  /** Default 50, at most 1000. */
  readonly limit?: number;
  readonly offset?: number;
  /** `desc` (newest first, the default) or `asc`. */
  readonly order?: 'asc' | 'desc';
}

export interface AuditEventPage {
  readonly items: AuditEvent[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

/** What kind of problem `verify` found. */
export type AuditProblemKind =
  | 'sequence_gap'
  | 'chain_broken'
  | 'hash_mismatch'
  | 'signature_invalid'
  | 'truncated'
  | 'anchor_mismatch';

/**
 * A head (sequence number and hash) from an earlier verification, kept outside the database (a ticket, a log, a
 * printout). The chain alone cannot show that its newest events were deleted; checking against an anchor can.
 */
export interface AuditAnchor {
  readonly seq: number;
  readonly hash: string;
}

/** What `verify` found. `firstBadSeq` names the first event that is edited, missing, inserted or out of order. */
export interface AuditVerification {
  readonly ok: boolean;
  /** Events examined. */
  readonly checked: number;
  readonly firstBadSeq?: number;
  readonly kind?: AuditProblemKind;
  readonly problem?: string;
  /** Sequence number and hash of the last event (compare with an earlier run to spot a truncated tail). */
  readonly headSeq?: number;
  readonly headHash?: string;
}

/**
 * The audit trail as modules see it: append, read back a period, and verify the whole chain (the same report as
 * `quintessence audit verify`), e.g. for a compliance report.
 */
export interface AuditLog extends AuditRecorder {
  /** Walks the whole chain and reports the first problem; with an anchor, also checks the chain still holds it. */
  verify(options?: { anchor?: AuditAnchor }): Promise<AuditVerification>;
  list(filter?: AuditFilter, page?: AuditPage): Promise<AuditEventPage>;
}

export const signatureMeanings = ['reviewed', 'approved', 'released', 'rejected', 'authored', 'verified'] as const;
export type SignatureMeaning = (typeof signatureMeanings)[number];

export interface SignRecordInput {
  /** The signer re-authenticates with username and password at signing time (21 CFR Part 11). */
  readonly username: string;
  readonly password: string;
  readonly meaning: SignatureMeaning;
  /** `restock.order`, `scent.batch`, ... */
  readonly recordType: string;
  readonly recordId: string;
  /** The record as signed; its canonical-JSON SHA-256 is stored with the signature. */
  readonly record: unknown;
  readonly reason?: string;
  readonly requestId?: string;
  readonly clientAddress?: string;
}

export interface ElectronicSignature {
  readonly id: string;
  readonly recordType: string;
  readonly recordId: string;
  readonly recordHash: string;
  readonly signerId: string;
  readonly signerUsername: string;
  readonly signerFullName: string;
  readonly meaning: SignatureMeaning;
  readonly reason?: string;
  /** UTC ISO-8601 time. */
  readonly signedAt: string;
  /** Sequence number of the audit event that records the signature. */
  readonly auditSeq: number;
}

export interface ESignatureService {
  /** Throws `INVALID_CREDENTIALS` when the password is wrong, `FORBIDDEN` when the signer lacks `esign:sign`. */
  sign(input: SignRecordInput): Promise<ElectronicSignature>;
  listFor(recordType: string, recordId: string): Promise<ElectronicSignature[]>;
}

export interface Cache {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Returns the cached value or computes, stores and returns it. */
  wrap<T>(key: string, ttlMs: number, compute: () => Promise<T>): Promise<T>;
}

export type JobState = 'queued' | 'running' | 'completed' | 'failed';

export interface JobRecord<R = unknown> {
  readonly id: string;
  readonly name: string;
  readonly state: JobState;
  readonly attempts: number;
  readonly maxAttempts: number;
  /** 0..1 */
  readonly progress: number;
  readonly payload: unknown;
  readonly result?: R;
  readonly error?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface JobContext {
  readonly jobId: string;
  readonly attempt: number;
  reportProgress(fraction: number): Promise<void>;
  readonly signal: AbortSignal;
}

export type JobHandler<P = unknown, R = unknown> = (payload: P, ctx: JobContext) => Promise<R>;

export interface EnqueueOptions {
  /** Total attempts including the first (default 3). */
  readonly attempts?: number;
  /** Base of the exponential backoff between attempts (default 1000 ms). */
  readonly backoffMs?: number;
  readonly delayMs?: number;
  /** Same key -> same job (idempotent enqueue). */
  readonly idempotencyKey?: string;
}

export interface JobQueue {
  register<P, R>(name: string, handler: JobHandler<P, R>): void;
  enqueue<P>(name: string, payload: P, options?: EnqueueOptions): Promise<JobRecord>;
  get(id: string): Promise<JobRecord | null>;
}

export interface EventBus {
  publish<T>(topic: string, payload: T): Promise<void>;
  /** Topic patterns use NATS wildcards (`scent.alerts.*`, `restock.>`). Returns an unsubscribe function. */
  subscribe<T>(topic: string, handler: (payload: T, topic: string) => void | Promise<void>): () => void;
}

/** Minimal structured logger (pino-compatible). */
export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  debug(obj: object | string, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}
