import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Repository root. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
/** The built CLI (`npm run build`). */
export const builtCli = fileURLToPath(new URL('../../../apps/cli/dist/main.js', import.meta.url));
/** The CLI from source through tsx (what `npx quintessence` runs before a build). */
export const sourceCli = fileURLToPath(new URL('../../../bin/quintessence.mjs', import.meta.url));

export interface ServerProcess {
  readonly child: ChildProcess;
  /** The URL the server printed. */
  readonly url: string;
  /** Everything the process wrote to stdout so far. */
  stdout(): string;
  stderr(): string;
  /** Sends a signal and resolves with the exit code (or signal name) once the process has ended. */
  kill(signal?: NodeJS.Signals): Promise<number | string>;
}

export interface SpawnServerOptions {
  /** Script to run with node (default: the built CLI when it exists, else the source CLI). */
  readonly entry?: string;
  readonly args?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** How long to wait for the "listening on" line (default 90 s). */
  readonly startTimeoutMs?: number;
}

/** Runs a CLI command to completion and returns its exit code and output. */
export function runCli(
  args: readonly string[],
  options: { entry?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const entry = options.entry ?? sourceCli;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry, ...args], { cwd: repoRoot, env: options.env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`quintessence ${args.join(' ')} did not finish in time\n${stdout}\n${stderr}`));
    }, options.timeoutMs ?? 90_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Starts `quintessence serve --port 0` (plus `args`) as a child process and resolves once it printed its URL.
 * Rejects with the process output if it exits or does not come up in time.
 */
export function spawnServer(options: SpawnServerOptions = {}): Promise<ServerProcess> {
  const entry = options.entry ?? (existsSync(builtCli) ? builtCli : sourceCli);
  const child = spawn(process.execPath, [entry, 'serve', '--port', '0', ...(options.args ?? [])], {
    cwd: repoRoot,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in time\nstdout:\n${out}\nstderr:\n${err}`));
    }, options.startTimeoutMs ?? 90_000);
    const onData = () => {
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve({
        child,
        url: match[1]!,
        stdout: () => out,
        stderr: () => err,
        async kill(signal = 'SIGTERM') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
      });
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening\nstdout:\n${out}\nstderr:\n${err}`));
    });
  });
}
