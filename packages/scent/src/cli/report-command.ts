import { writeFileSync } from 'node:fs';
import { AppError, type CliContext, cliPrincipal, parseFormat } from '@quintessence/platform';
import type { Command } from 'commander';
import { createComplianceReporter, parseAuditAnchor, parseReportPeriod } from '../service/compliance-report.js';
import { renderComplianceReportHtml } from '../service/compliance-report-html.js';

/**
 * `scent report`: the compliance report of a period (JSON or printable HTML) to standard output or a new file. Exits
 * non-zero (after writing the report) when the audit trail fails verification.
 */
export function registerReportCommand(scent: Command, cli: CliContext): void {
  scent
    .command('report')
    .description(
      'Compliance report of a period: batches, decisions, e-signatures, anomalies and alerts, audit trail verification',
    )
    .requiredOption('--from <time>', 'start of the period (inclusive): ISO-8601 date or time')
    .requiredOption('--to <time>', 'end of the period (exclusive): ISO-8601 date or time')
    .option('--line <id>', 'only this production line')
    .option('--product <id>', 'only this product')
    .option('--anchor <seq:hash>', 'headSeq:headHash of an earlier report: also detects deleted newest events')
    .option('--format <format>', 'json or html', 'json')
    .option('--output <file>', 'write to this new file instead of standard output')
    .addHelpText(
      'after',
      '\nExample:\n  $ quintessence scent report --from 2026-11-01 --to 2026-12-01 --format html --output qc-2026-11.html',
    )
    .action(
      async (opts: {
        from: string;
        to: string;
        line?: string;
        product?: string;
        anchor?: string;
        format: string;
        output?: string;
      }) => {
        const format = parseFormat(opts.format, ['json', 'html']);
        const period = parseReportPeriod(opts.from, opts.to);
        const anchor = opts.anchor === undefined ? undefined : parseAuditAnchor(opts.anchor);
        const report = await cli.withContext((ctx) =>
          createComplianceReporter(ctx).build(
            {
              ...period,
              ...(opts.line ? { lineId: opts.line } : {}),
              ...(opts.product ? { productId: opts.product } : {}),
              ...(anchor ? { anchor } : {}),
            },
            cliPrincipal().name,
          ),
        );
        const text = format === 'html' ? renderComplianceReportHtml(report) : `${JSON.stringify(report, null, 2)}\n`;
        if (opts.output) {
          try {
            writeFileSync(opts.output, text, { flag: 'wx' });
          } catch (error) {
            throw new AppError(
              'VALIDATION_ERROR',
              `--output: cannot write ${opts.output}: ${(error as Error).message}`,
            );
          }
          cli.stderr.write(`wrote ${opts.output} (${report.batches.length} batches)\n`);
        } else {
          cli.stdout.write(text);
        }
        const v = report.auditVerification;
        if (!v.ok) {
          throw new AppError(
            'AUDIT_CHAIN_INVALID',
            `audit trail verification failed at event ${v.firstBadSeq}: ${v.problem} (recorded in the report)`,
            { details: v },
          );
        }
      },
    );
}
