import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors/app-error.js';

interface LockInfo {
  pid: number;
  purpose: string;
  startedAt: string;
  url?: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * An embedded PGlite data directory may be open in one process only. The first process writes `<dataDir>/db.lock`
 * (pid, purpose, server URL); another process gets `DATA_DIR_LOCKED` with a message saying who holds it and what
 * to do. A lock left by a dead process (SIGKILL) is taken over.
 */
export class DataDirLock {
  readonly #file: string;
  #held = false;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.#file = join(dataDir, 'db.lock');
  }

  /** Who holds the lock, if a live process does. */
  holder(): LockInfo | null {
    try {
      const info = JSON.parse(readFileSync(this.#file, 'utf8')) as LockInfo;
      return isAlive(info.pid) && info.pid !== process.pid ? info : null;
    } catch {
      return null;
    }
  }

  acquire(purpose: string): void {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(this.#file, 'wx', 0o600);
        const info: LockInfo = { pid: process.pid, purpose, startedAt: new Date().toISOString() };
        writeSync(fd, JSON.stringify(info));
        closeSync(fd);
        this.#held = true;
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = this.holder();
        if (holder) {
          const where = holder.url ? ` at ${holder.url}` : '';
          throw new AppError(
            'DATA_DIR_LOCKED',
            `The embedded database in ${this.#file.replace(/db\.lock$/, '')} is in use by process ${holder.pid} ` +
              `(${holder.purpose}${where}). Stop that process first, use the server's HTTP API, or set DATABASE_URL ` +
              'to a PostgreSQL server that several processes can share.',
            { details: { pid: holder.pid, purpose: holder.purpose, url: holder.url } },
          );
        }
        try {
          unlinkSync(this.#file);
        } catch {
          // another process removed it first
        }
      }
    }
    throw new AppError('DATA_DIR_LOCKED', `Could not lock ${this.#file}`);
  }

  /** Records the URL a server listens on, so a second process can point the user at it. */
  annotate(url: string): void {
    if (!this.#held) return;
    const info = JSON.parse(readFileSync(this.#file, 'utf8')) as LockInfo;
    info.url = url;
    const fd = openSync(this.#file, 'w', 0o600);
    writeSync(fd, JSON.stringify(info));
    closeSync(fd);
  }

  release(): void {
    if (!this.#held) return;
    this.#held = false;
    try {
      unlinkSync(this.#file);
    } catch {
      // already gone
    }
  }
}
