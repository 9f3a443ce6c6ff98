import { describe, expect, it } from 'vitest';
import { runProcessAgent } from './process-agent.js';

describe('runProcessAgent', () => {
  it('passes parameters inside their limits, more confidently the nearer the centre', () => {
    const centred = runProcessAgent({ temperature: [25, 25.2, 24.8], humidity: [45, 46] });
    const edge = runProcessAgent({ temperature: [31, 31.5, 31.2], humidity: [45, 46] });
    expect(centred.anomaly_detected).toBe(false);
    expect(edge.anomaly_detected).toBe(false);
    expect(centred.confidence).toBeGreaterThan(edge.confidence);
    expect(centred.findings.join(' ')).toMatch(
      /temperature mean 25\.00 °C \(limits 18\.\.32; 0 of 3 values outside\): in control/,
    );
  });

  it('flags a mean outside the limits and many excursions, with the direction to correct', () => {
    const humid = runProcessAgent({ humidity: [72, 74, 73], temperature: [25] });
    expect(humid.anomaly_detected).toBe(true);
    expect(humid.recommended_action).toMatch(/humidity down/);
    const farther = runProcessAgent({ humidity: [90, 92, 91] });
    expect(farther.confidence).toBeGreaterThan(humid.confidence);
    const spiky = runProcessAgent({ pH: [4, 4, 9, 9.2, 4, 4] }, { limits: { pH: { min: 3, max: 8 } } });
    expect(spiky.anomaly_detected).toBe(true); // mean 5.7 is inside, but 2 of 6 values are not
    expect(spiky.findings[0]).toMatch(/2 of 6 values outside/);
    expect(runProcessAgent({ pH: [4, 4, 9, 4, 4, 4] }, { limits: { pH: { min: 3, max: 8 } } }).anomaly_detected).toBe(
      false,
    );
  });

  it('abstains without environment readings or limits', () => {
    expect(runProcessAgent({})).toMatchObject({ anomaly_detected: false, confidence: 0 });
    const noLimit = runProcessAgent({ flow: [2] }, { limits: {} });
    expect(noLimit.confidence).toBe(0);
    expect(noLimit.findings[0]).toMatch(/flow: no limits configured/);
    expect(() => runProcessAgent({ flow: [2] }, { limits: { flow: { min: 3, max: 1 } } })).toThrow(RangeError);
  });
});
