import { randomUUID } from 'node:crypto';
import type { AnonymousContext, AuthService } from '../auth/auth-service.js';
import { hasPermission } from '../auth/roles.js';
import type { Database } from '../db/database.js';
import { AppError } from '../errors/app-error.js';
import {
  type Clock,
  type ElectronicSignature,
  type ESignatureService,
  type SignatureMeaning,
  signatureMeanings,
  systemClock,
} from '../ports.js';
import type { AuditTables } from './audit-migrations.js';
import type { AuditTrail } from './audit-trail.js';
import { canonicalHash } from './canonical-json.js';

export interface ESignatureServiceOptions {
  readonly db: Database;
  /** Re-authenticates the signer (password, lockout). */
  readonly auth: Pick<AuthService, 'reauthenticate'>;
  /** The signature and its audit event commit in one transaction. */
  readonly audit: Pick<AuditTrail, 'record' | 'recordIn'>;
  readonly clock?: Clock;
}

type Row = AuditTables['esign_signatures'];

function toSignature(row: Row): ElectronicSignature {
  return {
    id: row.id,
    recordType: row.record_type,
    recordId: row.record_id,
    recordHash: row.record_hash,
    signerId: row.signer_id,
    signerUsername: row.signer_username,
    signerFullName: row.signer_full_name,
    meaning: row.meaning as SignatureMeaning,
    ...(row.reason === null ? {} : { reason: row.reason }),
    signedAt: new Date(row.signed_at).toISOString(),
    auditSeq: Number(row.audit_seq),
  };
}

function requireText(name: string, value: unknown, max = 200): string {
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw new AppError('VALIDATION_ERROR', `${name} must be a non-empty string`);
  }
  if (value.length > max) throw new AppError('VALIDATION_ERROR', `${name} must be at most ${max} characters`);
  return value;
}

/**
 * Electronic signatures in the manner of 21 CFR Part 11: the signer re-enters the password at signing time, gives
 * the meaning of the signature, and the signature stores signer, full name, UTC time, meaning and the SHA-256 of the
 * record's canonical JSON. The signature is recorded in the audit trail in the same transaction and links to its
 * audit event by sequence number; both tables are append-only.
 *
 * @example
 * const esign = createESignatureService({ db, auth, audit });
 * await esign.sign({ username: 'qa', password, meaning: 'released', recordType: 'scent.batch', recordId: 'B-7',
 *   record: batch });
 * @see 21 CFR 11.50 (signature manifestations), 11.70 (signature/record linking), 11.200 (signature components)
 */
export function createESignatureService(options: ESignatureServiceOptions): ESignatureService {
  const { db, auth, audit } = options;
  const clock = options.clock ?? systemClock;
  const k = db.as<AuditTables>();

  return {
    async sign(input) {
      if (!signatureMeanings.includes(input.meaning)) {
        throw new AppError('VALIDATION_ERROR', `meaning must be one of ${signatureMeanings.join(', ')}`);
      }
      const recordType = requireText('recordType', input.recordType, 100);
      const recordId = requireText('recordId', input.recordId);
      if (input.record === undefined) throw new AppError('VALIDATION_ERROR', 'record is required');
      if (input.reason !== undefined) requireText('reason', input.reason, 1000);
      const ctx: AnonymousContext = {
        ...(input.requestId ? { requestId: input.requestId } : {}),
        ...(input.clientAddress ? { clientAddress: input.clientAddress } : {}),
      };
      const { user, principal } = await auth.reauthenticate(input.username, input.password, ctx);
      const resource = `${recordType}/${recordId}`;
      if (!hasPermission(principal, 'esign:sign')) {
        await audit.record({
          actor: user.username,
          action: 'esign.sign.rejected',
          resource,
          details: { cause: 'missing permission esign:sign', meaning: input.meaning },
          ...ctx,
        });
        throw new AppError('FORBIDDEN', `${user.username} may not sign records (needs permission esign:sign)`);
      }
      const recordHash = canonicalHash(input.record);
      const id = randomUUID();
      const signedAt = clock.now();
      return db.kysely.transaction().execute(async (trx) => {
        const event = await audit.recordIn(trx, {
          actor: user.username,
          action: 'esign.signed',
          resource,
          details: {
            signatureId: id,
            meaning: input.meaning,
            recordHash,
            signerId: user.id,
            signerFullName: user.fullName,
            signedAt: signedAt.toISOString(),
          },
          ...(input.reason === undefined ? {} : { reason: input.reason }),
          ...ctx,
        });
        const row: Row = {
          id,
          record_type: recordType,
          record_id: recordId,
          record_hash: recordHash,
          signer_id: user.id,
          signer_username: user.username,
          signer_full_name: user.fullName,
          meaning: input.meaning,
          reason: input.reason ?? null,
          signed_at: signedAt,
          audit_seq: event.seq,
        };
        await (trx as unknown as typeof k).insertInto('esign_signatures').values(row).execute();
        return toSignature(row);
      });
    },

    async listFor(recordType, recordId) {
      const rows = await k
        .selectFrom('esign_signatures')
        .selectAll()
        .where('record_type', '=', recordType)
        .where('record_id', '=', recordId)
        .orderBy('signed_at')
        .orderBy('audit_seq')
        .execute();
      return rows.map(toSignature);
    },
  };
}
