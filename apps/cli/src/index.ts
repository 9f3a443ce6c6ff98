export type { CliContextOptions } from './cli-context.js';
export { createCliContext } from './cli-context.js';
export type { BuildProgramOptions, ProgramOptions } from './program.js';
export { buildProgram } from './program.js';
