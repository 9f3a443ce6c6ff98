import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Command } from 'commander';
import { parseFormat, writeOutput } from '../cli/output.js';
import { resolveSecrets } from '../config/secrets.js';
import { AppError, registerErrorCodes } from '../errors/app-error.js';
import type { CliContext, ModuleContext } from '../module.js';
import { type AuditAnchor, type AuditFilter, type AuditTrail, createAuditTrail } from './audit-trail.js';

/** Error codes of the audit commands. */
export const auditErrorCodes = { AUDIT_CHAIN_INVALID: 500 } as const;
registerErrorCodes(auditErrorCodes);

const eventColumns = ['seq', 'occurredAt', 'actor', 'action', 'resource', 'reason', 'requestId', 'clientAddress'];

/** The audit trail of the module context's database, with the configured (or generated) signing key. */
export function auditTrailFor(ctx: ModuleContext): AuditTrail {
  return createAuditTrail({ db: ctx.db, signingKey: resolveSecrets(ctx.config).auditSigningKey, clock: ctx.clock });
}

interface FilterOptions {
  actor?: string;
  action?: string;
  resource?: string;
  from?: string;
  to?: string;
}

function time(option: string, value: string): Date {
  const d = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(d.getTime())) {
    throw new AppError(
      'VALIDATION_ERROR',
      `${option} must be an ISO-8601 date or time, e.g. 2026-11-01T00:00:00Z; got "${value}"`,
    );
  }
  return d;
}

function toFilter(opts: FilterOptions): AuditFilter {
  return {
    ...(opts.actor ? { actor: opts.actor } : {}),
    ...(opts.action ? { action: opts.action } : {}),
    ...(opts.resource ? { resource: opts.resource } : {}),
    ...(opts.from ? { from: time('--from', opts.from) } : {}),
    ...(opts.to ? { to: time('--to', opts.to) } : {}),
  };
}

function wholeNumber(option: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) {
    throw new AppError('VALIDATION_ERROR', `${option} must be a whole number from ${min} to ${max}; got "${value}"`);
  }
  return n;
}

function parseAnchor(value: string): AuditAnchor {
  const match = /^(\d+):([0-9a-f]{64})$/.exec(value.trim());
  if (!match) {
    throw new AppError(
      'VALIDATION_ERROR',
      `--anchor must be <seq>:<64 hex characters> (headSeq:headHash of an earlier verify); got "${value}"`,
    );
  }
  return { seq: Number(match[1]), hash: match[2]! };
}

function withFilters(cmd: Command): Command {
  return cmd
    .option('--actor <name>', 'only events of this actor')
    .option('--action <action>', 'exact action, or a prefix ending in * (auth.login.*)')
    .option('--resource <resource>', 'exact resource, or a prefix ending in * (restock/order/*)')
    .option('--from <time>', 'events at or after this ISO-8601 time')
    .option('--to <time>', 'events before this ISO-8601 time');
}

/**
 * `quintessence audit verify|events|export`. `verify` exits with 1 when the chain is broken and names the first bad
 * sequence number.
 *
 * @example
 * registerAuditCommands(program, cli);
 */
export function registerAuditCommands(program: Command, cli: CliContext): void {
  const audit = program.command('audit').description('Inspect, verify and export the audit trail');

  audit
    .command('verify')
    .description('Verify the hash chain and signatures; names the first edited, deleted, inserted or reordered event')
    .option('--anchor <seq:hash>', 'headSeq:headHash of an earlier run: also detects deleted newest events')
    .option('--format <format>', 'json, table or csv', 'table')
    .addHelpText(
      'after',
      '\nExample:\n  $ quintessence audit verify --format json\n  $ quintessence audit verify --anchor 1042:<headHash of an earlier run>',
    )
    .action(async (opts: { format: string; anchor?: string }) => {
      const format = parseFormat(opts.format);
      const anchor = opts.anchor === undefined ? undefined : parseAnchor(opts.anchor);
      const report = await cli.withContext((ctx) => auditTrailFor(ctx).verify(anchor ? { anchor } : {}));
      writeOutput(cli, format, report);
      if (!report.ok) {
        throw new AppError(
          'AUDIT_CHAIN_INVALID',
          `audit trail verification failed at event ${report.firstBadSeq}: ${report.problem}`,
          {
            details: report,
          },
        );
      }
    });

  withFilters(audit.command('events'))
    .description('List audit events, newest first')
    .option('--limit <n>', 'at most this many events (1-1000)', '50')
    .option('--offset <n>', 'skip this many events', '0')
    .option('--order <order>', 'desc (newest first) or asc', 'desc')
    .option('--format <format>', 'json, table or csv', 'table')
    .addHelpText(
      'after',
      '\nExample:\n  $ quintessence audit events --action "auth.login.*" --from 2026-11-01 --limit 20',
    )
    .action(async (opts: FilterOptions & { limit: string; offset: string; order: string; format: string }) => {
      const format = parseFormat(opts.format);
      const limit = wholeNumber('--limit', opts.limit, 1, 1000);
      const offset = wholeNumber('--offset', opts.offset, 0, Number.MAX_SAFE_INTEGER);
      const order = parseFormat(opts.order, ['asc', 'desc']) as 'asc' | 'desc';
      const filter = toFilter(opts);
      const page = await cli.withContext((ctx) => auditTrailFor(ctx).list(filter, { limit, offset, order }));
      if (format === 'json') writeOutput(cli, format, page);
      else writeOutput(cli, format, page.items, eventColumns);
    });

  withFilters(audit.command('export'))
    .description('Export audit events in sequence order (JSON Lines by default)')
    .option('--format <format>', 'jsonl, csv, json or table', 'jsonl')
    .option('--output <file>', 'write to this file instead of standard output')
    .addHelpText(
      'after',
      '\nExample:\n  $ quintessence audit export --format csv --from 2026-01-01 --output audit-2026.csv',
    )
    .action(async (opts: FilterOptions & { format: string; output?: string }) => {
      const format = parseFormat(opts.format, ['jsonl', 'csv', 'json', 'table']);
      const filter = toFilter(opts);
      await cli.withContext(async (ctx) => {
        const trail = auditTrailFor(ctx);
        const out = opts.output ? createWriteStream(opts.output, { flags: 'wx' }) : cli.stdout;
        if (opts.output) {
          try {
            await once(out, 'open');
          } catch (error) {
            throw new AppError(
              'VALIDATION_ERROR',
              `--output: cannot write ${opts.output}: ${(error as Error).message}`,
            );
          }
        }
        try {
          if (format === 'jsonl' || format === 'csv') {
            for await (const chunk of format === 'csv' ? trail.exportCsv(filter) : trail.exportJsonl(filter)) {
              if (!out.write(chunk)) await once(out, 'drain');
            }
          } else {
            const events = [];
            for await (const chunk of trail.exportJsonl(filter)) {
              for (const line of chunk.split('\n')) if (line) events.push(JSON.parse(line));
            }
            writeOutput(
              { stdout: out, stderr: cli.stderr },
              format,
              events,
              format === 'table' ? eventColumns : undefined,
            );
          }
        } finally {
          if (opts.output) {
            const file = out as ReturnType<typeof createWriteStream>;
            file.end();
            await once(file, 'close');
          }
        }
      });
      if (opts.output) cli.stderr.write(`wrote ${opts.output}\n`);
    });
}
