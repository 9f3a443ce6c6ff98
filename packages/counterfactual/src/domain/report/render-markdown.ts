import type { AuditReport } from './audit-report.js';
import { fmt, fmtCi, fmtP } from './format-numbers.js';

/** Academic Markdown report: method, results (every number with n, CI, test and corrected p), limitations. */
export function renderMarkdown(report: AuditReport): string {
  const a = report.analysis;
  const s = report.settings;
  const lines: string[] = [];
  lines.push(`# ${report.title}`, '');
  lines.push(
    `Generated ${report.generated_at} for model \`${report.model.name}\`${report.model.version ? ` (${report.model.version})` : ''}.`,
    '',
  );
  lines.push('## Method', '');
  lines.push(
    `We rewrote ${report.data.sentences} input texts (${report.data.description}) into ${report.data.pairs} counterfactual pairs that differ only in a protected attribute, ` +
      `and scored both members of every pair with the model under test (${report.data.model_calls} model calls). ` +
      'For each cell (attribute x direction x rewrite strategy) we report the consistency (share of pairs with the same label), ' +
      `its ${Math.round(s.confidence_level * 100)}% percentile-bootstrap confidence interval (B = ${s.resamples}, seed ${s.seed}), ` +
      "the mean score change, McNemar's test on the positive label " +
      `("${a.positive_label}"; exact binomial when b + c < 25, otherwise chi-square with continuity correction) ` +
      'and the Wilcoxon signed-rank test on score changes (exact or permutation for small samples, normal approximation with tie correction otherwise). ' +
      `Primary p-values are adjusted with ${s.correction === 'holm' ? "Holm's step-down method" : s.correction === 'bh' ? 'the Benjamini-Hochberg procedure' : 'no correction'} across cells; ` +
      `matched no-effect control cells form their own family and estimate the false-alarm rate. Significance level alpha = ${s.alpha}.`,
    '',
  );
  lines.push('## Results', '');
  lines.push(
    '| Attribute | Direction | Strategy | Control | n | Consistency [CI] | Mean score delta [CI] | McNemar b/c, p | Wilcoxon W, p | Primary test | p (adj.) | Significant |',
  );
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const c of a.cells) {
    lines.push(
      `| ${c.attribute} | ${c.direction} | ${c.strategy} | ${c.control ? 'yes' : 'no'} | ${c.n} | ${fmt(c.consistency)} ${fmtCi(c.consistency_ci)} | ` +
        `${fmt(c.mean_score_delta)} ${c.mean_score_delta_ci ? fmtCi(c.mean_score_delta_ci) : ''} | ${c.mcnemar.b}/${c.mcnemar.c}, ${fmtP(c.mcnemar.pValue)} (${c.mcnemar.method}) | ` +
        `${c.wilcoxon ? `${fmt(c.wilcoxon.statistic, 1)}, ${fmtP(c.wilcoxon.pValue)} (${c.wilcoxon.method})` : 'n/a'} | ${c.primary_test} | ` +
        `${fmtP(c.p_adjusted)} (${c.correction}) | ${c.significant ? 'yes' : 'no'} |`,
    );
  }
  lines.push('');
  if (a.rollups?.length) {
    lines.push('Consistency rolled up over cells (test pairs only):', '');
    lines.push('| By | Value | n | Consistency [CI] | Flip rate | Mean score delta |', '|---|---|---|---|---|---|');
    for (const r of a.rollups) {
      lines.push(
        `| ${r.by} | ${r.key} | ${r.n} | ${fmt(r.consistency)} ${fmtCi(r.consistency_ci)} | ${fmt(r.flip_rate)} | ${fmt(r.mean_score_delta)} |`,
      );
    }
    lines.push('');
  }
  lines.push(
    `Observed false-alarm rate on control cells: ${a.control_false_alarm_rate === null ? 'n/a (no controls)' : fmt(a.control_false_alarm_rate, 3)}.`,
    '',
  );
  if (report.group_metrics) {
    const g = report.group_metrics;
    lines.push('### Group metrics', '');
    lines.push(
      '| Group | n | Selection rate | TPR | FPR | FNR | PPV | Accuracy |',
      '|---|---|---|---|---|---|---|---|',
    );
    for (const [name, m] of Object.entries(g.groups)) {
      lines.push(
        `| ${name} | ${m.n} | ${fmt(m.selection_rate)} | ${fmt(m.tpr)} | ${fmt(m.fpr)} | ${fmt(m.fnr)} | ${fmt(m.ppv)} | ${fmt(m.accuracy)} |`,
      );
    }
    lines.push(
      '',
      `Demographic parity difference ${fmt(g.demographic_parity_difference)} ${fmtCi(g.ci?.demographic_parity_difference)}, ratio ${fmt(g.demographic_parity_ratio)} ${fmtCi(g.ci?.demographic_parity_ratio)}; ` +
        `equalized odds difference ${fmt(g.equalized_odds_difference)} ${fmtCi(g.ci?.equalized_odds_difference)}, ratio ${fmt(g.equalized_odds_ratio)} ${fmtCi(g.ci?.equalized_odds_ratio)}. ` +
        `80% rule: ${g.four_fifths_rule.passes === null ? 'n/a' : g.four_fifths_rule.passes ? 'passed' : 'failed'}.`,
      '',
    );
    for (const t of g.tests ?? []) {
      lines.push(
        `- ${t.hypothesis}: ${t.test}, chi2 = ${fmt(t.statistic)}, df = ${t.df}, p = ${fmtP(t.p_value)}, p (${t.correction}) = ${fmtP(t.p_adjusted)}`,
      );
    }
    lines.push('');
  }
  lines.push(`Risk level: **${report.risk.level}**. ${report.risk.reasons.join('; ')}.`, '');
  lines.push('## Limitations', '');
  lines.push(
    '- Counterfactuals are word-level rewrites: they cannot change correlated cues (names, topics, dialect) and may produce ungrammatical text where the lexicon or the part-of-speech tagger is wrong.',
    '- Gender is treated through English gendered words (male, female, neutral forms); it does not represent non-binary identities beyond neutral rewrites.',
    '- A non-significant result is not evidence of fairness: the tests have limited power for small n (see the CIs).',
    '- Consistency is measured on the label the model outputs; calibrated scores may shift without label flips (see the Wilcoxon column).',
    `- Results hold for this model version and input distribution only; re-audit by ${report.next_audit_date}.`,
    '',
  );
  return lines.join('\n');
}
