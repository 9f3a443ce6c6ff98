import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedData } from '../../../../test/support/shared-data.js';
import { completePrefix, parseWideCsv } from '../csv/wide-csv.js';
import { croston } from '../domain/forecasting/intermittent.js';
import { sesLevel } from '../domain/forecasting/smoothing.js';

describe.skipIf(!hasSharedData)('R forecast 8.20 reference (carparts, train months 1–39)', () => {
  const ref = hasSharedData
    ? readFileSync(sharedData('inventory', 'carparts_reference_forecasts_R_forecast_8.20.csv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(','))
    : [];
  const data = hasSharedData ? parseWideCsv(readFileSync(sharedData('inventory', 'carparts.csv'), 'utf8')) : undefined;
  const byId = new Map(data?.series.map((s) => [s.id, s.values]));

  it('Croston, SBA and SES equal R within 1e-9 on every series', () => {
    expect(ref.length).toBe(1500);
    let worst = 0;
    for (const [id, c, sba, ses] of ref) {
      const y = completePrefix(byId.get(id!)!, 39)!;
      expect(y).toBeDefined();
      worst = Math.max(
        worst,
        Math.abs(croston(y, { alpha: 0.1 }) - Number(c)),
        Math.abs(croston(y, { alpha: 0.1, variant: 'sba' }) - Number(sba)),
        Math.abs(sesLevel(y, 0.1) - Number(ses)),
      );
    }
    expect(worst).toBeLessThan(1e-9);
  });
});
