import type { IfraCategory, IfraStandard, IfraStatus } from './ifra.js';
import type { AlertSeverity, StructuralAlert } from './structural-alerts.js';

/** Overall verdict of the safety screen. */
export type SafetyRecommendation = 'safe' | 'caution' | 'reject';

/** An alert that matched, with how many times. */
export interface AlertHit {
  readonly id: string;
  readonly source: string;
  readonly severity: AlertSeverity;
  readonly description: string;
  readonly matches: number;
}

/** IFRA findings for one molecule. */
export interface IfraFinding {
  /** Status of the matched standard, or `analogue-of-prohibited` for a near analogue (Tanimoto >= threshold). */
  readonly status: IfraStatus | 'analogue-of-prohibited';
  readonly standard: {
    readonly key: string;
    readonly name: string;
    readonly type: string;
    readonly cas: string;
  } | null;
  /** Maximum concentration (%) per product category, for restricted materials. */
  readonly limits: Readonly<Partial<Record<IfraCategory, number>>> | null;
  /** How the standard was matched. */
  readonly match?: 'inchikey' | 'stereoisomer' | 'analogue';
  /** Tanimoto similarity for analogue matches. */
  readonly similarity?: number;
}

/** The screen's output. Numbers appear only where computed from evidence. */
export interface SafetyAssessment {
  readonly smiles: string;
  readonly recommendation: SafetyRecommendation;
  readonly reasons: readonly string[];
  readonly ifra: IfraFinding;
  /** EU 2023/1545 labelled allergen, when the structure is one. */
  readonly euAllergen: { readonly name: string; readonly cas: string } | null;
  readonly alerts: readonly AlertHit[];
}

/** Evidence gathered by the service for one molecule. */
export interface SafetyEvidence {
  readonly smiles: string;
  /** Identity match in IFRA (exact InChIKey or same connectivity block). */
  readonly ifraIdentity: { readonly standard: IfraStandard; readonly cas: string; readonly exact: boolean } | null;
  /** Closest prohibited IFRA structure by Tanimoto, if any was compared. */
  readonly nearestProhibited: {
    readonly standard: IfraStandard;
    readonly cas: string;
    readonly similarity: number;
  } | null;
  readonly euAllergen: { readonly name: string; readonly cas: string } | null;
  readonly alertMatches: readonly { readonly alert: StructuralAlert; readonly matches: number }[];
}

/** Options of {@link assessSafety}. */
export interface AssessSafetyOptions {
  /** Tanimoto (Morgan r=2, 2048 bits) at or above which a prohibited material's analogue is flagged. Default 0.8. */
  readonly analogueThreshold?: number;
}

/**
 * Turns evidence into a verdict: `reject` for IFRA-prohibited materials (same InChIKey or stereoisomer) and critical
 * alerts; `caution` for restricted materials, near analogues of prohibited ones, EU allergens and warning alerts;
 * `safe` otherwise. Toxicity and ecotoxicity scores are not estimated here: no number is invented.
 *
 * @see IFRA Standards, 51st Amendment (2023); Regulation (EU) 2023/1545
 */
export function assessSafety(evidence: SafetyEvidence, options: AssessSafetyOptions = {}): SafetyAssessment {
  const threshold = options.analogueThreshold ?? 0.8;
  const reasons: string[] = [];
  let level = 0;
  const raise = (to: number, reason: string) => {
    level = Math.max(level, to);
    reasons.push(reason);
  };

  let ifra: IfraFinding = { status: 'not-listed', standard: null, limits: null };
  if (evidence.ifraIdentity) {
    const { standard, cas, exact } = evidence.ifraIdentity;
    const match = exact ? 'inchikey' : 'stereoisomer';
    const ref = { key: standard.key, name: standard.name, type: standard.type, cas };
    if (standard.status === 'prohibited') {
      ifra = { status: 'prohibited', standard: ref, limits: null, match };
      raise(2, `IFRA 51st Amendment prohibits ${standard.name} (${standard.key}, CAS ${cas}; ${match} match)`);
    } else if (standard.status === 'restricted') {
      ifra = { status: 'restricted', standard: ref, limits: standard.limits, match };
      const cat4 = standard.limits['4'];
      raise(
        1,
        `IFRA restricted: ${standard.name} (${standard.key})${cat4 === undefined ? '' : `, max ${cat4}% in category 4 (fine fragrance)`}`,
      );
    } else {
      ifra = { status: 'specification', standard: ref, limits: null, match };
      raise(1, `IFRA specification applies to ${standard.name} (${standard.key}): purity criteria`);
    }
  } else if (evidence.nearestProhibited && evidence.nearestProhibited.similarity >= threshold) {
    const { standard, cas, similarity } = evidence.nearestProhibited;
    ifra = {
      status: 'analogue-of-prohibited',
      standard: { key: standard.key, name: standard.name, type: standard.type, cas },
      limits: null,
      match: 'analogue',
      similarity,
    };
    raise(1, `near analogue (Tanimoto ${similarity.toFixed(2)}) of IFRA-prohibited ${standard.name} (${standard.key})`);
  }

  if (evidence.euAllergen) {
    raise(
      1,
      `EU 2023/1545 labelled allergen: ${evidence.euAllergen.name} (CAS ${evidence.euAllergen.cas}); label above 0.001% leave-on / 0.01% rinse-off`,
    );
  }

  const alerts: AlertHit[] = [];
  for (const { alert, matches } of evidence.alertMatches) {
    if (matches <= 0) continue;
    alerts.push({
      id: alert.id,
      source: alert.source,
      severity: alert.severity,
      description: alert.description,
      matches,
    });
    if (alert.severity === 'critical') raise(2, `critical structural alert: ${alert.description}`);
    else if (alert.severity === 'warning') raise(1, `structural alert: ${alert.description}`);
  }
  alerts.sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.id.localeCompare(b.id));

  const recommendation: SafetyRecommendation = level === 2 ? 'reject' : level === 1 ? 'caution' : 'safe';
  if (recommendation === 'safe') reasons.push('no IFRA listing, allergen or structural alert found');
  return { smiles: evidence.smiles, recommendation, reasons, ifra, euAllergen: evidence.euAllergen, alerts };
}

function severityRank(s: AlertSeverity): number {
  return s === 'critical' ? 2 : s === 'warning' ? 1 : 0;
}
