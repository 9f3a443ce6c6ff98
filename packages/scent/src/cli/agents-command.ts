import { AppError, type CliContext, type Principal, parseFormat, writeOutput } from '@quintessence/platform';
import type { Command } from 'commander';
import { agentCoordinatorFor } from '../service/agent-coordinator.js';

const cliPrincipal: Principal = { kind: 'system', id: 'cli', name: 'cli', roles: ['admin'] };

/** `quintessence scent agents list|analyze`: the QC agents' configuration and a coordinated analysis of a batch. */
export function registerAgentsCommand(scent: Command, cli: CliContext): void {
  const agents = scent.command('agents').description('QC agents: configuration and coordinated analysis');

  agents
    .command('list')
    .description('The four agents with their configuration, run and anomaly counts')
    .option('--format <format>', 'table or json', 'table')
    .addHelpText('after', '\nExample:\n  $ quintessence scent agents list --format json')
    .action(async (opts: Record<string, string>) => {
      const format = parseFormat(opts.format!, ['table', 'json']);
      await cli.withContext(async (ctx) => {
        const coordinator = agentCoordinatorFor(ctx);
        const rows = [];
        for (const a of await coordinator.listAgents()) rows.push(await coordinator.status(a.agent_id));
        if (format === 'json') return writeOutput(cli, format, rows);
        writeOutput(
          cli,
          format,
          rows.map((s) => ({
            agent: s.agent_id,
            enabled: s.enabled,
            runs: s.runs,
            anomalies: s.anomalies,
            last_run: s.last_run ? `${s.last_run.at} ${s.last_run.anomaly_detected ? 'ANOMALY' : 'ok'}` : '-',
          })),
          ['agent', 'enabled', 'runs', 'anomalies', 'last_run'],
        );
      });
    });

  agents
    .command('analyze')
    .description("Run the enabled agents on a batch's stored readings: reports, consensus and the root-cause narrative")
    .requiredOption('--batch <id>', 'batch id')
    .option('--sensor <id>', 'only this sensor of the batch')
    .option('--format <format>', 'text or json', 'text')
    .addHelpText('after', '\nExample:\n  $ quintessence scent agents analyze --batch B-20261123-3')
    .action(async (opts: Record<string, string>) => {
      const format = parseFormat(opts.format!, ['text', 'json']);
      if (!/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/.test(opts.batch!)) {
        throw new AppError('VALIDATION_ERROR', `--batch is not a valid batch id: "${opts.batch}"`);
      }
      await cli.withContext(async (ctx) => {
        const result = await agentCoordinatorFor(ctx).analyze(
          { batch_id: opts.batch!, ...(opts.sensor ? { sensor_id: opts.sensor } : {}) },
          { principal: cliPrincipal },
        );
        if (format === 'json') return writeOutput(cli, format, result);
        const lines = [
          `Batch ${result.subject.batch_id} (${result.subject.product_id}), ${result.subject.readings} readings from ${result.subject.sensors.join(', ')}`,
          ...result.reports.map(
            (r) =>
              `  ${r.anomaly_detected ? 'ANOMALY' : 'ok     '} ${r.agent_id.padEnd(15)} confidence ${r.confidence.toFixed(2)}  ${r.findings[0] ?? ''}`,
          ),
          `Consensus: ${result.consensus.decision} (agreement ${(100 * result.consensus.agreement).toFixed(0)} %)`,
          `Narrative (${result.narrative.source}): ${result.narrative.text}`,
          ...(result.narrative.note ? [`Note: ${result.narrative.note}`] : []),
        ];
        cli.stdout.write(`${lines.join('\n')}\n`);
      });
    });
}
