import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { Platform } from './platform.js';

export interface StartServerOptions {
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Stop on SIGTERM and SIGINT (default true). */
  readonly handleSignals?: boolean;
}

export interface RunningServer {
  readonly app: FastifyInstance;
  /** `http://host:port` the server listens on (the real port when 0 was asked). */
  readonly url: string;
  /** Resolves when the server has shut down (after `stop()` or a signal). */
  readonly stopped: Promise<void>;
  /** Graceful shutdown: stop accepting, drain in-flight requests (bounded), stop jobs and modules, close storage. */
  stop(reason?: string): Promise<void>;
}

/**
 * Starts background work, builds the app and listens. On SIGTERM/SIGINT it stops accepting connections, lets
 * in-flight requests finish for up to `config.server.shutdownTimeoutMs` (then cuts the remaining connections),
 * stops the job worker and modules, closes storage and releases the data-dir lock.
 */
export async function startServer(platform: Platform, options: StartServerOptions = {}): Promise<RunningServer> {
  const { config, log } = platform;
  if (config.auth.mode === 'dev-bypass') {
    log.warn(
      'auth.mode is dev-bypass: requests without credentials run as an admin. Never use this outside development.',
    );
  }
  const app = await buildApp(platform);
  await platform.start();
  const host = options.host ?? config.server.host;
  await app.listen({ host, port: options.port ?? config.server.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? config.server.port);
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${port}`;
  platform.ctx.db.annotateLock(url);

  let resolveStopped!: () => void;
  const stopped = new Promise<void>((r) => {
    resolveStopped = r;
  });
  let stopping: Promise<void> | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    void stop(signal);
  };
  const stop = (reason = 'stop'): Promise<void> => {
    stopping ??= (async () => {
      log.info({ reason }, 'shutting down: draining in-flight requests');
      const timeoutMs = config.server.shutdownTimeoutMs;
      let timer: NodeJS.Timeout | undefined;
      const drained = await Promise.race([
        app.close().then(() => true),
        new Promise<boolean>((r) => {
          timer = setTimeout(() => r(false), timeoutMs);
        }),
      ]);
      clearTimeout(timer);
      if (!drained) {
        log.warn({ timeoutMs }, 'in-flight requests did not finish in time; closing their connections');
        app.server.closeAllConnections();
      }
      await platform.close();
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      log.info('stopped');
      resolveStopped();
    })();
    return stopping;
  };
  if (options.handleSignals ?? true) {
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }
  return { app, url, stopped, stop };
}
