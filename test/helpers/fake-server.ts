/** Our tests use the same fake server plugin authors get from `automarket/testing`. */
export { startFakeServer, sendJson, sendBytes, type FakeServer, type RecordedRequest, type Handler } from '../../src/testing/fake-server.js';
