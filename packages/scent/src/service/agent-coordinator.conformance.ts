import type { Principal, RequestContext } from '@quintessence/platform';
import {
  type FakeProviderServer,
  fakeProviderLlmGateway,
  startFakeProviderServer,
} from '@quintessence/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { narrativeContradiction } from '../domain/agents/agent-report.js';
import type { SimulatedFault } from '../domain/simulation/line-simulator.js';
import { openScentTestContext, qaPrincipal, type ScentTestContext } from '../testing/scent-test-context.js';
import { agentCoordinatorFor, type CoordinationResult, scentAgentTopic } from './agent-coordinator.js';
import { setupDemoLine } from './scent-demo.js';
import { scentServiceFor } from './scent-service-registry.js';

const analyst: Principal = { kind: 'user', id: 'u-ann', name: 'ann', roles: ['analyst'] };
const asAnalyst: RequestContext = { principal: analyst, requestId: 'req-agents' };
const asQa: RequestContext = { principal: qaPrincipal, requestId: 'req-config' };
const contamination: SimulatedFault = { kind: 'contamination', compound: 'hydrogen_sulfide', ppm: 0.5 };

/** A demo line with its fingerprints; `batch` ingests a production batch on both e-noses through the real pipeline. */
async function demoLine(tc: ScentTestContext) {
  const scent = scentServiceFor(tc.ctx);
  const start = tc.clock.now().getTime();
  const { simulators } = await setupDemoLine(scent, { startMs: start, referenceReadings: 80 });
  let t = start;
  const batch = async (id: string, faults: readonly SimulatedFault[] = [], n = 30, sampled = 'orange-juice') => {
    await scent.openBatch({ id, productId: 'orange-juice', lineId: 'demo-line-1' }, asAnalyst);
    const times = Array.from({ length: n }, () => (t += 60_000));
    for (const [sensorId, sim] of simulators) {
      await scent.ingest(
        sensorId,
        times.map((at) => ({
          timestamp: at,
          values: sim.sample(sampled, at, faults).values,
          metadata: { batch_id: id },
        })),
      );
    }
  };
  return { batch, simulators };
}

/**
 * The agent coordinator's behaviour on one storage backend: `agent-coordinator.test.ts` runs it on PGlite,
 * `agent-coordinator.int.test.ts` on PostgreSQL.
 */
export function describeAgentCoordinator(kind: 'pglite' | 'postgres'): void {
  describe(`agent coordinator on ${kind} (no LLM configured)`, () => {
    let tc: ScentTestContext;
    const published: CoordinationResult[] = [];
    let line: Awaited<ReturnType<typeof demoLine>>;
    beforeAll(async () => {
      tc = await openScentTestContext(kind);
      await tc.reset();
      tc.events.subscribe<CoordinationResult>(scentAgentTopic, (p) => {
        published.push(p);
      });
      line = await demoLine(tc);
      await line.batch('GOOD-1');
      await line.batch('BAD-1', [contamination]);
      await line.batch('MIXUP-1', [], 30, 'lager-beer'); // declared orange juice, the line runs beer
      await line.batch('NOISY-1', [{ kind: 'noisy_channel', channel: 5, factor: 15 }]); // the demo's sensor fault
    });
    afterAll(async () => {
      await tc?.t.close();
    });

    it('approves a good batch with all four agents and publishes the analysis on scent.agents.updates', async () => {
      const agents = agentCoordinatorFor(tc.ctx);
      const r = await agents.analyze({ batch_id: 'GOOD-1' }, asAnalyst);
      expect(r.reports.map((x) => x.agent_id)).toEqual(['mspc', 'process', 'sensor_health', 'identification']);
      expect(r.subject).toEqual({
        batch_id: 'GOOD-1',
        product_id: 'orange-juice',
        sensors: ['enose-packaging', 'enose-process'],
        readings: 60,
      });
      const byId = Object.fromEntries(r.reports.map((x) => [x.agent_id, x]));
      expect(byId.mspc!.anomaly_detected).toBe(false);
      expect(byId.identification!.anomaly_detected).toBe(false);
      expect(byId.sensor_health!.anomaly_detected).toBe(false);
      expect(byId.process!.confidence).toBe(0); // the demo line has no environment sensors: the process agent abstains
      expect(r.consensus.decision).toBe('approve');
      expect(r.narrative).toMatchObject({ source: 'template', note: null });
      expect(r.narrative.text).toMatch(/^No agent detected an anomaly/);
      expect(published.at(-1)).toEqual(r);
      expect(published.every((p) => narrativeContradiction(p.narrative.text, p.reports) === null)).toBe(true);
    });

    it('rejects a contaminated batch on the MSPC evidence and names the agent in the narrative', async () => {
      const agents = agentCoordinatorFor(tc.ctx);
      const r = await agents.analyze({ batch_id: 'BAD-1' }, asAnalyst);
      const byId = Object.fromEntries(r.reports.map((x) => [x.agent_id, x]));
      expect(byId.mspc!.anomaly_detected).toBe(true);
      expect(byId.mspc!.findings.join(' ')).toMatch(/suspect channels by contribution/);
      expect(r.consensus.decision).toBe('reject');
      expect(r.narrative.text).toMatch(/agents? detected an anomaly: mspc/);
      const status = await agents.status('mspc');
      expect(status).toMatchObject({ runs: 2, anomalies: 1, enabled: true });
      expect(status.last_run?.analysis_id).toBe(r.analysis_id);
    });

    it('rejects a batch whose odor is not the declared product instead of forcing it into the known class', async () => {
      const r = await agentCoordinatorFor(tc.ctx).analyze({ batch_id: 'MIXUP-1' }, asAnalyst);
      const identification = r.reports.find((x) => x.agent_id === 'identification')!;
      expect(identification.anomaly_detected).toBe(true);
      expect(identification.findings.join(' ')).toMatch(/30 of 30 samples not identified as orange-juice/);
      expect(identification.recommended_action).toMatch(/Unknown odor/);
      expect(r.consensus.decision).toBe('reject');
      // every template narrative published so far (good, contaminated, mixed-up batches) agrees with its detectors
      expect(published.length).toBeGreaterThanOrEqual(3);
      for (const p of published) expect(narrativeContradiction(p.narrative.text, p.reports)).toBeNull();
    });

    it('attributes a noisy channel to sensor health (golden-model residuals), not only to MSPC', async () => {
      const r = await agentCoordinatorFor(tc.ctx).analyze({ batch_id: 'NOISY-1' }, asAnalyst);
      const health = r.reports.find((x) => x.agent_id === 'sensor_health')!;
      expect(health.anomaly_detected).toBe(true);
      expect(health.findings.filter((f) => /channel 5 noisy: residual sd/.test(f)).length).toBeGreaterThanOrEqual(1);
      expect(health.recommended_action).toMatch(/channel 5/);
    });

    it('analyses posted readings with environment values: the process agent flags humidity out of limits', async () => {
      const agents = agentCoordinatorFor(tc.ctx);
      const sim = line.simulators.get('enose-process')!;
      const t = tc.clock.now().getTime() + 90 * 60_000;
      const readings = Array.from({ length: 10 }, (_, i) => ({
        timestamp: t + i * 60_000,
        values: sim.sample('orange-juice', t + i * 60_000).values,
      }));
      const r = await agents.analyze(
        { sensor_id: 'enose-process', product_id: 'orange-juice', readings, environment: { humidity: [78, 80, 79] } },
        asAnalyst,
      );
      const process = r.reports.find((x) => x.agent_id === 'process')!;
      expect(process.anomaly_detected).toBe(true);
      expect(process.recommended_action).toMatch(/humidity down/);
      expect(r.reports.find((x) => x.agent_id === 'mspc')!.anomaly_detected).toBe(false);
      expect(r.narrative.text).toMatch(/process/);
      await expect(
        agents.analyze({ sensor_id: 'enose-process', readings: [{ timestamp: t, values: [1, 2] }] }, asAnalyst),
      ).rejects.toMatchObject({ code: 'SCENT_BAD_DATA' });
      await expect(agents.analyze({ batch_id: 'NOPE' }, asAnalyst)).rejects.toMatchObject({
        code: 'SCENT_UNKNOWN_BATCH',
      });
    });

    it('persists and audits configuration; rejects unknown agents and bad values; skips disabled agents', async () => {
      const agents = agentCoordinatorFor(tc.ctx);
      await expect(agents.configure('oracle', { enabled: false }, asQa)).rejects.toMatchObject({
        code: 'SCENT_UNKNOWN_AGENT',
      });
      await expect(
        agents.configure('process', { settings: { limits: { humidity: { min: 60, max: 40 } } } }, asQa),
      ).rejects.toMatchObject({ code: 'SCENT_INVALID_INPUT' });
      await expect(agents.configure('sensor_health', { settings: { nonsense: 1 } }, asQa)).rejects.toMatchObject({
        code: 'SCENT_INVALID_INPUT',
      });
      const updated = await agents.configure(
        'process',
        { settings: { limits: { humidity: { min: 30, max: 90 } } } },
        asQa,
      );
      expect(updated.settings).toMatchObject({ limits: { humidity: { min: 30, max: 90 } }, max_excursion_share: 0.2 });
      expect(updated.updated_by).toBe('quinn');
      const audit = await tc.audit.list({ action: 'scent.agent.configured' });
      expect(audit.total).toBe(1);
      expect(audit.items[0]).toMatchObject({ actor: 'quinn', resource: 'scent/agent/process' });
      const r = await agents.analyze({ environment: { humidity: [78, 80, 79] } }, asAnalyst);
      expect(r.reports.find((x) => x.agent_id === 'process')!.anomaly_detected).toBe(false); // inside the new limits
      await agents.configure('identification', { enabled: false }, asQa);
      const skipped = await agents.analyze({ batch_id: 'GOOD-1' }, asAnalyst);
      expect(skipped.skipped_agents).toEqual(['identification']);
      expect(skipped.reports.map((x) => x.agent_id)).not.toContain('identification');
      expect((await agents.status('identification')).enabled).toBe(false);
    });
  });

  // The narrative through the REAL LLM gateway; only the vendor's HTTP API is replaced, by the platform's
  // TEST DOUBLE provider server speaking the OpenAI chat-completions wire format on 127.0.0.1.
  describe(`agent coordinator narrative on ${kind} through the LLM gateway (fake OpenAI-compatible server: test double)`, () => {
    let tc: ScentTestContext;
    let server: FakeProviderServer;
    beforeAll(async () => {
      tc = await openScentTestContext(kind);
      server = await startFakeProviderServer();
      const llm = fakeProviderLlmGateway(server);
      await tc.reset({ llm });
      const line = await demoLine(tc);
      await line.batch('GOOD-L');
      await line.batch('BAD-L', [contamination]);
    });
    afterAll(async () => {
      await server?.close();
      await tc?.t.close();
    });

    const narrate = async (batch: string, narrative: string) => {
      server.reset();
      server.enqueue('openai', { content: JSON.stringify({ narrative }) });
      const r = await agentCoordinatorFor(tc.ctx).analyze({ batch_id: batch }, asAnalyst);
      return { r, requests: server.requests('openai') };
    };

    it('uses an LLM narrative that agrees with the detectors, sending the reports as delimited data', async () => {
      const text =
        'The mspc agent found readings far outside the golden batch on the sulfur-sensitive channels and the identification agent could not match the odor; hydrogen sulfide contamination is the likely cause.';
      const { r, requests } = await narrate('BAD-L', text);
      expect(r.narrative).toEqual({ text, source: 'llm', note: null });
      expect(requests).toHaveLength(1);
      const [system, user] = requests[0]!.body.messages as Array<{ role: string; content: string }>;
      expect(system!.content).not.toContain('BAD-L');
      expect(user!.content).toMatch(/<<<DATA-[0-9a-f]+[\s\S]*BAD-L[\s\S]*DATA-[0-9a-f]+>>>/);
    });

    it('refuses an LLM narrative that calls a flagged batch healthy and records why', async () => {
      const { r } = await narrate('BAD-L', 'All readings are normal and the batch is healthy; release it.');
      expect(r.consensus.decision).toBe('reject');
      expect(r.narrative.source).toBe('template');
      expect(r.narrative.text).toMatch(/agents detected an anomaly: mspc/);
      expect(r.narrative.note).toMatch(
        /^LLM narrative refused: it says "all readings are normal" although mspc(, identification)? detected an anomaly/,
      );
      const stored = await tc.t.db
        .as<{ scent_agent_analyses: { id: string; narrative_source: string; narrative_note: string | null } }>()
        .selectFrom('scent_agent_analyses')
        .select(['narrative_source', 'narrative_note'])
        .where('id', '=', r.analysis_id)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ narrative_source: 'template', narrative_note: r.narrative.note });
    });

    it('refuses an LLM narrative that names an anomaly no agent flagged, and falls back when the gateway fails', async () => {
      const { r } = await narrate(
        'GOOD-L',
        'Channel 3 looks stuck: a stuck channel on the packaging e-nose needs repair.',
      );
      expect(r.reports.every((x) => !x.anomaly_detected)).toBe(true);
      expect(r.narrative.source).toBe('template');
      expect(r.narrative.note).toMatch(/asserts "stuck channel", but the sensor_health agent detected no anomaly/);
      const calm = await narrate(
        'GOOD-L',
        'No contamination and no sensor fault: every agent found the batch in control.',
      );
      expect(calm.r.narrative.source).toBe('llm');
      server.reset();
      server.enqueue('openai', { status: 500, message: 'boom' });
      const failed = await agentCoordinatorFor(tc.ctx).analyze({ batch_id: 'GOOD-L' }, asAnalyst);
      expect(failed.narrative.source).toBe('template');
      expect(failed.narrative.note).toMatch(/^LLM narrative unavailable \(LLM_/);
    });
  });
}
