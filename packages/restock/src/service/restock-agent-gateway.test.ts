import {
  type FakeProviderServer,
  fakeProviderLlmGateway,
  startFakeProviderServer,
} from '@quintessence/platform/testing';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCatalog } from '../demo-catalog.js';
import { openRestockTestContext, planner, type RestockTestContext } from '../testing/restock-test-context.js';
import { createRestockService } from './restock-service.js';

const meta = { principal: planner, requestId: 'req-gw' };

// The restock agent through the REAL LLM gateway; only the vendor's HTTP API is replaced, by the platform's
// TEST DOUBLE provider server speaking the OpenAI chat-completions wire format on 127.0.0.1.
describe('restock agent through the LLM gateway (fake OpenAI-compatible server: test double)', () => {
  let h: RestockTestContext;
  let server: FakeProviderServer;
  beforeAll(async () => {
    h = await openRestockTestContext('pglite');
    server = await startFakeProviderServer();
  });
  afterAll(async () => {
    await server?.close();
    await h?.t.close();
  });

  async function trigger(...replies: Parameters<FakeProviderServer['enqueue']>[1][]) {
    server.reset();
    server.enqueue('openai', ...replies);
    const metrics = new Registry();
    const llm = fakeProviderLlmGateway(server, metrics);
    await h.reset({ llm });
    const service = createRestockService(h.ctx);
    await seedDemoCatalog(service.store, h.clock.now());
    const result = await service.trigger({ product_id: 'STEEL_SHEETS', mode: 'mock' }, meta);
    return { result, metrics: await metrics.metrics(), requests: server.requests('openai') };
  }

  it('sends the seed prompt fields as delimited data and lowers confidence when the model disagrees with the policy', async () => {
    const agree = await trigger({
      content: JSON.stringify({ action: 'restock', quantity: 748, confidence: 0.9, reasoning: 'crisis' }),
    });
    const disagree = await trigger({
      content: `Here is my answer:\n\`\`\`json\n${JSON.stringify({ action: 'none', quantity: 0, confidence: 1, reasoning: 'demand falling' })}\n\`\`\``,
    });
    expect(agree.requests).toHaveLength(1);
    const [system, user] = agree.requests[0]!.body.messages as Array<{ role: string; content: string }>;
    expect(system!.role).toBe('system');
    expect(system!.content).not.toContain('STEEL_SHEETS'); // untrusted data never enters the instructions
    expect(user!.content).toMatch(/<<<DATA-[0-9a-f]+[\s\S]*STEEL_SHEETS[\s\S]*DATA-[0-9a-f]+>>>/);
    expect(disagree.result.confidence_score).toBeLessThan(agree.result.confidence_score);
    expect(disagree.result.recommended_action).toBe('restock'); // the policy's measured shortage stands
    expect(disagree.result.reasoning).toContain('LLM proposed none');
    expect(agree.metrics).toMatch(/llm_calls_total\{provider="fake",model="gpt-test",status="ok"\} 1/);
  });

  it('repairs a malformed answer once, and falls back to the policy when the model stays invalid', async () => {
    const repaired = await trigger(
      { content: '{"action": "restock", "quantity": ' },
      { content: JSON.stringify({ action: 'restock', quantity: 760, confidence: 0.8, reasoning: 'shortage' }) },
    );
    expect(repaired.requests).toHaveLength(2);
    expect(repaired.result.reasoning).toContain('LLM proposed restock');
    const invalid = await trigger({ content: '{"action":"panic"}' }, { content: '{"action":"panic"}' });
    expect(invalid.result.recommended_action).toBe('restock');
    expect(invalid.result.reasoning).not.toContain('LLM proposed');
  });
});
