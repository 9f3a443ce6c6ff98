import escapeHtml from 'escape-html';
import type { ComplianceReport, ReportBatch } from './compliance-report.js';

const e = (value: unknown): string => escapeHtml(value === null || value === undefined ? '—' : String(value));
const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

function table(headers: readonly string[], rows: readonly (readonly string[])[], empty: string): string {
  if (rows.length === 0) return `<p class="empty">${e(empty)}</p>`;
  const head = headers.map((h) => `<th>${e(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function verificationSection(report: ComplianceReport): string {
  const v = report.auditVerification;
  const anchored = v.anchor
    ? ` Checked against the anchor event ${e(v.anchor.seq)} (hash <code>${e(v.anchor.hash)}</code>).`
    : '';
  if (v.ok) {
    return `<section class="verify ok"><h2>Audit trail verification: PASSED</h2>
<p>All ${e(v.checked)} events of the hash-chained, signed audit trail verified at ${e(v.verifiedAt)}
(head event ${e(v.headSeq)}, hash <code>${e(v.headHash)}</code>).${anchored} Keep the head as the anchor of the
next report (<code>${e(`${v.headSeq}:${v.headHash}`)}</code>).</p></section>`;
  }
  return `<section class="verify failed"><h2>Audit trail verification: FAILED</h2>
<p>First broken link at event <strong>${e(v.firstBadSeq)}</strong> (${e(v.kind)}): ${e(v.problem)}.
Verified at ${e(v.verifiedAt)}; ${e(v.checked)} events examined. Records and signatures from event
${e(v.firstBadSeq)} on are marked <span class="bad">not intact</span> and cannot be relied on.${anchored}</p></section>`;
}

function batchRows(batches: readonly ReportBatch[]): string[][] {
  return batches.map((b) => {
    const a = b.assessment;
    return [
      e(b.id),
      e(b.productId),
      e(b.lineId),
      e(b.status),
      e(b.openedAt),
      a ? e(a.decision) : e('not assessed'),
      a ? e(pct(a.quality)) : e(null),
      a ? e(`${a.anomalies} / ${a.samples}`) : e(null),
      a ? e(a.risk) : e(null),
      e(b.decidedAt),
      e(b.decidedBy),
      e(b.decisionReason),
    ];
  });
}

function signatureRows(batches: readonly ReportBatch[]): string[][] {
  return batches.flatMap((b) =>
    b.signatures.map((s) => [
      e(b.id),
      e(`${s.signerFullName} (${s.signerUsername})`),
      e(s.meaning),
      e(s.signedAt),
      e(s.reason),
      e(s.auditSeq),
      s.chainIntact ? e('intact') : `<span class="bad">${e('not intact')}</span>`,
    ]),
  );
}

const styles = `
body { font: 12px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111; margin: 24px; }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 15px; margin: 20px 0 6px; }
.meta { color: #444; margin-bottom: 12px; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; }
th, td { border: 1px solid #999; padding: 3px 5px; text-align: left; vertical-align: top; }
th { background: #eee; }
.verify { border: 2px solid; padding: 6px 10px; margin: 12px 0; }
.verify.ok { border-color: #1a7f37; } .verify.failed { border-color: #b00020; background: #fff0f0; }
.bad { color: #b00020; font-weight: bold; }
.empty, .note { color: #555; font-style: italic; }
code { font-size: 11px; word-break: break-all; }
@media print { body { margin: 0; } section, tr { break-inside: avoid; } th { background: #eee !important; } }
`;

/**
 * The compliance report as one printable, self-contained HTML page (inline styles, no scripts, no external
 * resources); every value is HTML-escaped.
 *
 * @example
 * writeFileSync('report.html', renderComplianceReportHtml(report));
 */
export function renderComplianceReportHtml(report: ComplianceReport): string {
  const s = report.summary;
  const filters = [
    report.filters.lineId ? `line ${report.filters.lineId}` : null,
    report.filters.productId ? `product ${report.filters.productId}` : null,
  ].filter((x): x is string => x !== null);
  const counts = (o: Record<string, number>) =>
    Object.entries(o)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
  const truncated = (what: string, t: { total: number; items: unknown[]; truncated: boolean }) =>
    t.truncated ? `<p class="note">${e(`Showing the first ${t.items.length} of ${t.total} ${what}.`)}</p>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${e(report.title)} ${e(report.period.from)} – ${e(report.period.to)}</title>
<style>${styles}</style>
</head>
<body>
<h1>${e(report.title)}</h1>
<div class="meta">Period ${e(report.period.from)} to ${e(report.period.to)} (end exclusive)${
    filters.length > 0 ? `; ${e(filters.join(', '))}` : ''
  }. Generated ${e(report.generatedAt)} by ${e(report.generatedBy)}.</div>
${verificationSection(report)}
<h2>Summary</h2>
${table(
  ['Item', 'Value'],
  [
    [e('Batches'), e(s.batches)],
    [e('By status'), e(counts(s.byStatus))],
    [e('Assessment recommendation'), e(counts(s.byDecision))],
    [e('Released against the recommendation'), e(s.releasedAgainstRecommendation)],
    [e('Electronic signatures'), e(s.signatures)],
    [e('Readings (scored / anomalous)'), e(`${s.readings.readings} (${s.readings.scored} / ${s.readings.anomalies})`)],
    [e('Alerts'), e(`${s.alerts.total} (${counts(s.alerts.bySeverity)}; ${counts(s.alerts.byKind)})`)],
  ],
  '',
)}
<h2>Batches and decisions</h2>
${table(
  [
    'Batch',
    'Product',
    'Line',
    'Status',
    'Opened',
    'Recommendation',
    'Quality',
    'Anomalies',
    'Risk',
    'Decided',
    'By',
    'Reason',
  ],
  batchRows(report.batches),
  'No batch in this period.',
)}
<h2>Electronic signatures</h2>
${table(
  ['Batch', 'Signer', 'Meaning', 'Signed at', 'Reason', 'Audit event', 'Chain'],
  signatureRows(report.batches),
  'No signature in this period.',
)}
<h2>Anomalies and alerts</h2>
${table(
  ['Raised', 'Severity', 'Kind', 'Sensor', 'Batch', 'Message'],
  report.alerts.items.map((a) => [e(a.createdAt), e(a.severity), e(a.kind), e(a.sensorId), e(a.batchId), e(a.message)]),
  'No alert in this period.',
)}
${truncated('alerts', report.alerts)}
<h2>Audit events</h2>
${table(
  ['Seq', 'Time', 'Actor', 'Action', 'Resource', 'Reason', 'Chain'],
  report.auditEvents.items.map((ev) => [
    e(ev.seq),
    e(ev.occurredAt),
    e(ev.actor),
    e(ev.action),
    e(ev.resource),
    e(ev.reason),
    ev.chainIntact ? e('intact') : `<span class="bad">${e('not intact')}</span>`,
  ]),
  'No audit event in this period.',
)}
${truncated('audit events', report.auditEvents)}
</body>
</html>
`;
}
