import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { Registry } from 'prom-client';
import { type ZodType, z } from 'zod';
import { parseFormat, writeOutput } from '../cli/output.js';
import { AppError } from '../errors/app-error.js';
import type { CliContext } from '../module.js';
import { createLlmGateway, type LlmGatewayService } from './llm-gateway.js';
import type { LlmStatus } from './llm-status.js';

export interface LlmCommandOptions {
  /** Default: the global `fetch`. */
  readonly fetch?: typeof fetch;
}

const maxFileBytes = 1_000_000;

function readJsonFile(option: string, file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new AppError(
      'VALIDATION_ERROR',
      `${option}: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  if (text.length > maxFileBytes) throw new AppError('VALIDATION_ERROR', `${option}: ${file} is larger than 1 MB`);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AppError('VALIDATION_ERROR', `${option}: ${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Reads a JSON Schema file and turns it into a zod schema (zod 4 `z.fromJSONSchema`). */
export function schemaFromJsonSchemaFile(file: string): ZodType {
  const doc = readJsonFile('--schema', file);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new AppError('VALIDATION_ERROR', `--schema: ${file} must hold a JSON Schema object`);
  }
  try {
    return z.fromJSONSchema(doc as Parameters<typeof z.fromJSONSchema>[0]);
  } catch (error) {
    throw new AppError(
      'VALIDATION_ERROR',
      `--schema: ${file} is not a usable JSON Schema: ${(error as Error).message}`,
    );
  }
}

function statusRows(status: LlmStatus): Record<string, unknown>[] {
  return status.providers.map((p, i) => ({
    order: i + 1,
    name: p.name,
    kind: p.kind,
    model: p.model,
    baseUrl: p.baseUrl,
    key: p.hasApiKey ? 'set' : 'none',
    circuit: p.circuit,
    calls: p.calls,
    failures: p.failures,
    lastError: p.lastError ? `${p.lastError.at} ${p.lastError.message}` : '',
  }));
}

/**
 * The `quintessence llm` command group: `llm status [--probe]` shows the failover chain with breaker states and last
 * errors; `llm ask --schema FILE --prompt TEXT [--data FILE]` asks for a structured answer validated against a JSON
 * Schema. Both build the gateway from the effective configuration (`llm` section, provider API keys from the
 * environment).
 */
export function registerLlmCommands(program: Command, cli: CliContext, options: LlmCommandOptions = {}): void {
  const gateway = (): LlmGatewayService =>
    createLlmGateway({
      config: cli.config().llm,
      metrics: new Registry(),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });

  const llm = program
    .command('llm')
    .description('LLM gateway: provider failover chain, breaker states, structured questions');

  llm
    .command('status')
    .description('Show the configured providers in failover order with breaker states and last errors')
    .option('--probe', 'send a tiny structured request to every provider first', false)
    .option('--format <format>', 'json or table', 'table')
    .addHelpText(
      'after',
      '\nExample:\n  $ quintessence llm status\n  $ quintessence llm status --probe --format json\n',
    )
    .action(async (opts: { probe: boolean; format: string }) => {
      const format = parseFormat(opts.format, ['json', 'table']);
      const llmGateway = gateway();
      const status = opts.probe ? await llmGateway.probe() : llmGateway.status();
      if (format === 'json') {
        writeOutput(cli, 'json', status);
        return;
      }
      if (!status.available) {
        cli.stdout.write(
          'No LLM provider is configured: every feature takes its deterministic path.\n' +
            'Set OPENAI_API_KEY, ANTHROPIC_API_KEY, GOOGLE_API_KEY or GROQ_API_KEY, or llm.providers (see docs/llm.md).\n',
        );
        return;
      }
      writeOutput(cli, 'table', statusRows(status));
      cli.stdout.write(
        `cache: ${status.cache.enabled ? `on (${status.cache.ttlSeconds} s)` : 'off'}; prompts logged as ${status.logPrompts ? 'full text' : 'SHA-256 hashes'}\n`,
      );
    });

  llm
    .command('ask')
    .description('Ask the providers for a JSON answer that satisfies a JSON Schema (with failover and one repair)')
    .requiredOption('--schema <file>', 'JSON Schema file the answer must satisfy')
    .requiredOption('--prompt <text>', 'the instructions (trusted text)')
    .option('--data <file>', 'JSON file of untrusted input data, sent to the model as delimited data')
    .option('--max-output-tokens <n>', 'output token limit (capped by llm.maxOutputTokens)')
    .option('--format <format>', 'json or table', 'json')
    .addHelpText(
      'after',
      '\nExample:\n' +
        '  $ echo \'{"type":"object","properties":{"answer":{"type":"string"}},"required":["answer"]}\' > answer.json\n' +
        '  $ quintessence llm ask --schema answer.json --prompt "Name one aldehyde used in perfumery."\n' +
        '  $ quintessence llm ask --schema verdict.json --prompt "Classify the alert." --data alert.json --format table\n',
    )
    .action(
      async (opts: { schema: string; prompt: string; data?: string; maxOutputTokens?: string; format: string }) => {
        const format = parseFormat(opts.format, ['json', 'table']);
        const prompt = opts.prompt.trim();
        if (prompt === '') throw new AppError('VALIDATION_ERROR', '--prompt must not be empty');
        let maxOutputTokens: number | undefined;
        if (opts.maxOutputTokens !== undefined) {
          maxOutputTokens = Number(opts.maxOutputTokens);
          if (!Number.isInteger(maxOutputTokens) || maxOutputTokens < 1) {
            throw new AppError(
              'VALIDATION_ERROR',
              `--max-output-tokens must be a positive integer, got "${opts.maxOutputTokens}"`,
            );
          }
        }
        const schema = schemaFromJsonSchemaFile(opts.schema);
        const data = opts.data === undefined ? undefined : readJsonFile('--data', opts.data);
        const result = await gateway().ask({
          prompt,
          schema,
          ...(data !== undefined ? { data } : {}),
          ...(maxOutputTokens !== undefined ? { maxOutputTokens } : {}),
        });
        if (!result.ok) {
          const hint =
            result.code === 'LLM_UNAVAILABLE' && result.attempts.length === 0
              ? ' (set OPENAI_API_KEY, ANTHROPIC_API_KEY, GOOGLE_API_KEY or GROQ_API_KEY, or llm.providers; see docs/llm.md)'
              : '';
          throw new AppError(result.code, `${result.message}${hint}`, { details: { attempts: result.attempts } });
        }
        if (format === 'json') {
          writeOutput(cli, 'json', {
            provider: result.provider,
            model: result.model,
            cached: result.cached,
            usage: result.usage ?? null,
            value: result.value,
          });
          return;
        }
        writeOutput(cli, 'table', result.value);
        cli.stdout.write(`(${result.provider} ${result.model}${result.cached ? ', cached' : ''})\n`);
      },
    );
}
