import { readFileSync } from 'node:fs';
import { AppError, type CliContext, type Principal, parseFormat, writeOutput } from '@quintessence/platform';
import type { Command } from 'commander';
import { scentServiceFor } from '../service/scent-service-registry.js';
import type { ParsedReading } from '../service/schemas.js';

/** Parses a replay CSV: header `timestamp,<channel>,...`; timestamps ISO-8601 or epoch ms. Line numbers in errors. */
export function parseReplayCsv(text: string, batchId?: string): ParsedReading[] {
  const lines = text.split(/\r?\n/);
  const header = lines[0]?.split(',').map((h) => h.trim()) ?? [];
  if (header[0]?.toLowerCase() !== 'timestamp' || header.length < 2) {
    throw new AppError('SCENT_BAD_DATA', 'line 1: the header must be timestamp,<channel 1>,<channel 2>,...');
  }
  const out: ParsedReading[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line.length === 0) continue;
    const cells = line.split(',');
    const ts = cells[0]!.trim();
    const timestamp = /^\d+$/.test(ts) ? Number(ts) : ts;
    // non-numeric cells become NaN so the pipeline rejects (and counts) that reading only
    const values = cells.slice(1).map((c) => (c.trim() === '' ? Number.NaN : Number(c)));
    out.push({ timestamp, values, ...(batchId ? { metadata: { batch_id: batchId } } : {}) });
  }
  return out;
}

const replayPrincipal: Principal = { kind: 'system', id: 'cli-replay', name: 'cli', roles: ['admin'] };

/** `scent replay`: feeds a CSV of readings into the pipeline at real or accelerated speed. */
export function registerReplayCommand(scent: Command, cli: CliContext): void {
  scent
    .command('replay')
    .description(
      "Replay a CSV of one sensor's readings through the pipeline (real time / --speed, or 0 = as fast as possible)",
    )
    .requiredOption('--input <file>', 'CSV with header timestamp,<channels...>')
    .requiredOption('--sensor <id>', 'registered sensor')
    .option('--batch <id>', 'batch the readings belong to (must be open, same line)')
    .option('--speed <factor>', 'replay speed: 1 real time, 10 ten times faster, 0 no waiting', '0')
    .option('--chunk <n>', 'readings per pipeline call when not waiting', '200')
    .option('--format <format>', 'table or json', 'table')
    .addHelpText(
      'after',
      '\nExample:\n  $ quintessence scent replay --input line1.csv --sensor enose-process --batch B-7 --speed 60',
    )
    .action(async (opts: Record<string, string>) => {
      const format = parseFormat(opts.format!, ['json', 'table']);
      const speed = Number(opts.speed);
      if (!(speed >= 0 && speed <= 1e6))
        throw new AppError('VALIDATION_ERROR', `--speed must be in 0..1000000; got "${opts.speed}"`);
      const chunk = Number(opts.chunk);
      if (!Number.isInteger(chunk) || chunk < 1 || chunk > 1000)
        throw new AppError('VALIDATION_ERROR', `--chunk must be an integer in 1..1000; got "${opts.chunk}"`);
      let text: string;
      try {
        text = readFileSync(opts.input!, 'utf8');
      } catch (error) {
        throw new AppError(
          'SCENT_DATA_NOT_FOUND',
          `Cannot read ${opts.input}: ${(error as NodeJS.ErrnoException).code ?? error}`,
        );
      }
      const readings = parseReplayCsv(text, opts.batch);
      await cli.withContext(async (ctx) => {
        const service = scentServiceFor(ctx);
        const totals = { received: 0, accepted: 0, rejected: 0, anomalies: 0, alerts: 0 };
        const firstErrors: string[] = [];
        const step = speed === 0 ? chunk : 1;
        for (let i = 0; i < readings.length; i += step) {
          const part = readings.slice(i, i + step);
          if (speed > 0 && i > 0) {
            const prev = new Date(readings[i - 1]!.timestamp).getTime();
            const next = new Date(part[0]!.timestamp).getTime();
            const wait = (next - prev) / speed;
            if (wait >= 1 && Number.isFinite(wait)) await new Promise((r) => setTimeout(r, Math.min(wait, 60_000)));
          }
          const r = await service.ingest(opts.sensor!, part);
          totals.received += r.received;
          totals.accepted += r.accepted;
          totals.rejected += r.rejected;
          totals.anomalies += r.anomalies;
          totals.alerts += r.alerts;
          for (const x of r.results) {
            if (x.status === 'rejected' && firstErrors.length < 5)
              firstErrors.push(`line ${i + x.index + 2}: ${x.errors.join('; ')}`);
          }
        }
        writeOutput(cli, format, format === 'json' ? { ...totals, first_errors: firstErrors } : [totals]);
        if (format === 'table') for (const e of firstErrors) cli.stdout.write(`rejected ${e}\n`);
      });
    });
}
