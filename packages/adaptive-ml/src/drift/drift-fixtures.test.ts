import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedData } from '../../../../test/support/shared-data.js';
import type { DriftDetector } from '../base/estimator.js';
import { MersenneTwister } from '../base/rng.js';
import { ADWIN } from './adwin.js';
import { CUSUM } from './cusum.js';
import { DDM } from './ddm.js';
import { EDDM } from './eddm.js';
import { EWMAChart } from './ewma-chart.js';
import { HDDM_A } from './hddm-a.js';
import { KSWIN } from './kswin.js';
import { PageHinkley } from './page-hinkley.js';

/** Events in the print order of River's docstrings: the first warning after each drift, and every drift. */
function events(detector: DriftDetector, stream: readonly number[]): string[] {
  const out: string[] = [];
  let printWarning = true;
  stream.forEach((x, i) => {
    detector.update(x);
    if (detector.warningDetected && printWarning) {
      out.push(`warning ${i}`);
      printWarning = false;
    }
    if (detector.driftDetected) {
      out.push(`drift ${i}`);
      printWarning = true;
    }
  });
  return out;
}

const fixture = (name: string) =>
  readFileSync(sharedData('streaming', 'drift_fixtures', name), 'utf8')
    .trim()
    .split('\n')
    .map(Number);

describe.skipIf(!hasSharedData)('drift detectors on River docstring fixtures', () => {
  const expected = hasSharedData
    ? JSON.parse(
        readFileSync(sharedData('streaming', 'drift_fixtures', 'expected_river_docstring_results.json'), 'utf8'),
      )
    : {};
  const a = hasSharedData ? fixture('stream_A_seed12345.txt') : [];
  const b = hasSharedData ? fixture('stream_B_seed42.txt') : [];

  it('ADWIN first drift at 1023 on stream A', () => {
    const first = expected['stream_A_seed12345.txt']['ADWIN(delta=0.002)'].first_drift_index;
    expect(first).toBe(1023);
    expect(events(new ADWIN({ delta: 0.002 }), a)[0]).toBe(`drift ${first}`);
  });

  it('Page-Hinkley first drift at 1006 on stream A', () => {
    const key = 'PageHinkley(min_instances=30,delta=0.005,threshold=50,alpha=0.9999)';
    const first = expected['stream_A_seed12345.txt'][key].first_drift_index;
    const ph = new PageHinkley({ minInstances: 30, delta: 0.005, threshold: 50, alpha: 0.9999 });
    expect(events(ph, a)[0]).toBe(`drift ${first}`);
  });

  it('KSWIN drifts at 1016 exactly, with the CPython sampling order', () => {
    const key = 'KSWIN(alpha=0.0001,window_size=100,stat_size=30,seed=42)';
    const first = expected['stream_A_seed12345.txt'][key].first_drift_index;
    const k = new KSWIN({ alpha: 0.0001, windowSize: 100, statSize: 30, seed: 42 });
    expect(events(k, a)[0]).toBe(`drift ${first}`);
  });

  it('DDM warning 1084, drift 1334, warning 1492 on stream B', () => {
    const want = expected['stream_B_seed42.txt']['binary.DDM(warm_start=30,warning=2.0,drift=3.0)'].events.map(
      ([kind, i]: [string, number]) => `${kind} ${i}`,
    );
    expect(events(new DDM({ warmStart: 30, warningThreshold: 2, driftThreshold: 3 }), b)).toEqual(want);
  });

  it('EDDM warning 1059, drift 1278 on stream B', () => {
    const want = expected['stream_B_seed42.txt']['binary.EDDM(warm_start=30,alpha=0.8,beta=0.75)'].events.map(
      ([kind, i]: [string, number]) => `${kind} ${i}`,
    );
    expect(events(new EDDM({ warmStart: 30, alpha: 0.8, beta: 0.75 }), b)).toEqual(want);
  });

  it("HDDM_A matches River's docstring (warning 451, drift 1206) on stream B", () => {
    expect(events(new HDDM_A(), b)).toEqual(['warning 451', 'drift 1206']);
  });
});

describe('drift detectors on River docstring streams rebuilt with the CPython-compatible Rng', () => {
  it("CUSUM detects at 201 and 251 (River's docstring)", () => {
    const rng = new MersenneTwister(12345);
    const stream = [
      ...Array.from({ length: 200 }, () => rng.gauss(0, 1)),
      ...Array.from({ length: 200 }, () => rng.gauss(3, 1)),
    ];
    expect(events(new CUSUM(), stream)).toEqual(['drift 201', 'drift 251']);
  });

  it("EWMA chart detects at 1010 (River's docstring)", () => {
    const rng = new MersenneTwister(12345);
    const stream = Array.from({ length: 2000 }, (_, i) => (i < 1000 ? rng.gauss(0, 1) : rng.gauss(3, 1)));
    expect(events(new EWMAChart({ alpha: 0.1, threshold: 4, minInstances: 50 }), stream)).toEqual(['drift 1010']);
  });
});

describe('drift detector options', () => {
  it('rejects invalid options at construction', () => {
    expect(() => new ADWIN({ delta: 2 })).toThrow(RangeError);
    expect(() => new EDDM({ alpha: 0.5, beta: 0.9 })).toThrow(RangeError);
    expect(() => new KSWIN({ statSize: 200 })).toThrow(RangeError);
    expect(() => new CUSUM({ threshold: 0 })).toThrow(RangeError);
    expect(() => new PageHinkley({ mode: 'sideways' as 'up' })).toThrow(RangeError);
  });

  it('Page-Hinkley in both mode also detects a drop', () => {
    const stream = [...Array.from({ length: 500 }, () => 5), ...Array.from({ length: 500 }, () => 0)];
    expect(events(new PageHinkley({ mode: 'up' }), stream)).toEqual([]);
    expect(events(new PageHinkley({ mode: 'both' }), stream).length).toBeGreaterThan(0);
  });
});
