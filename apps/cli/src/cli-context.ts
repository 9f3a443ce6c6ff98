import { type CliContext, type CliIo, type Config, loadConfig, type QuintessenceModule } from '@quintessence/platform';
import { createPlatform } from '@quintessence/server';
import pino from 'pino';

export interface CliContextOptions {
  readonly io: CliIo;
  readonly modules: readonly QuintessenceModule[];
  /** Environment (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
  /** The `--config FILE` value, read when a command runs. */
  readonly configFile: () => string | undefined;
  /** Name shown to another process that finds the embedded data directory locked (default `quintessence cli`). */
  readonly purpose?: () => string;
}

/**
 * The {@link CliContext} the `quintessence` binary gives every command. `withContext` builds the platform on the
 * configured data directory (running pending migrations), hands the module context to the command and closes it.
 * When a server holds the embedded database, it fails with `DATA_DIR_LOCKED` naming the server, never touching the
 * data.
 */
export function createCliContext(options: CliContextOptions): CliContext & { loadConfig(): Config } {
  let cached: Config | undefined;
  const config = () => {
    cached ??= loadConfig(options.env ?? process.env, { configFile: options.configFile() });
    return cached;
  };
  return {
    stdout: options.io.stdout,
    stderr: options.io.stderr,
    config,
    loadConfig: config,
    async withContext(use) {
      const cfg = config();
      const log = pino({ level: cfg.log.level === 'info' ? 'warn' : cfg.log.level }, pino.destination(2));
      const platform = await createPlatform(cfg, options.modules, {
        purpose: options.purpose?.() ?? 'quintessence cli',
        log,
      });
      try {
        return await use(platform.ctx);
      } finally {
        await platform.close();
      }
    },
  };
}
