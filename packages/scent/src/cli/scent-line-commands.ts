import { readFileSync } from 'node:fs';
import { AppError, type CliContext, type Principal, parseFormat, writeOutput } from '@quintessence/platform';
import type { Command } from 'commander';
import { type DemoEvent, demoSensors, runScentDemo, setupDemoLine } from '../service/scent-demo.js';
import { createScentService } from '../service/scent-service.js';

const cliPrincipal: Principal = { kind: 'system', id: 'cli', name: 'cli', roles: ['admin'] };
const actor = { principal: cliPrincipal };

function numberOption(name: string, value: string, min: number, max: number, integer = false): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new AppError(
      'VALIDATION_ERROR',
      `${name} must be ${integer ? 'an integer' : 'a number'} in ${min}..${max}; got "${value}"`,
    );
  }
  return n;
}

function idOption(name: string, value: string | undefined): string {
  if (!value || !/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/.test(value)) {
    throw new AppError('VALIDATION_ERROR', `${name} must be an id (letters, digits, _ . : -); got "${value ?? ''}"`);
  }
  return value;
}

/** Reads sample vectors from a CSV (one sample per line, comma-separated numbers) or a JSON array of arrays. */
function readSamples(path: string): number[][] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new AppError(
      'SCENT_DATA_NOT_FOUND',
      `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
  if (text.trim().startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new AppError('SCENT_BAD_DATA', `${path} is not valid JSON`);
    }
    if (!Array.isArray(parsed) || !parsed.every((r) => Array.isArray(r) && r.every((v) => typeof v === 'number'))) {
      throw new AppError('SCENT_BAD_DATA', `${path} must hold an array of number arrays`);
    }
    return parsed as number[][];
  }
  return text
    .split(/\r?\n/)
    .map((l, i) => [l.trim(), i + 1] as const)
    .filter(([l]) => l.length > 0 && !l.startsWith('#'))
    .map(([l, line]) => {
      const row = l.split(',').map(Number);
      if (!row.every(Number.isFinite))
        throw new AppError('SCENT_BAD_DATA', `${path} line ${line}: not a row of numbers`);
      return row;
    });
}

function describeEvent(e: DemoEvent): string | undefined {
  if (e.type === 'batch_started') return `[t=${e.atS}s] batch ${e.batchId} started: ${e.label}`;
  if (e.type === 'alert') {
    return `[t=${e.atS}s] ${e.alert.kind === 'anomaly' ? 'ANOMALY' : 'SENSOR'} ${e.alert.sensorId} ${e.alert.batchId ?? ''}: ${e.alert.message}`;
  }
  const s = e.summary;
  return `  -> ${s.batchId}: ${s.readings} readings, ${s.anomalies} anomalous (${(100 * s.anomalyRate).toFixed(1)} %), ${s.sensorHealthAlerts} sensor-health alerts, decision ${s.decision}, risk ${s.risk}`;
}

/** `scent demo|status|fingerprint|batch` commands on the module's storage (`cli.withContext`). */
export function registerLineCommands(scent: Command, cli: CliContext): void {
  scent
    .command('demo')
    .description('Run the line simulator through the real pipeline with injected faults, showing live detections')
    .option('--duration <seconds>', 'wall-clock seconds', '30')
    .option(
      '--speed <factor>',
      'simulated seconds per wall-clock second (one reading per sensor per simulated second)',
      '10',
    )
    .option('--seed <seed>', 'simulator seed', '42')
    .option('--format <format>', 'table (live lines and a summary) or json (summary only)', 'table')
    .addHelpText('after', '\nExample:\n  $ quintessence scent demo --duration 30 --speed 10')
    .action(async (opts: Record<string, string>) => {
      const format = parseFormat(opts.format!, ['json', 'table']);
      const durationS = numberOption('--duration', opts.duration!, 1, 3600);
      const speed = numberOption('--speed', opts.speed!, 0.1, 100_000);
      const seed = numberOption('--seed', opts.seed!, 0, 2 ** 31, true);
      await cli.withContext(async (ctx) => {
        const service = createScentService(ctx);
        // production starts now, or after the newest stored reading of a demo sensor (a demo run moments ago)
        let startMs = Math.floor(ctx.clock.now().getTime() / 1000) * 1000;
        for (const s of demoSensors) {
          const last = await service.store.lastReadingTime(s.id);
          if (last) startMs = Math.max(startMs, Date.parse(last) + 1000);
        }
        if (format === 'table')
          cli.stdout.write('Setting up the demo line (8 h of reference product, fingerprints)...\n');
        const line = await setupDemoLine(service, { startMs, seed });
        const printed = new Set<string>();
        const summary = await runScentDemo(
          service,
          line,
          {
            startMs,
            seed,
            durationS,
            speed,
            onEvent: (e) => {
              if (format !== 'table') return;
              if (e.type === 'alert') {
                const key = `${e.alert.batchId}/${e.alert.sensorId}/${e.alert.kind}`;
                if (printed.has(key)) return;
                printed.add(key);
              }
              const text = describeEvent(e);
              if (text) cli.stdout.write(`${text}\n`);
            },
          },
          ctx.events,
        );
        if (format === 'json') {
          writeOutput(cli, 'json', summary);
          return;
        }
        cli.stdout.write('\nSummary\n');
        writeOutput(
          cli,
          'table',
          summary.batches.map((b) => ({
            batch: b.batchId,
            scenario: b.label,
            readings: b.readings,
            anomalies: b.anomalies,
            health_alerts: b.sensorHealthAlerts,
            decision: b.decision,
            risk: b.risk,
            detected: b.normal ? '-' : b.detected ? 'yes' : 'NO',
          })),
        );
        cli.stdout.write(
          `\n${summary.readings} readings (${summary.rejected} rejected), ${summary.alerts} alerts; false-alarm rate on normal batches ${(100 * summary.falseAlarmRate).toFixed(2)} %; injected faults detected ${summary.detectedFaults}/${summary.injectedFaults}\n`,
        );
      });
    });

  scent
    .command('status')
    .description('Sensors (calibration due), fingerprint models, open batches and recent alerts')
    .option('--format <format>', 'table or json', 'table')
    .addHelpText('after', '\nExample:\n  $ quintessence scent status --format json')
    .action(async (opts: Record<string, string>) => {
      const format = parseFormat(opts.format!, ['json', 'table']);
      await cli.withContext(async (ctx) => {
        const status = await createScentService(ctx).status();
        if (format === 'json') {
          writeOutput(cli, 'json', status);
          return;
        }
        cli.stdout.write('Sensors\n');
        writeOutput(
          cli,
          'table',
          status.sensors.map((s) => ({
            sensor: s.id,
            line: s.lineId,
            stage: s.stage,
            kind: s.kind,
            channels: s.channels,
            calibration: s.calibrationState,
            expires: s.calibrationExpiresAt ?? '-',
            drift_days:
              s.drift?.state === 'ok'
                ? (s.drift.daysUntilRecalibration?.toFixed(1) ?? 'no drift')
                : s.drift
                  ? `- (${s.drift.points} points)`
                  : '-',
            worst_channel: s.drift?.worstChannel
              ? `${s.drift.worstChannel.channel} (${s.drift.worstChannel.slopeSdPerDay >= 0 ? '+' : ''}${s.drift.worstChannel.slopeSdPerDay.toFixed(3)} sd/day)`
              : '-',
            drift_due: s.drift?.recalibrationDue ? 'yes' : 'no',
            accepted: s.acceptedReadings,
            rejected: s.rejectedReadings,
          })),
        );
        cli.stdout.write(`\nRecalibration due: ${status.recalibrationDue.join(', ') || 'none'}\n`);
        cli.stdout.write(`\nFingerprint models: ${status.models.length}\n`);
        cli.stdout.write(
          `Open or assessed batches: ${status.openBatches.map((b) => `${b.id} (${b.status})`).join(', ') || 'none'}\n`,
        );
        cli.stdout.write(`Recent alerts: ${status.recentAlerts.length}\n`);
        for (const a of status.recentAlerts.slice(0, 5))
          cli.stdout.write(`  ${a.createdAt} ${a.kind} ${a.sensorId}: ${a.message}\n`);
      });
    });

  const fingerprint = scent.command('fingerprint').description('Golden-batch fingerprint models (versioned)');
  fingerprint
    .command('train')
    .description("Fit a golden-batch model on a sensor's stored readings of good batches")
    .requiredOption('--product <id>', 'product')
    .requiredOption('--sensor <id>', 'sensor')
    .requiredOption('--batches <ids>', 'comma-separated batch ids of good product')
    .option('--alpha <alpha>', 'false-alarm probability of each control limit', '0.01')
    .option('--components <n>', 'principal components (default: 90 % explained variance)')
    .option('--format <format>', 'table or json', 'table')
    .addHelpText(
      'after',
      '\nExample:\n  $ quintessence scent fingerprint train --product orange-juice --sensor enose-process --batches REF-1,REF-2',
    )
    .action(async (opts: Record<string, string>) => {
      const format = parseFormat(opts.format!, ['json', 'table']);
      const alpha = numberOption('--alpha', opts.alpha!, 1e-6, 0.49);
      const components = opts.components ? numberOption('--components', opts.components, 1, 64, true) : undefined;
      const batchIds = opts.batches!.split(',').map((b) => idOption('--batches', b.trim()));
      const productId = idOption('--product', opts.product);
      const sensorId = idOption('--sensor', opts.sensor);
      await cli.withContext(async (ctx) => {
        const m = await createScentService(ctx).trainFingerprint(
          { productId, sensorId, batchIds, alpha, ...(components ? { components } : {}) },
          actor,
        );
        const row = {
          id: m.id,
          product: m.productId,
          sensor: m.sensorId,
          version: m.version,
          samples: m.training.samples,
          components: m.model.components,
          t2_limit: m.model.t2Limit,
          spe_limit: m.model.speLimit,
        };
        writeOutput(cli, format, format === 'json' ? m : [row]);
      });
    });
  fingerprint
    .command('score')
    .description('Score sample vectors (CSV rows or a JSON array, calibrated values) against a fingerprint model')
    .requiredOption('--model <id>', 'model id')
    .requiredOption('--input <file>', 'CSV (one sample per line) or JSON array of arrays')
    .option('--format <format>', 'table, csv or json', 'table')
    .addHelpText(
      'after',
      '\nExample:\n  $ quintessence scent fingerprint score --model 3f2a... --input samples.csv --format csv',
    )
    .action(async (opts: Record<string, string>) => {
      const format = parseFormat(opts.format!, ['json', 'table', 'csv']);
      const samples = readSamples(opts.input!);
      if (samples.length === 0) throw new AppError('SCENT_BAD_DATA', `${opts.input} holds no samples`);
      await cli.withContext(async (ctx) => {
        const scores = await createScentService(ctx).compareFingerprint(opts.model!, samples);
        writeOutput(
          cli,
          format,
          scores.map((s, i) => ({
            sample: i,
            t2: s.t2,
            spe: s.spe,
            t2_limit: s.t2_limit,
            spe_limit: s.spe_limit,
            similarity: s.similarity,
            is_anomaly: s.is_anomaly,
            suspect_channels: s.suspect_channels.join(' '),
          })),
        );
      });
    });
  fingerprint
    .command('update')
    .description(
      "Adaptive update of a fingerprint's newest version from a released batch's in-control readings (guarded)",
    )
    .requiredOption('--model <id>', 'the newest model version of a product and sensor')
    .requiredOption('--batch <id>', 'a released batch of the product')
    .option('--window <n>', 'reference readings kept (default: as before, first the training size)')
    .option('--max-anomaly-rate <rate>', "refuse when more of the batch is outside the model's limits", '0.1')
    .option('--max-step-shift <units>', 'refuse a larger mean shift in one update (limit units)', '0.5')
    .option('--max-cumulative-shift <units>', 'refuse a larger mean shift from the trained model (limit units)', '1')
    .option('--format <format>', 'table or json', 'table')
    .addHelpText(
      'after',
      '\nExits 2 (SCENT_MODEL_UPDATE_REFUSED) when a guard refuses the update; the refusal is audited.\n\nExample:\n  $ quintessence scent fingerprint update --model 3f2a... --batch B-2026-014',
    )
    .action(async (opts: Record<string, string>) => {
      const format = parseFormat(opts.format!, ['json', 'table']);
      const batchId = idOption('--batch', opts.batch);
      const options = {
        maxAnomalyRate: numberOption('--max-anomaly-rate', opts.maxAnomalyRate!, 0, 1),
        maxStepShift: numberOption('--max-step-shift', opts.maxStepShift!, 1e-6, 100),
        maxCumulativeShift: numberOption('--max-cumulative-shift', opts.maxCumulativeShift!, 1e-6, 100),
        ...(opts.window ? { window: numberOption('--window', opts.window, 3, 100_000, true) } : {}),
      };
      await cli.withContext(async (ctx) => {
        const r = await createScentService(ctx).updateFingerprint(opts.model!, batchId, options, actor);
        writeOutput(
          cli,
          format,
          format === 'json'
            ? r
            : [
                {
                  updated: r.updated,
                  model: r.model?.id ?? '-',
                  version: r.model?.version ?? '-',
                  used: r.used,
                  excluded: r.excluded,
                  step_shift: r.stepShift ?? '-',
                  cumulative_shift: r.cumulativeShift ?? '-',
                  refused: r.message ?? '-',
                },
              ],
        );
        if (!r.updated) throw new AppError('SCENT_MODEL_UPDATE_REFUSED', `Fingerprint not updated: ${r.message}`);
      });
    });
  fingerprint
    .command('list')
    .description('List fingerprint models')
    .option('--product <id>', 'only this product')
    .option('--format <format>', 'table, csv or json', 'table')
    .addHelpText('after', '\nExample:\n  $ quintessence scent fingerprint list --product orange-juice')
    .action(async (opts: Record<string, string>) => {
      const format = parseFormat(opts.format!, ['json', 'table', 'csv']);
      const product = opts.product ? idOption('--product', opts.product) : undefined;
      await cli.withContext(async (ctx) => {
        const models = await createScentService(ctx).listFingerprints(product);
        writeOutput(
          cli,
          format,
          models.map((m) => ({
            id: m.id,
            product: m.productId,
            sensor: m.sensorId,
            version: m.version,
            samples: m.training.samples,
            components: m.model.components,
            created_at: m.createdAt,
            created_by: m.createdBy,
          })),
        );
      });
    });

  const batch = scent.command('batch').description('Production batches: open, assess, release or reject');
  batch
    .command('open')
    .description('Open a batch of a product on a line (readings name it in metadata.batch_id)')
    .requiredOption('--id <id>', 'batch id')
    .requiredOption('--product <id>', 'product')
    .requiredOption('--line <id>', 'production line')
    .option('--format <format>', 'table or json', 'table')
    .addHelpText(
      'after',
      '\nExample:\n  $ quintessence scent batch open --id B-2026-001 --product orange-juice --line demo-line-1',
    )
    .action(async (opts: Record<string, string>) => {
      const format = parseFormat(opts.format!, ['json', 'table']);
      const input = {
        id: idOption('--id', opts.id),
        productId: idOption('--product', opts.product),
        lineId: idOption('--line', opts.line),
      };
      await cli.withContext(async (ctx) => {
        const b = await createScentService(ctx).openBatch(input, actor);
        writeOutput(
          cli,
          format,
          format === 'json' ? b : [{ id: b.id, product: b.productId, line: b.lineId, status: b.status }],
        );
      });
    });
  batch
    .command('assess')
    .description('Assess a batch from its scored readings (quality = 1 − anomaly rate)')
    .requiredOption('--batch <id>', 'batch id')
    .option('--format <format>', 'table or json', 'table')
    .addHelpText('after', '\nExample:\n  $ quintessence scent batch assess --batch B-2026-001')
    .action(async (opts: Record<string, string>) => {
      const format = parseFormat(opts.format!, ['json', 'table']);
      const batchId = idOption('--batch', opts.batch);
      await cli.withContext(async (ctx) => {
        const b = await createScentService(ctx).assessBatch(batchId, actor);
        writeOutput(cli, format, format === 'json' ? b : [{ batch: b.id, status: b.status, ...b.assessment }]);
      });
    });
  batch
    .command('release')
    .description('Release (or --reject) an assessed batch with a qa_approver electronic signature')
    .requiredOption('--batch <id>', 'batch id')
    .requiredOption('--username <name>', 'the signing qa_approver')
    .option('--password-env <var>', 'environment variable holding the signer password', 'QX_SIGN_PASSWORD')
    .option('--reject', 'reject instead of release (needs --reason)')
    .option('--reason <text>', 'reason (required to reject, or to release against a reject recommendation)')
    .option('--update-model', "after the release, update each sensor's fingerprint from the batch (guarded)")
    .option('--format <format>', 'table or json', 'table')
    .addHelpText(
      'after',
      '\nExample:\n  $ QX_SIGN_PASSWORD=... quintessence scent batch release --batch B-2026-001 --username quinn\n  $ QX_SIGN_PASSWORD=... quintessence scent batch release --batch B-2026-002 --username quinn --reject --reason "H2S contamination"',
    )
    .action(async (opts: Record<string, string | boolean>) => {
      const format = parseFormat(String(opts.format), ['json', 'table']);
      const batchId = idOption('--batch', String(opts.batch));
      const password = process.env[String(opts.passwordEnv)];
      if (!password) {
        throw new AppError(
          'VALIDATION_ERROR',
          `Set the signer password in the environment variable ${String(opts.passwordEnv)}`,
        );
      }
      const decision = opts.reject ? 'reject' : 'release';
      const reason = typeof opts.reason === 'string' ? opts.reason : undefined;
      if (decision === 'reject' && !reason?.trim())
        throw new AppError('VALIDATION_ERROR', 'A rejection needs --reason');
      await cli.withContext(async (ctx) => {
        const view = await createScentService(ctx).decideBatch(
          batchId,
          {
            decision,
            username: String(opts.username),
            password,
            ...(reason ? { reason } : {}),
            ...(opts.updateModel ? { update_model: true } : {}),
          },
          actor,
        );
        const sig = view.signatures.at(-1);
        writeOutput(
          cli,
          format,
          format === 'json'
            ? view
            : [
                {
                  batch: view.batch.id,
                  status: view.batch.status,
                  signed_by: sig?.signerFullName,
                  meaning: sig?.meaning,
                  signed_at: sig?.signedAt,
                  signature: sig?.id,
                },
              ],
        );
        if (format !== 'json') {
          for (const u of view.modelUpdates ?? []) {
            cli.stdout.write(
              u.updated
                ? `fingerprint ${u.sensorId}: version ${u.model!.version} (${u.used} readings added, shift ${u.stepShift!.toFixed(2)} / cumulative ${u.cumulativeShift!.toFixed(2)} limit units)\n`
                : `fingerprint ${u.sensorId}: not updated: ${u.message}\n`,
            );
          }
        }
      });
    });
}
