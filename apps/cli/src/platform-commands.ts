import {
  type CliContext,
  registerApiKeyCommands,
  registerAuditCommands,
  registerLlmCommands,
  registerUserCommands,
} from '@quintessence/platform';
import type { Command } from 'commander';

/** The platform's own command groups: `users`, `apikeys`, `audit`, `llm`. */
export function registerPlatformCommands(program: Command, cli: CliContext): void {
  registerUserCommands(program, cli);
  registerApiKeyCommands(program, cli);
  registerAuditCommands(program, cli);
  registerLlmCommands(program, cli);
}
