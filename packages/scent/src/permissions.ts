import type { Role } from '@quintessence/platform';

/** Scent QC permissions (admin holds all). */
export const scentPermissions = {
  'scent:read': ['operator', 'qa_approver', 'planner', 'approver', 'analyst', 'viewer'],
  'scent:ingest': ['operator'],
  'scent:analyze': ['operator', 'qa_approver', 'analyst'],
  'scent:batch:assess': ['operator', 'qa_approver'],
  'scent:batch:release': ['qa_approver'],
  'scent:fingerprint:train': ['qa_approver', 'analyst'],
  'scent:sensors:manage': ['operator'],
  'scent:agents:configure': ['qa_approver'],
  'scent:report': ['qa_approver', 'approver', 'analyst'],
} as const satisfies Record<string, readonly Role[]>;

/** Scent QC error codes -> HTTP status. */
export const scentErrorCodes = {
  SCENT_DATA_NOT_FOUND: 404,
  SCENT_BAD_DATA: 422,
  SCENT_NOT_FOUND: 404,
  SCENT_UNKNOWN_SENSOR: 404,
  SCENT_UNKNOWN_BATCH: 404,
  SCENT_NO_MODEL: 404,
  SCENT_CONFLICT: 409,
  SCENT_BAD_CALIBRATION: 422,
  SCENT_INVALID_INPUT: 400,
  SCENT_BAD_READINGS: 422,
  SCENT_UNKNOWN_AGENT: 404,
  /** An adaptive fingerprint update was refused by a guard (anomaly rate, too few samples, step or cumulative shift). */
  SCENT_MODEL_UPDATE_REFUSED: 409,
} as const;
