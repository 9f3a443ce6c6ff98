import { captureIo, registerErrorCodes, runProgram } from '@quintessence/platform';
import { Command } from 'commander';
import { scentModule } from '../module.js';
import type { ScentTestContext } from './scent-test-context.js';

registerErrorCodes(scentModule.errorCodes!);

/**
 * Runs `quintessence <args>` with the scent commands mounted on the test context, capturing stdout and stderr.
 *
 * @example
 * const r = await runScentCli(tc, ['scent', 'agents', 'list']);
 * expect(r.code).toBe(0);
 */
export async function runScentCli(
  tc: ScentTestContext,
  args: readonly string[],
): Promise<{ code: number; out: string; err: string }> {
  const cap = captureIo();
  const program = new Command('quintessence');
  scentModule.cli!(program, { ...cap.io, withContext: (use) => use(tc.ctx), config: () => tc.ctx.config });
  const code = await runProgram(program, args, cap.io);
  return { code, out: cap.out(), err: cap.err() };
}
