import { runProgram } from '@quintessence/platform';
import { buildProgram } from './program.js';

// The `quintessence` binary (bin/quintessence.mjs runs this through tsx, or the tsup bundle in dist/).
const io = { stdout: process.stdout, stderr: process.stderr };
// `quintessence ... | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
process.exitCode = await runProgram(buildProgram(io), process.argv.slice(2), io);
