import argon2 from 'argon2';

/** argon2id cost parameters. */
export interface PasswordHashingOptions {
  /** Memory in KiB (default 65536 = 64 MiB). */
  readonly memoryCost?: number;
  /** Iterations (default 3). */
  readonly timeCost?: number;
  /** Lanes (default 4). */
  readonly parallelism?: number;
}

/**
 * Production defaults: argon2id with 64 MiB, 3 iterations, 4 lanes (RFC 9106 section 4, second recommended option).
 * Tests pass a cheaper set through the auth service's `passwordHashing` option.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9106#section-4
 */
export const defaultPasswordHashing: Required<PasswordHashingOptions> = {
  memoryCost: 65_536,
  timeCost: 3,
  parallelism: 4,
};

/** Hashes and verifies passwords with argon2id (PHC string format, salt included). */
export class PasswordHasher {
  readonly #options: Required<PasswordHashingOptions>;
  #dummy: Promise<string> | undefined;

  constructor(options: PasswordHashingOptions = {}) {
    this.#options = { ...defaultPasswordHashing, ...options };
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id, ...this.#options });
  }

  /** False for a wrong password or a malformed hash; never throws for bad input. */
  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /** Spends the time of one verification (unknown usernames take as long as known ones). */
  async burn(password: string): Promise<void> {
    this.#dummy ??= this.hash('quintessence-timing-equaliser');
    await this.verify(await this.#dummy, password);
  }
}
