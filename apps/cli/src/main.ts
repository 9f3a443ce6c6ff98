import { runProgram } from '@quintessence/platform';
import { buildProgram } from './program.js';

// The `quintessence` binary (bin/quintessence.mjs runs this through tsx, or the tsup bundle in dist/).
const io = { stdout: process.stdout, stderr: process.stderr };
process.exitCode = await runProgram(buildProgram(io), process.argv.slice(2), io);
