import type { Command, CommanderError } from 'commander';
import { exitCodeFor, isAppError } from '../errors/app-error.js';
import type { CliIo } from '../module.js';

/**
 * Runs a commander program and turns every outcome into an exit code: 0 on success, 2 on bad input (usage errors,
 * validation), 1 on other failures. Errors print as `error: <message>` on stderr, never as a stack trace (set
 * QX_DEBUG=1 for one). Shared by the `quintessence` binary and by CLI tests.
 */
export async function runProgram(program: Command, argv: readonly string[], io: CliIo): Promise<number> {
  const configure = (cmd: Command) => {
    cmd.exitOverride();
    cmd.configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
    for (const sub of cmd.commands) configure(sub);
  };
  configure(program);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (isCommanderError(error)) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      )
        return 0;
      return error.exitCode === 0 ? 0 : 2;
    }
    const message = isAppError(error)
      ? `${error.message} [${error.code}]`
      : ((error as Error)?.message ?? String(error));
    io.stderr.write(`error: ${message}\n`);
    if (process.env.QX_DEBUG && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return exitCodeFor(error);
  }
}

/**
 * Each workspace may have its own copy of commander (npm cannot hoist v14 over a v4 that a dev tool needs), so a
 * CommanderError from the program's copy is recognised by shape, not by `instanceof`.
 */
function isCommanderError(error: unknown): error is CommanderError {
  const e = error as Partial<CommanderError> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.code === 'string' &&
    e.code.startsWith('commander.') &&
    typeof e.exitCode === 'number'
  );
}

/** In-memory stdout/stderr for CLI tests: build the program with `io`, run it, read `out()` / `err()`. */
export function captureIo(isTTY = false): { io: CliIo; out(): string; err(): string } {
  let stdout = '';
  let stderr = '';
  const stream = (append: (s: string) => void) =>
    ({
      isTTY,
      write: (s: string | Uint8Array) => {
        append(String(s));
        return true;
      },
    }) as unknown as CliIo['stdout'];
  return {
    io: { stdout: stream((s) => (stdout += s)), stderr: stream((s) => (stderr += s)) },
    out: () => stdout,
    err: () => stderr,
  };
}
