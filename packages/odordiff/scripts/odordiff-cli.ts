// Standalone runner for the OdorDiff command group (`quintessence odordiff ...` once the CLI app lists the module):
//   npx tsx packages/odordiff/scripts/odordiff-cli.ts odordiff train --seed 42
import { AppError, type CliContext, runProgram } from '@quintessence/platform';
import { Command } from 'commander';
import { odordiffModule } from '../src/index.js';

const io = { stdout: process.stdout, stderr: process.stderr };
const cli: CliContext = {
  ...io,
  config: () => {
    throw new AppError('VALIDATION_ERROR', 'platform configuration is not available in the standalone runner');
  },
  withContext: () => {
    throw new AppError('VALIDATION_ERROR', 'platform services are not available in the standalone runner');
  },
};
const program = new Command('quintessence');
odordiffModule.cli?.(program, cli);
process.exitCode = await runProgram(program, process.argv.slice(2), io);
