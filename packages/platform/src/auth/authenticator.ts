import type { Principal } from './roles.js';

/** Credentials as they arrive on a request. */
export interface CredentialHeaders {
  readonly authorization?: string;
  readonly 'x-api-key'?: string;
}

/**
 * Resolves request credentials to a principal. Returns null when the request carries no credentials; throws
 * `AppError('UNAUTHORIZED')` when they are present but invalid, expired or revoked. Implemented by the auth service;
 * used by the server's fail-closed authentication hook.
 */
export interface Authenticator {
  authenticate(headers: CredentialHeaders): Promise<Principal | null>;
}
