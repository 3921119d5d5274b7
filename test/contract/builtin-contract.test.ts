/**
 * The built-in providers pass the same contract suite that plugin authors run (automarket/testing),
 * so the kit is proven on real providers: `local` offline, `fal` against a fake of its queue API.
 */
import local from '../../providers/local/index.js';
import fal from '../../providers/fal/index.js';
import { runProviderContract, sendJson, startFakeServer, type RecordedRequest } from '../../src/testing/index.js';
import type { ServerResponse } from 'node:http';

runProviderContract(local, { cases: [{ capability: 'text-to-image', request: { size: { width: 64, height: 48 } } }, { capability: 'text-to-audio' }] });

/** fal's queue: submit answers with its URLs, the job is complete at once, the result names a file by kind. */
function falQueue(req: RecordedRequest, res: ServerResponse, base: () => string): void {
  const m = /^\/([^/]+)\/([^/]+)\/requests\/([^/]+)(\/status)?$/.exec(req.path);
  if (req.method === 'POST' && !m) {
    const endpoint = req.path.slice(1);
    const [owner, alias] = endpoint.split('/');
    const root = `${base()}/${owner}/${alias}/requests/req-1`;
    return sendJson(res, 200, { request_id: 'req-1', status_url: `${root}/status`, response_url: root, cancel_url: `${root}/cancel`, status: 'IN_QUEUE', queue_position: 0 });
  }
  if (m && m[4]) return sendJson(res, 200, { status: 'COMPLETED', logs: [], metrics: { inference_time: 0.1 } });
  if (m) {
    return sendJson(res, 200, {
      images: [{ url: `${base()}/files/out.png`, content_type: 'image/png', width: 8, height: 8 }],
      video: { url: `${base()}/files/out.mp4`, content_type: 'video/mp4' },
      audio: { url: `${base()}/files/out.wav`, content_type: 'audio/wav' },
      seed: 42,
    });
  }
  sendJson(res, 404, { detail: 'not found' });
}

runProviderContract(fal, {
  setup: async () => {
    let url = '';
    const server = await startFakeServer((req, res) => falQueue(req, res, () => url));
    url = server.url;
    return { baseUrl: server.url, env: { FAL_KEY: 'fal-test-key-123' }, close: server.close, requests: server.requests };
  },
  failingSetup: async () => {
    const server = await startFakeServer((_req, res) => sendJson(res, 500, { detail: 'internal error' }));
    return { baseUrl: server.url, env: { FAL_KEY: 'fal-test-key-123' }, close: server.close };
  },
});
