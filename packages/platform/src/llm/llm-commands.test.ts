import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { captureIo, runProgram } from '../cli/run.js';
import { type ConfigInput, loadConfig } from '../config/config.js';
import type { CliContext } from '../module.js';
import { registerLlmCommands } from './llm-commands.js';
import { type FakeProviderServer, startFakeProviderServer } from './testing/fake-provider-server.js';

let server: FakeProviderServer;
let dir: string;
let schemaFile: string;

beforeAll(async () => {
  server = await startFakeProviderServer();
  dir = mkdtempSync(join(tmpdir(), 'qx-llm-cli-'));
  schemaFile = join(dir, 'answer.json');
  writeFileSync(
    schemaFile,
    JSON.stringify({
      type: 'object',
      properties: { answer: { type: 'string', minLength: 1 }, confidence: { type: 'number', minimum: 0, maximum: 1 } },
      required: ['answer', 'confidence'],
    }),
  );
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => server.reset());

function run(argv: string[], llm: ConfigInput['llm'] = { providers: [] }) {
  const capture = captureIo();
  const config = loadConfig({}, { overrides: { llm } });
  const cli: CliContext = {
    ...capture.io,
    config: () => config,
    withContext: () => Promise.reject(new Error('llm commands need no storage')),
  };
  const program = new Command('quintessence');
  registerLlmCommands(program, cli);
  return runProgram(program, argv, capture.io).then((code) => ({ code, out: capture.out(), err: capture.err() }));
}

const openai = (slot = 'openai') => ({
  kind: 'openai' as const,
  name: slot,
  baseUrl: server.baseUrlFor('openai', slot),
  model: 'gpt-4o-mini',
  apiKey: 'sk-test-secret',
  timeoutMs: 1000,
});
const fastRetry = { maxAttempts: 0, initialDelayMs: 1, maxDelayMs: 1 };

describe('quintessence llm (CLI) against the fake provider server (test double)', () => {
  it('prints that no provider is configured and the deterministic paths apply', async () => {
    const { code, out } = await run(['llm', 'status']);
    expect(code).toBe(0);
    expect(out).toContain('No LLM provider is configured');
  });

  it('lists providers in failover order without their keys', async () => {
    const { code, out } = await run(['llm', 'status', '--format', 'json'], {
      providers: [openai('first'), { ...openai('second'), apiKey: undefined }],
    });
    expect(code).toBe(0);
    const status = JSON.parse(out);
    expect(status.providers.map((p: { name: string; hasApiKey: boolean }) => [p.name, p.hasApiKey])).toEqual([
      ['first', true],
      ['second', false],
    ]);
    expect(out).not.toContain('sk-test-secret');
  });

  it('probes providers and shows the last error in the table', async () => {
    server.setFallback('openai', { status: 401, message: 'Incorrect API key provided' });
    const { code, out } = await run(['llm', 'status', '--probe'], { providers: [openai()], retry: fastRetry });
    expect(code).toBe(0);
    expect(out).toMatch(/openai\s+openai\s+gpt-4o-mini/);
    expect(out).toContain('HTTP 401: Incorrect API key provided');
  });

  it('answers llm ask with a value validated against the JSON Schema file', async () => {
    server.enqueue('openai', { content: '```json\n{"answer": "citral", "confidence": 0.9}\n```' });
    const dataFile = join(dir, 'data.json');
    writeFileSync(dataFile, JSON.stringify({ family: 'citrus' }));
    const { code, out, err } = await run(
      ['llm', 'ask', '--schema', schemaFile, '--prompt', 'Name one aldehyde.', '--data', dataFile],
      { providers: [openai()] },
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({
      provider: 'openai',
      model: 'gpt-4o-mini',
      value: { answer: 'citral', confidence: 0.9 },
    });
    const body = server.requests('openai')[0]!.body;
    expect(body.response_format.json_schema.schema.required).toEqual(['answer', 'confidence']);
    expect(body.messages[1].content).toContain('{"family":"citrus"}');
  });

  it('exits 1 with LLM_INVALID_OUTPUT when the answer violates the schema twice', async () => {
    server.setFallback('openai', { content: '{"answer": "citral", "confidence": 7}' });
    const { code, err } = await run(['llm', 'ask', '--schema', schemaFile, '--prompt', 'Name one aldehyde.'], {
      providers: [openai()],
      retry: fastRetry,
    });
    expect(code).toBe(1);
    expect(err).toMatch(/^error: .*confidence.*\[LLM_INVALID_OUTPUT\]\n$/);
  });

  it('exits 1 with LLM_UNAVAILABLE and a hint when no provider is configured', async () => {
    const { code, err } = await run(['llm', 'ask', '--schema', schemaFile, '--prompt', 'x']);
    expect(code).toBe(1);
    expect(err).toContain('[LLM_UNAVAILABLE]');
    expect(err).toContain('docs/llm.md');
  });

  it('exits 2 with a clear message for a missing or invalid schema file and bad options', async () => {
    const missing = await run(['llm', 'ask', '--schema', join(dir, 'nope.json'), '--prompt', 'x']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--schema: cannot read');
    const notJson = join(dir, 'bad.json');
    writeFileSync(notJson, '{ not json');
    const invalid = await run(['llm', 'ask', '--schema', notJson, '--prompt', 'x']);
    expect(invalid.code).toBe(2);
    expect(invalid.err).toContain('is not valid JSON');
    const format = await run(['llm', 'status', '--format', 'xml']);
    expect(format.code).toBe(2);
    expect(format.err).toContain('--format must be one of json, table');
    const tokens = await run(['llm', 'ask', '--schema', schemaFile, '--prompt', 'x', '--max-output-tokens', '0']);
    expect(tokens.code).toBe(2);
    const noPrompt = await run(['llm', 'ask', '--schema', schemaFile]);
    expect(noPrompt.code).toBe(2);
  });

  it('shows examples in the help of each command', async () => {
    for (const command of ['status', 'ask']) {
      const { code, out } = await run(['llm', command, '--help']);
      expect(code).toBe(0);
      expect(out).toContain(`$ quintessence llm ${command}`);
    }
  });
});
