/**
 * The floor for the batch section: the same N requests at the same concurrency through bare node:http
 * (keep-alive, no files, no journal, no checks), in its own process. What the machine itself allows.
 * Usage: node bare-http-batch.mjs <n> <concurrency> <url>. Prints one JSON line.
 */
import http from 'node:http';

const [n, concurrency, url] = process.argv.slice(2);
const agent = new http.Agent({ keepAlive: true });
const body = JSON.stringify({ model: 'gpt-image-1', prompt: 'a lighthouse at dusk' });

function once() {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

let left = Number(n);
const started = performance.now();
await Promise.all(Array.from({ length: Number(concurrency) }, async () => {
  while (left-- > 0) await once();
}));
console.log(JSON.stringify({ itemsPerSecond: Number(n) / ((performance.now() - started) / 1000) }));
agent.destroy();
