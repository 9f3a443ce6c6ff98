import { basename } from 'node:path';
import { AppError, type CliContext, parseFormat, writeOutput } from '@quintessence/platform';
import type { Command } from 'commander';
import { listCquRawFiles, readCquRawFile, readTextLines, streamUciRaw } from '../adapters/enose-datasets.js';
import type { ScentService } from '../service/scent-service.js';
import { scentServiceFor } from '../service/scent-service-registry.js';
import { type ParsedReading, sensorInputSchema } from '../service/schemas.js';

export const replayDataFormats = ['csv', 'uci-raw', 'cqu'] as const;
export type ReplayDataFormat = (typeof replayDataFormats)[number];

/** One reading of a replay source: its time (epoch ms, or the raw text when unparseable), values and location. */
export interface ReplayItem {
  readonly t: number | string;
  readonly values: number[];
  /** `line 4`, `batch1.csv line 12`, `bj1.txt sample 17`: where the reading came from, for messages. */
  readonly where: string;
}

/** Where the readings' times come from: the file's own (`file`) or made up from `baseMs` and the interval. */
export interface ReplaySourceOptions {
  /** Time of the first synthetic reading (UCI raw rows, CQU files without a time header). */
  readonly baseMs: number;
  /** Milliseconds between synthetic readings (UCI rows, CQU samples). */
  readonly intervalMs: number;
}

/**
 * A replay CSV: header `timestamp,<channel>,...`, timestamps ISO-8601 or epoch ms. A wrong header throws
 * `SCENT_BAD_DATA` (line 1); a non-numeric cell becomes NaN and an unparseable time stays text, so the pipeline
 * rejects (and counts) that reading only.
 */
export async function* csvReplaySource(file: string): AsyncGenerator<ReplayItem> {
  let header = true;
  for await (const { text, line } of readTextLines(file)) {
    if (header) {
      const cells = text.split(',').map((h) => h.trim());
      if (cells[0]?.toLowerCase() !== 'timestamp' || cells.length < 2) {
        throw new AppError(
          'SCENT_BAD_DATA',
          `${file} line ${line}: the header must be timestamp,<channel 1>,<channel 2>,...`,
        );
      }
      header = false;
      continue;
    }
    const l = text.trim();
    if (l.length === 0) continue;
    const cells = l.split(',');
    const ts = cells[0]!.trim();
    const t = /^\d+$/.test(ts)
      ? Number(ts)
      : /^\d{4}-\d{2}-\d{2}T/.test(ts) && Number.isFinite(Date.parse(ts))
        ? Date.parse(ts)
        : ts;
    const values = cells.slice(1).map((c) => (c.trim() === '' ? Number.NaN : Number(c)));
    yield { t, values, where: `line ${line}` };
  }
  if (header) throw new AppError('SCENT_BAD_DATA', `${file} line 1: empty file; expected the timestamp header`);
}

/** UCI drift raw rows (one file or a folder of `batchN.csv`), one reading of 128 features per row. */
export async function* uciRawReplaySource(path: string, options: ReplaySourceOptions): AsyncGenerator<ReplayItem> {
  let i = 0;
  for await (const row of streamUciRaw(path)) {
    yield {
      t: options.baseMs + i * options.intervalMs,
      values: Array.from(row.values),
      where: `${basename(row.file)} line ${row.line}`,
    };
    i += 1;
  }
}

/**
 * CQU raw series (one file, a session folder or a folder of sessions): each file gives one reading per sample
 * (column) with one value per channel (line). A file's time header is the time of its first sample; files without
 * one follow the previous file (or start at `baseMs`).
 */
export async function* cquReplaySource(path: string, options: ReplaySourceOptions): AsyncGenerator<ReplayItem> {
  let prevEnd: number | null = null;
  for (const entry of listCquRawFiles(path)) {
    const raw = readCquRawFile(entry.file);
    const start: number = raw.startedAtMs ?? (prevEnd === null ? options.baseMs : prevEnd + options.intervalMs);
    const samples = raw.series[0]!.length;
    const name = basename(entry.file);
    for (let s = 0; s < samples; s++) {
      yield {
        t: start + s * options.intervalMs,
        values: raw.series.map((ch) => ch[s]!),
        where: `${name} sample ${s + 1}`,
      };
    }
    prevEnd = start + (samples - 1) * options.intervalMs;
  }
}

function replaySource(
  format: ReplayDataFormat,
  input: string,
  options: ReplaySourceOptions,
): AsyncGenerator<ReplayItem> {
  switch (format) {
    case 'csv':
      return csvReplaySource(input);
    case 'uci-raw':
      return uciRawReplaySource(input, options);
    case 'cqu':
      return cquReplaySource(input, options);
  }
}

export interface ReplayTotals {
  received: number;
  accepted: number;
  rejected: number;
  anomalies: number;
  alerts: number;
  /** Pipeline calls (each one multi-row insert). */
  pipeline_calls: number;
  first_errors: string[];
}

export interface ReplayOptions {
  readonly sensorId: string;
  readonly batchId?: string;
  /** 0 = as fast as the pipeline takes them; N = N times real time. */
  readonly speed: number;
  /** Readings per pipeline call at most. */
  readonly chunk: number;
  /** Added to every numeric time (to replay old data as if now). */
  readonly shiftMs?: number;
  /** Longest wall-clock wait between two readings (default 60 s); longer gaps are shortened. */
  readonly maxWaitMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Feeds a replay source into the pipeline: readings go in multi-row batches of at most `chunk`; at `speed` > 0 each
 * reading waits for its wall-clock time and every reading already due goes into the same batch. The source is pulled
 * only as fast as the pipeline stores (each batch is awaited), so memory stays bounded whatever the file size.
 */
export async function replayIntoPipeline(
  service: ScentService,
  source: AsyncIterable<ReplayItem>,
  options: ReplayOptions,
): Promise<ReplayTotals> {
  const totals: ReplayTotals = {
    received: 0,
    accepted: 0,
    rejected: 0,
    anomalies: 0,
    alerts: 0,
    pipeline_calls: 0,
    first_errors: [],
  };
  const shift = options.shiftMs ?? 0;
  const maxWait = options.maxWaitMs ?? 60_000;
  let pending: ReplayItem[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const part = pending;
    pending = [];
    const readings: ParsedReading[] = part.map((p) => ({
      timestamp: typeof p.t === 'number' ? p.t + shift : p.t,
      values: p.values,
      ...(options.batchId ? { metadata: { batch_id: options.batchId } } : {}),
    }));
    const r = await service.ingest(options.sensorId, readings);
    totals.pipeline_calls += 1;
    totals.received += r.received;
    totals.accepted += r.accepted;
    totals.rejected += r.rejected;
    totals.anomalies += r.anomalies;
    totals.alerts += r.alerts;
    for (const x of r.results) {
      if (x.status === 'rejected' && totals.first_errors.length < 5)
        totals.first_errors.push(`${part[x.index]!.where}: ${x.errors.join('; ')}`);
    }
  };
  let t0: number | null = null;
  let wall0 = 0;
  for await (const item of source) {
    if (options.speed > 0 && typeof item.t === 'number') {
      if (t0 === null) {
        t0 = item.t;
        wall0 = Date.now();
      }
      let wait = wall0 + (item.t - t0) / options.speed - Date.now();
      if (wait > 0 && pending.length > 0) {
        await flush();
        wait = wall0 + (item.t - t0) / options.speed - Date.now();
      }
      if (wait > maxWait) {
        wall0 -= wait - maxWait;
        wait = maxWait;
      }
      if (wait >= 1) await sleep(wait);
    }
    pending.push(item);
    if (pending.length >= options.chunk) await flush();
  }
  await flush();
  return totals;
}

/** Pulls the whole source once without storing, so a malformed file fails before anything is ingested. */
async function precheck(
  source: AsyncIterable<ReplayItem>,
): Promise<{ count: number; firstT: number | null; channels: number }> {
  let count = 0;
  let firstT: number | null = null;
  let channels = 0;
  for await (const item of source) {
    if (firstT === null && typeof item.t === 'number') firstT = item.t;
    if (count === 0) channels = item.values.length;
    count += 1;
  }
  return { count, firstT, channels };
}

async function registerSensor(service: ScentService, id: string, lineId: string, channels: number): Promise<void> {
  const existing = await service.store.getSensor(id);
  if (existing) {
    if (existing.channels !== channels)
      throw new AppError('SCENT_BAD_DATA', `Sensor ${id} has ${existing.channels} channels; the file has ${channels}`);
    return;
  }
  const input = sensorInputSchema.safeParse({ id, line_id: lineId, stage: 'process', kind: 'MOS', channels });
  if (!input.success) {
    const issue = input.error.issues[0]!;
    throw new AppError('VALIDATION_ERROR', `--sensor/--register: ${issue.path.join('.')}: ${issue.message}`);
  }
  await service.upsertSensor(input.data);
}

/** `scent replay`: feeds a CSV, UCI drift raw or CQU raw file into the pipeline at real or accelerated speed. */
export function registerReplayCommand(scent: Command, cli: CliContext): void {
  scent
    .command('replay')
    .description(
      "Replay one sensor's readings (CSV, UCI drift raw, CQU raw series) through the pipeline at real time / --speed, or 0 = as fast as it stores",
    )
    .requiredOption(
      '--input <path>',
      'file (csv); file or folder of batchN.csv (uci-raw); file, session folder or folder of sessions (cqu)',
    )
    .requiredOption('--sensor <id>', 'registered sensor (its channel count must match: 128 for uci-raw, 32 for cqu)')
    .option('--data-format <format>', `one of ${replayDataFormats.join(', ')}`, 'csv')
    .option('--batch <id>', 'batch the readings belong to (must be open, same line)')
    .option('--register <line>', 'register the sensor on this line first (MOS, stage process, channels from the file)')
    .option('--speed <factor>', 'replay speed: 1 real time, 10 ten times faster, 0 no waiting', '0')
    .option('--chunk <n>', 'readings per pipeline call (one multi-row insert) at most', '200')
    .option('--start <time>', 'ISO-8601 time of the first reading (default: the file times; now for uci-raw)')
    .option('--interval-ms <ms>', 'time between readings without their own time (UCI rows, CQU samples)', '1000')
    .option('--strict', 'exit non-zero when any reading was rejected')
    .option('--format <format>', 'table or json', 'table')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ quintessence scent replay --input line1.csv --sensor enose-process --batch B-7 --speed 60',
        '  $ quintessence scent replay --data-format uci-raw --input ../shared/data/enose/uci_drift_raw_csv/batch1.csv --sensor uci-array --register demo-line-1',
        '  $ quintessence scent replay --data-format cqu --input ../shared/data/enose/cqu_4months_beverages/session_20160518 --sensor cqu-nose --speed 100',
      ].join('\n'),
    )
    .action(async (opts: Record<string, string | boolean | undefined>) => {
      const format = parseFormat(String(opts.format), ['json', 'table']);
      const dataFormat = String(opts.dataFormat) as ReplayDataFormat;
      if (!replayDataFormats.includes(dataFormat)) {
        throw new AppError(
          'VALIDATION_ERROR',
          `--data-format must be one of ${replayDataFormats.join(', ')}; got "${opts.dataFormat}"`,
        );
      }
      const speed = Number(opts.speed);
      if (!(speed >= 0 && speed <= 1e6))
        throw new AppError('VALIDATION_ERROR', `--speed must be in 0..1000000; got "${opts.speed}"`);
      const chunk = Number(opts.chunk);
      if (!Number.isInteger(chunk) || chunk < 1 || chunk > 1000)
        throw new AppError('VALIDATION_ERROR', `--chunk must be an integer in 1..1000; got "${opts.chunk}"`);
      const intervalMs = Number(opts.intervalMs);
      if (!(intervalMs > 0 && intervalMs <= 86_400_000))
        throw new AppError('VALIDATION_ERROR', `--interval-ms must be in (0, 86400000]; got "${opts.intervalMs}"`);
      let startMs: number | undefined;
      if (opts.start !== undefined) {
        startMs = /^\d{4}-\d{2}-\d{2}T/.test(String(opts.start)) ? Date.parse(String(opts.start)) : Number.NaN;
        if (!Number.isFinite(startMs))
          throw new AppError('VALIDATION_ERROR', `--start must be an ISO-8601 time; got "${opts.start}"`);
      }
      const input = String(opts.input);
      // the first pass only reads: a malformed file stops here, before anything is stored
      const check = await precheck(replaySource(dataFormat, input, { baseMs: 0, intervalMs }));
      if (check.count === 0) throw new AppError('SCENT_BAD_DATA', `${input}: no readings to replay`);
      await cli.withContext(async (ctx) => {
        const service = scentServiceFor(ctx);
        const sensorId = String(opts.sensor);
        if (opts.register !== undefined) await registerSensor(service, sensorId, String(opts.register), check.channels);
        const synthetic =
          dataFormat === 'uci-raw' || (dataFormat === 'cqu' && listCquRawFiles(input)[0]!.startedAtMs === null);
        const first = check.firstT ?? 0;
        const target = startMs ?? (synthetic ? ctx.clock.now().getTime() : first);
        const totals = await replayIntoPipeline(service, replaySource(dataFormat, input, { baseMs: 0, intervalMs }), {
          sensorId,
          ...(opts.batch ? { batchId: String(opts.batch) } : {}),
          speed,
          chunk,
          shiftMs: target - first,
        });
        if (format === 'json') writeOutput(cli, format, totals);
        else {
          const { first_errors, ...counts } = totals;
          writeOutput(cli, format, [counts]);
          for (const e of first_errors) cli.stdout.write(`rejected ${e}\n`);
        }
        if (opts.strict && totals.rejected > 0) {
          throw new AppError(
            'SCENT_BAD_READINGS',
            `${totals.rejected} of ${totals.received} readings rejected; first: ${totals.first_errors[0]}`,
          );
        }
      });
    });
}
