import { describe, expect, it } from 'vitest';
import { analysePairs, type ScoredPair } from '../audit/analyse-pairs.js';
import { groupFairness } from '../metrics/metric-frame.js';
import { createRng } from '../stats/rng.js';
import { assessRisk, buildAuditReport } from './audit-report.js';
import { renderHtml } from './render-html.js';
import { renderMarkdown } from './render-markdown.js';

const pos = (score: number) => ({ label: score >= 0.5 ? 'positive' : 'negative', score });
function pairs(n: number, shift: number, control = false): ScoredPair[] {
  return Array.from({ length: n }, (_, i) => ({
    attribute: control ? 'gender' : 'gender',
    direction: control ? 'none' : 'm2f',
    strategy: control ? 'repeat-control' : 'swap',
    control,
    original: pos(0.55 + (i % 5) * 0.01),
    counterfactual: pos(0.55 + (i % 5) * 0.01 - shift),
  }));
}

describe('audit reports', () => {
  const biased = analysePairs([...pairs(40, 0.2), ...pairs(40, 0, true)], { rng: createRng(3), resamples: 200 });
  const fair = analysePairs([...pairs(40, 0), ...pairs(40, 0, true)], { rng: createRng(3), resamples: 200 });

  it('rates risk from corrected tests, flip rates, controls and the 80% rule', () => {
    expect(assessRisk(biased).level).toBe('high');
    expect(assessRisk(fair).level).toBe('low');
    const failing80 = groupFairness([1, 1, 1, 1], [1, 1, 1, 0], ['a', 'a', 'b', 'b']);
    expect(assessRisk(fair, { ...failing80, four_fifths_rule: { ratio: 0.5, passes: false } }).level).toBe('high');
  });

  it('schedules the next audit by risk level and plans mitigation', () => {
    const input = {
      title: 'T',
      generatedAt: new Date('2026-01-01T00:00:00Z'),
      model: { name: 'm' },
      data: { description: 'd', sentences: 40, pairs: 80, model_calls: 120 },
      settings: { seed: 3, resamples: 200, alpha: 0.05, correction: 'holm', confidence_level: 0.95 },
    };
    const high = buildAuditReport({ ...input, analysis: biased });
    expect(high.next_audit_date).toBe('2026-01-31');
    expect(high.mitigation.some((m) => m.includes('Block release'))).toBe(true);
    const low = buildAuditReport({ ...input, analysis: fair });
    expect(low.next_audit_date).toBe('2026-06-30');
    expect(low.mitigation).toEqual(['No mitigation required; keep monitoring in production (Art. 9(2)(c), Art. 15).']);
  });

  it('renders every cell with n, CI, test, raw and adjusted p, and escapes HTML', () => {
    const report = buildAuditReport({
      title: '<script>alert(1)</script> audit',
      generatedAt: new Date('2026-01-01T00:00:00Z'),
      model: { name: 'm&m' },
      data: { description: 'd', sentences: 40, pairs: 80, model_calls: 120 },
      settings: { seed: 3, resamples: 200, alpha: 0.05, correction: 'holm', confidence_level: 0.95 },
      analysis: biased,
    });
    const html = renderHtml(report);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('m&amp;m');
    const cell = report.analysis.cells.find((c) => !c.control)!;
    expect(html).toContain(`<td>${cell.n}</td>`);
    expect(html).toContain('95% percentile-bootstrap, B = 200');
    expect(html).toMatch(/McNemar \((exact|chi2-corrected)\): b=\d+, c=\d+, p=/);
    expect(html).toContain('Wilcoxon (');
    const md = renderMarkdown(report);
    expect(md).toContain('| gender | m2f | swap | no | 40 |');
    expect(md).toContain('(holm)');
    expect(md).toContain('Risk level: **high**');
  });
});
