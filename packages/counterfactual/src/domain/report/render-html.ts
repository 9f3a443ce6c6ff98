import type { AuditReport } from './audit-report.js';
import { fmt, fmtCi, fmtP } from './format-numbers.js';

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/**
 * Regulatory HTML report structured along the EU AI Act (Regulation (EU) 2024/1689): risk management (Art. 9), data
 * and bias examination (Art. 10(2)(f)-(g)), transparency (Art. 13), accuracy and robustness (Art. 15) and the
 * technical documentation items of Annex IV. Every number is printed with its n, confidence interval, test, p-value
 * and multiple-testing correction.
 */
export function renderHtml(report: AuditReport): string {
  const e = escapeHtml;
  const a = report.analysis;
  const s = report.settings;
  const rows = a.cells
    .map(
      (c) =>
        `<tr${c.significant ? ' class="flag"' : ''}><td>${e(c.attribute)}</td><td>${e(c.direction)}</td><td>${e(c.strategy)}</td><td>${c.control ? 'control' : 'test'}</td>` +
        `<td>${c.n}</td><td>${fmt(c.consistency)}<br><small>CI ${e(fmtCi(c.consistency_ci))}</small></td>` +
        `<td>${fmt(c.flip_rate)}</td>` +
        `<td>${fmt(c.mean_score_delta)}<br><small>CI ${e(fmtCi(c.mean_score_delta_ci))}</small></td>` +
        `<td>McNemar (${e(c.mcnemar.method)}): b=${c.mcnemar.b}, c=${c.mcnemar.c}, p=${fmtP(c.mcnemar.pValue)}<br>` +
        `Wilcoxon (${c.wilcoxon ? e(c.wilcoxon.method) : 'n/a'}): ${c.wilcoxon ? `W=${fmt(c.wilcoxon.statistic, 1)}, p=${fmtP(c.wilcoxon.pValue)}` : 'no scores'}</td>` +
        `<td>${e(c.primary_test)}</td><td>${fmtP(c.p_value)}</td><td>${fmtP(c.p_adjusted)}<br><small>${e(c.correction)}</small></td><td>${c.significant ? 'yes' : 'no'}</td></tr>`,
    )
    .join('\n');
  const g = report.group_metrics;
  const groupSection = g
    ? `<h3>Group metrics (Fairlearn-style metric frame)</h3>
<table><thead><tr><th>Group</th><th>n</th><th>Selection rate</th><th>TPR</th><th>FPR</th><th>FNR</th><th>PPV</th><th>Accuracy</th></tr></thead><tbody>
${Object.entries(g.groups)
  .map(
    ([name, m]) =>
      `<tr><td>${e(name)}</td><td>${m.n}</td><td>${fmt(m.selection_rate)}</td><td>${fmt(m.tpr)}</td><td>${fmt(m.fpr)}</td><td>${fmt(m.fnr)}</td><td>${fmt(m.ppv)}</td><td>${fmt(m.accuracy)}</td></tr>`,
  )
  .join('\n')}
</tbody></table>
<ul>
<li>Demographic parity difference: ${fmt(g.demographic_parity_difference)} (n = ${Object.values(g.groups).reduce((t, m) => t + m.n, 0)}; CI ${e(fmtCi(g.ci?.demographic_parity_difference))}; test below)</li>
<li>Demographic parity ratio: ${fmt(g.demographic_parity_ratio)} (CI ${e(fmtCi(g.ci?.demographic_parity_ratio))}); 80% rule ${g.four_fifths_rule.passes === null ? 'n/a' : g.four_fifths_rule.passes ? 'passed' : '<strong>failed</strong>'}</li>
${(g.tests ?? []).map((t) => `<li>Test of ${e(t.hypothesis)}: ${e(t.test)}, chi2 = ${fmt(t.statistic)}, df = ${t.df}, p = ${fmtP(t.p_value)}, p (adjusted, ${e(t.correction)}) = ${fmtP(t.p_adjusted)}</li>`).join('\n')}
<li>Equalized odds difference: ${fmt(g.equalized_odds_difference)} (CI ${e(fmtCi(g.ci?.equalized_odds_difference))}); ratio ${fmt(g.equalized_odds_ratio)} (CI ${e(fmtCi(g.ci?.equalized_odds_ratio))})</li>
</ul>`
    : '<p>No group metrics were supplied with this audit.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(report.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:1200px;margin:2em auto;color:#222}table{border-collapse:collapse;width:100%;font-size:.85em}th,td{border:1px solid #bbb;padding:4px;vertical-align:top}tr.flag{background:#fde8e8}.risk-high{color:#b00}.risk-medium{color:#b60}.risk-low{color:#070}</style>
</head><body>
<h1>${e(report.title)}</h1>
<p>Conformity evidence for a high-risk AI system under Regulation (EU) 2024/1689 (AI Act). Generated ${e(report.generated_at)}.</p>
<section id="annex-iv"><h2>Annex IV — Technical documentation</h2>
<ul><li>System under test: <code>${e(report.model.name)}</code>${report.model.version ? ` version ${e(report.model.version)}` : ''}</li>
<li>Test data: ${e(report.data.description)}; ${report.data.sentences} source texts, ${report.data.pairs} counterfactual pairs, ${report.data.model_calls} model calls</li>
<li>Method settings: seed ${s.seed}; ${s.resamples} bootstrap resamples; confidence level ${s.confidence_level}; alpha ${s.alpha}; correction ${e(s.correction)}; positive label "${e(a.positive_label)}"</li></ul></section>
<section id="art-9"><h2>Article 9 — Risk management</h2>
<p>Risk level: <strong class="risk-${report.risk.level}">${report.risk.level.toUpperCase()}</strong></p>
<ul>${report.risk.reasons.map((r) => `<li>${e(r)}</li>`).join('')}</ul>
<h3>Mitigation plan</h3><ol>${report.mitigation.map((m) => `<li>${e(m)}</li>`).join('')}</ol>
<p>Next audit due: <strong>${e(report.next_audit_date)}</strong></p></section>
<section id="art-10"><h2>Article 10(2)(f)-(g) — Examination of possible biases and measures to detect them</h2>
<p>Counterfactual pairs change only a protected attribute; every cell below reports n, the estimate with its confidence interval, the tests with raw p-values, and the primary p-value after ${e(s.correction)} correction. Control cells are matched no-effect pairs: observed false-alarm rate ${a.control_false_alarm_rate === null ? 'n/a' : fmt(a.control_false_alarm_rate, 3)}.</p>
<table><thead><tr><th>Attribute</th><th>Direction</th><th>Strategy</th><th>Kind</th><th>n</th><th>Consistency</th><th>Flip rate</th><th>Mean score delta</th><th>Tests</th><th>Primary</th><th>p (raw)</th><th>p (adjusted)</th><th>Significant</th></tr></thead>
<tbody>
${rows}
</tbody></table>
${
  a.rollups?.length
    ? `<h3>Consistency per attribute, direction and strategy (test pairs)</h3><table><thead><tr><th>By</th><th>Value</th><th>n</th><th>Consistency</th><th>Flip rate</th><th>Mean score delta</th></tr></thead><tbody>${a.rollups
        .map(
          (r) =>
            `<tr><td>${e(r.by)}</td><td>${e(r.key)}</td><td>${r.n}</td><td>${fmt(r.consistency)}<br><small>CI ${e(fmtCi(r.consistency_ci))}</small></td><td>${fmt(r.flip_rate)}</td><td>${fmt(r.mean_score_delta)}<br><small>descriptive (per-cell tests above)</small></td></tr>`,
        )
        .join('')}</tbody></table>`
    : ''
}
${groupSection}</section>
<section id="art-13"><h2>Article 13 — Transparency and information to deployers</h2>
<p>Deployers should know that the model's decisions ${a.cells.some((c) => !c.control && c.significant) ? 'change with the protected attributes flagged above' : 'showed no significant dependence on the audited attributes'}; the limits of this audit (word-level rewrites in English, finite test power, a single model version) apply to these statements.</p></section>
<section id="art-15"><h2>Article 15 — Accuracy, robustness and cybersecurity</h2>
<p>Robustness to rewording was checked with paraphrase strategies (${e([...new Set(a.cells.map((c) => c.strategy))].join(', '))}); a counterfactual effect that persists across strategies is not an artefact of one phrasing.</p></section>
</body></html>
`;
}
