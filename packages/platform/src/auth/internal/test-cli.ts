import { Command } from 'commander';
import { type AuditTrail, createAuditTrail } from '../../audit/audit-trail.js';
import { captureIo, runProgram } from '../../cli/run.js';
import { loadConfig } from '../../config/config.js';
import type { Database } from '../../db/database.js';
import type { CliContext, ModuleContext } from '../../module.js';
import type { Clock } from '../../ports.js';

/**
 * A {@link CliContext} over a test database for CLI tests in this package: `withContext` hands over the storage,
 * configuration, audit trail and clock (the parts these commands use; the rest of the module context is absent).
 */
export function testCli(db: Database, clock: Clock, register: (program: Command, cli: CliContext) => void) {
  const config = loadConfig(
    {},
    {
      overrides: {
        auth: { jwtSecret: 'cli-test-jwt-secret-0123456789abcdef' },
        audit: { signingKey: 'cli-test-audit-signing-key-0123456789' },
      },
    },
  );
  const audit: AuditTrail = createAuditTrail({ db, signingKey: config.audit.signingKey!, clock });
  const ctx = { config, db, audit, clock } as Partial<ModuleContext> as ModuleContext;
  return {
    audit,
    async run(...argv: string[]) {
      const capture = captureIo();
      const cli: CliContext = { ...capture.io, config: () => config, withContext: (use) => use(ctx) };
      const program = new Command('quintessence');
      register(program, cli);
      const code = await runProgram(program, argv, capture.io);
      return { code, out: capture.out(), err: capture.err() };
    },
  };
}
