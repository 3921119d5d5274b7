/**
 * Test kit for provider authors: `import { runProviderContract, startFakeServer } from 'automarket/testing'`.
 * The same fake-server helper and contract suite the built-in providers are tested with.
 */
export { startFakeServer, sendJson, sendBytes, type FakeServer, type RecordedRequest, type Handler } from './fake-server.js';
export { createTestContext, type TestContext, type TestContextOptions } from './context.js';
export { runProviderContract, type ContractOptions, type ContractCase, type ContractEnvironment } from './contract.js';
