import type { EventEmitter } from 'node:events';
import { type CliContext, type CliIo, type QuintessenceModule, registerErrorCodes } from '@quintessence/platform';
import { installedModules } from '@quintessence/server';
import { Command } from 'commander';
import { createCliContext } from './cli-context.js';
import { registerConfigCommands } from './commands/config.js';
import { registerDbCommands } from './commands/db.js';
import { registerServeCommand } from './commands/serve.js';
import { registerWorkerCommand } from './commands/worker.js';
import { registerPlatformCommands } from './platform-commands.js';

export interface ProgramOptions {
  readonly modules: readonly QuintessenceModule[];
  readonly env?: NodeJS.ProcessEnv;
  /** The global `--config FILE`, read when a command runs. */
  readonly configFile: () => string | undefined;
}

export interface BuildProgramOptions {
  /** Modules whose command groups and migrations to include (default: every installed module). */
  readonly modules?: readonly QuintessenceModule[];
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * The `quintessence` program: global `--config FILE`, the platform's commands (`serve`, `worker`, `db`, `config`,
 * `users`, `apikeys`, `audit`, `llm`) and one command group per module. Run it with `runProgram(program, argv, io)`.
 *
 * @example
 * const { io, out } = captureIo();
 * const code = await runProgram(buildProgram(io), ['config', 'print'], io);
 */
export function buildProgram(io: CliIo, options: BuildProgramOptions = {}): Command {
  const program = new Command('quintessence');
  const modules = options.modules ?? installedModules;
  const configFile = () => program.opts<{ config?: string }>().config;
  const programOptions: ProgramOptions = { modules, env: options.env, configFile };
  let commandName = 'cli';
  const cli: CliContext = createCliContext({
    io,
    modules,
    env: options.env,
    configFile,
    purpose: () => `quintessence ${commandName}`,
  });
  program
    .description(
      'Quintessence: e-nose QC, fragrance design, fairness audits, inventory restocking and online ML on one platform',
    )
    .version('0.1.0', '-V, --version')
    .option('--config <file>', 'YAML configuration file (environment variables override it)')
    .showHelpAfterError('(add --help for usage)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ quintessence serve --demo\n  $ quintessence --config quintessence.yaml db status\n  $ quintessence users list --format table\n\nEvery command has --help with an example.',
    )
    .hook('preAction', (_root, action) => {
      const path: string[] = [];
      for (let c: Command | null = action; c && c !== program; c = c.parent) path.unshift(c.name());
      commandName = path.join(' ');
    });

  registerServeCommand(program, cli, programOptions);
  registerWorkerCommand(program, cli, programOptions);
  registerDbCommands(program, cli, programOptions);
  registerConfigCommands(program, cli);
  registerPlatformCommands(program, cli);
  for (const module of modules) {
    // known before any context opens, so input errors caught early still exit 2 with the module's status mapping
    if (module.errorCodes) registerErrorCodes(module.errorCodes);
    module.cli?.(program, cli);
  }
  addGroupExamples(program);
  return program;
}

/**
 * A command group whose owner gave it no help text gets one example: its first subcommand's help. Leaf commands
 * carry their own examples (the CLI test checks every command).
 */
function addGroupExamples(command: Command, path: string[] = []): void {
  for (const sub of command.commands) {
    const subPath = [...path, sub.name()];
    const children = sub.commands.filter((c) => c.name() !== 'help');
    if (children.length > 0 && (sub as unknown as EventEmitter).listenerCount('afterHelp') === 0) {
      sub.addHelpText('after', `\nExample:\n  $ quintessence ${[...subPath, children[0]!.name()].join(' ')} --help`);
    }
    addGroupExamples(sub, subPath);
  }
}
