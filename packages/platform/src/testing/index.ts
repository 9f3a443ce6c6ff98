export type { FakeProviderKind, FakeProviderServer, FakeReply } from '../llm/testing/fake-provider-server.js';
export { startFakeProviderServer } from '../llm/testing/fake-provider-server.js';
export { fakeProviderLlmGateway } from './fake-llm-gateway.js';
export type { TestDatabase } from './test-database.js';
export { openTestDatabase, sharedPglite, testPostgresAdminUrl } from './test-database.js';
export type { FakeClock, TestModuleContext, TestModuleContextOptions, TestUser } from './test-module-context.js';
export { fakeClock, openTestModuleContext, refusingJobQueue, silentLogger } from './test-module-context.js';
export { until } from './until.js';
