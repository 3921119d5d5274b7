/**
 * `models list` and `models discover`, end to end: pagination across pages, the cache (a second
 * call makes no request; --refresh does), --kind, --json, and one provider failing alone.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { jsonLines, runCli, tempDir } from '../helpers/cli.js';
import { sendJson, startFakeServer, type FakeServer } from '../helpers/fake-server.js';
import { startReplicateFake, TOKEN, type ReplicateFake } from '../helpers/replicate-fake.js';

const FAL_MODELS = [
  { endpoint_id: 'fal-ai/flux/dev', metadata: { display_name: 'FLUX.1 [dev]', category: 'text-to-image', status: 'active' } },
  { endpoint_id: 'fal-ai/kling-video/v2/master/text-to-video', metadata: { display_name: 'Kling', category: 'text-to-video' } },
  { endpoint_id: 'fal-ai/flux/dev/image-to-image', metadata: { display_name: 'FLUX i2i', category: 'image-to-image' } },
  { endpoint_id: 'fal-ai/kokoro', metadata: { display_name: 'Kokoro', category: 'text-to-speech' } },
  { endpoint_id: 'fal-ai/recraft-v3', metadata: { display_name: 'Recraft', category: 'text-to-image' } },
];

let fal: FakeServer;
let replicate: ReplicateFake;
beforeAll(async () => {
  fal = await startFakeServer((req, res) => {
    if (req.path !== '/v1/models') return sendJson(res, 404, { detail: 'not found' });
    const start = Number(req.query.get('cursor') ?? 0);
    const size = 2;
    const more = start + size < FAL_MODELS.length;
    return sendJson(res, 200, { models: FAL_MODELS.slice(start, start + size), next_cursor: more ? String(start + size) : null, has_more: more });
  });
  replicate = await startReplicateFake();
});
afterAll(async () => {
  await fal.close();
  await replicate.close();
});

function project(): { cwd: string; env: Record<string, string> } {
  const cwd = tempDir();
  writeFileSync(
    path.join(cwd, '.automarketrc.json'),
    JSON.stringify({ providers: { fal: { platformUrl: `${fal.url}/v1` }, replicate: { baseUrl: `${replicate.url}/v1`, discoverModelPages: 5 } } }),
  );
  return { cwd, env: { FAL_KEY: 'fal_key_123456', REPLICATE_API_TOKEN: TOKEN, AUTOMARKET_HOME: tempDir('automarket-home-') } };
}

test('discover fal --kind image --json pages through all results, caches them, and a second call makes no request; --refresh asks again', async () => {
  const { cwd, env } = project();
  fal.requests.length = 0;
  const first = await runCli(['models', 'discover', 'fal', '--kind', 'image', '--json'], { cwd, env });
  expect(first.exitCode).toBe(0);
  expect(fal.requests.map((r) => r.query.get('cursor'))).toEqual([null, '2', '4']);
  expect(fal.requests[0]!.headers.authorization).toBe('Key fal_key_123456');
  const rows = jsonLines(first.stdout);
  expect(rows.map((r) => r.id)).toEqual(['fal-ai/flux/dev', 'fal-ai/flux/dev/image-to-image', 'fal-ai/recraft-v3']);
  expect(rows[0]).toMatchObject({ provider: 'fal', capabilities: ['text-to-image'], displayName: 'FLUX.1 [dev]', source: 'discovered' });

  const second = await runCli(['models', 'discover', 'fal', '--kind', 'video', '--json'], { cwd, env });
  expect(second.exitCode).toBe(0);
  expect(fal.requests).toHaveLength(3);
  expect(jsonLines(second.stdout).map((r) => r.id)).toEqual(['fal-ai/kling-video/v2/master/text-to-video']);
  expect(second.stderr).toMatch(/from the cache/);

  const refreshed = await runCli(['models', 'discover', 'fal', '--refresh', '--json'], { cwd, env });
  expect(refreshed.exitCode).toBe(0);
  expect(fal.requests).toHaveLength(6);
  expect(jsonLines(refreshed.stdout)).toHaveLength(5);
});

test('discover replicate follows collection and model pages; capabilities come from the collections', async () => {
  const { cwd, env } = project();
  replicate.requests.length = 0;
  const r = await runCli(['models', 'discover', 'replicate', '--json'], { cwd, env });
  expect(r.exitCode).toBe(0);
  const paths = replicate.requests.map((q) => `${q.path}${q.query.get('cursor') ? `?cursor=${q.query.get('cursor')}` : ''}`);
  expect(paths).toEqual([
    '/v1/collections',
    '/v1/collections?cursor=2',
    '/v1/collections/text-to-image',
    '/v1/collections/text-to-video',
    '/v1/collections/text-to-speech',
    '/v1/models',
    '/v1/models?cursor=2',
  ]);
  const rows = jsonLines(r.stdout);
  const byId = Object.fromEntries(rows.map((x) => [x.id, x]));
  expect(byId['acme/painter']).toMatchObject({ capabilities: ['text-to-image'], description: 'paints' });
  expect(byId['acme/movie']).toMatchObject({ capabilities: ['text-to-video'] });
  expect(byId['acme/newcomer']).toMatchObject({ capabilities: [] });
  expect(byId['acme/unlisted']).toBeUndefined();
});

test('one provider failing is reported while the others print; models list shows the catalogue plus cached discoveries offline', async () => {
  const { cwd, env } = project();
  const r = await runCli(['models', 'discover', '--kind', 'image', '--json'], { cwd, env: { ...env, REPLICATE_API_TOKEN: 'wrong_token_0000' } });
  expect(r.exitCode).toBe(0);
  const lines = jsonLines(r.stdout);
  expect(lines.find((l) => l.provider === 'replicate')).toMatchObject({ error: { code: 'HTTP_401' } });
  expect(lines.filter((l) => l.provider === 'fal' && l.id)).toHaveLength(3);
  expect(r.stderr).toMatch(/replicate: model discovery failed: .*401/);
  expect(r.stderr).toMatch(/Skipped \(not configured\): elevenlabs/);

  const before = fal.requests.length;
  const list = await runCli(['models', 'list', 'fal', '--json'], { cwd, env });
  expect(list.exitCode).toBe(0);
  expect(fal.requests.length).toBe(before);
  const rows = jsonLines(list.stdout);
  expect(rows.find((x) => x.id === 'fal-ai/flux/schnell')).toMatchObject({ source: 'catalogue', price: { usd: 0.003, per: 'megapixel' } });
  expect(rows.find((x) => x.id === 'fal-ai/recraft-v3')).toMatchObject({ source: 'discovered' });
  expect(rows.filter((x) => x.id === 'fal-ai/flux/dev')).toHaveLength(1);
});

test('models list prints a table with prices; bad --kind and unknown providers are usage errors', async () => {
  const table = await runCli(['models', 'list', 'replicate']);
  expect(table.exitCode).toBe(0);
  expect(table.stdout).toMatch(/black-forest-labs\/flux-schnell\s+text-to-image\s+\$0\.003\/image/);
  const badKind = await runCli(['models', 'discover', 'fal', '--kind', 'sculpture']);
  expect(badKind.exitCode).toBe(2);
  expect(badKind.stderr).toMatch(/Unknown kind "sculpture"/);
  const unknown = await runCli(['models', 'list', 'nope']);
  expect(unknown.exitCode).toBe(2);
  const noDiscover = await runCli(['models', 'discover', 'local']);
  expect(noDiscover.exitCode).toBe(2);
  expect(noDiscover.stderr).toMatch(/no live model list/);
});
