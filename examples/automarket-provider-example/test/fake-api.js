/** A fake of the Example Images API for tests, on automarket/testing's fake server (real HTTP, random port). */
import { sendBytes, sendJson, startFakeServer } from 'automarket/testing';

// The smallest valid PNG (1x1), enough for the engine to sniff and write.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC', 'base64');

export async function startExampleApi({ key = 'test-key-123', failing = false } = {}) {
  const server = await startFakeServer((req, res) => {
    if (failing) return sendJson(res, 503, { error: { message: 'overloaded' } });
    if (req.method === 'GET' && req.path.startsWith('/v1/files/')) return sendBytes(res, 200, PNG, 'image/png');
    if (req.headers.authorization !== `Bearer ${key}`) return sendJson(res, 401, { error: { message: 'bad key' } });
    if (req.method === 'POST' && req.path === '/v1/images') {
      const { n = 1, width, height, seed = 7 } = req.json;
      const images = Array.from({ length: n }, (_, i) => ({ url: `${server.url}/v1/files/img-${i}.png`, width, height, seed: seed + i }));
      return sendJson(res, 200, { id: 'req-1', images });
    }
    if (req.method === 'POST' && req.path === '/v1/text') return sendJson(res, 200, { id: 'req-2', text: req.json.prompt.toUpperCase() });
    sendJson(res, 404, { error: { message: 'no route' } });
  });
  return server;
}
