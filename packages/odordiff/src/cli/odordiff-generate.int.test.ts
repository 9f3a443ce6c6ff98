import { type CliContext, captureIo, runProgram } from '@quintessence/platform';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedData, sharedDataSkipMessage } from '../../../../test/support/shared-data.js';
import { odordiffModule } from '../module.js';

async function run(argv: string[]) {
  const cap = captureIo();
  const cli: CliContext = {
    ...cap.io,
    config: () => {
      throw new Error('not used');
    },
    withContext: () => {
      throw new Error('not used');
    },
  };
  const program = new Command('quintessence');
  odordiffModule.cli?.(program, cli);
  const code = await runProgram(program, argv, cap.io);
  return { code, out: cap.out(), err: cap.err() };
}

// Integration-style: loads the safety tables, the known-odorant sets and runs the GA (tens of seconds).
describe.skipIf(!hasSharedData)(
  `odordiff generate (${hasSharedData ? 'reference data' : sharedDataSkipMessage})`,
  () => {
    it('returns valid, diverse, safe candidates with profiles, properties, novelty and known matches; same seed, same output', async () => {
      const argv = [
        'odordiff',
        'generate',
        'fresh citrus with woody undertones',
        '-n',
        '5',
        '--seed',
        '7',
        '--generations',
        '4',
        '--format',
        'json',
        '--data',
        sharedData(),
      ];
      const a = await run(argv);
      expect(a.code, a.err).toBe(0);
      expect(a.err).toContain('generation 4/4');
      const r = JSON.parse(a.out);
      expect(r.candidates.length).toBe(5);
      expect(new Set(r.candidates.map((c: { smiles: string }) => c.smiles)).size).toBe(5);
      for (const c of r.candidates) {
        expect(c.safety.recommendation).not.toBe('reject');
        expect(['novel', 'known']).toContain(c.novelty);
        expect(c.odor.top.length).toBe(5);
        expect(c.properties.molWeight).toBeGreaterThan(0);
        expect(c.nearestKnown.length).toBe(3);
      }
      expect(r.knownMatches.length).toBeGreaterThan(0);
      expect(r.brief.targets.citrus).toBe(1);
      const b = await run(argv);
      expect(b.out).toBe(a.out);
    }, 600_000);

    it('designs an EdP formula within IFRA limits', async () => {
      const r = await run([
        'odordiff',
        'design-fragrance',
        'clean ocean breeze',
        '--product',
        'edt',
        '--generations',
        '2',
        '--format',
        'json',
        '--data',
        sharedData(),
      ]);
      expect(r.code, r.err).toBe(0);
      const f = JSON.parse(r.out).formula;
      expect(f.concentratePercent).toBe(12);
      expect(f.isIfraCompliant).toBe(true);
      const total = f.lines.reduce((s: number, l: { concentratePercent: number }) => s + l.concentratePercent, 0);
      expect(total + f.unassignedConcentratePercent).toBeCloseTo(100, 6);
    }, 600_000);
  },
);
