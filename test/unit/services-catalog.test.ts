import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { allServices, builtinServices, findService, healthUrl } from '../../src/services/catalog.js';
import { ensureProviderService } from '../../src/services/ensure-running.js';
import { Context } from '../../src/context.js';
import type { RegistryEntry } from '../../src/registry.js';
import { startFakeServer } from '../helpers/fake-server.js';
import { tempDir } from '../helpers/cli.js';

describe('service catalogue', () => {
  test('the built-in services: ollama, kokoro, speaches and localai, each with a url on 127.0.0.1, a health path and a GPU variant', () => {
    const builtins = builtinServices();
    expect(builtins.map((s) => s.name)).toEqual(['kokoro', 'localai', 'ollama', 'speaches']);
    for (const s of builtins) {
      expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(s.health).toMatch(/^\//);
      expect(s.provider).toBe(s.name);
      expect(s.gpu).toMatch(/docker-compose\.gpu\.yml$/);
    }
    expect(healthUrl(builtins.find((s) => s.name === 'kokoro')!)).toBe('http://127.0.0.1:8880/health');
  });

  test('a config-declared service joins the list and wins over a built-in of the same name', () => {
    const services = allServices({
      services: {
        mytts: { compose: '/x/docker-compose.yml', url: 'http://127.0.0.1:9000/', health: '/health' },
        kokoro: { compose: '/y/docker-compose.yml', url: 'http://gpu-box:8880' },
      },
    });
    expect(services.find((s) => s.name === 'mytts')).toMatchObject({ origin: 'config', url: 'http://127.0.0.1:9000', startTimeout: 300 });
    expect(services.find((s) => s.name === 'kokoro')).toMatchObject({ origin: 'config', url: 'http://gpu-box:8880', compose: '/y/docker-compose.yml' });
  });

  test('an unknown name is a usage error that lists the known ones', () => {
    expect(() => findService({}, 'nope')).toThrow(expect.objectContaining({ exitCode: 2, hint: expect.stringContaining('kokoro, localai, ollama, speaches') }));
  });
});

function contextIn(cwd: string): Context {
  const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
  return new Context({ env: { AUTOMARKET_HOME: tempDir('am-home-') }, cwd, io, signal: new AbortController().signal, options: { verbose: false, color: false, json: false, quiet: false } });
}

function entry(id: string, service?: string): RegistryEntry {
  return { manifest: { id, displayName: id, type: 'service', capabilities: ['text-to-audio'], ...(service ? { service } : {}) }, origin: 'config', load: async () => { throw new Error('not loaded in this test'); } };
}

describe('a provider bound to a service', () => {
  function project(services: Record<string, unknown>, providers: Record<string, unknown> = {}): string {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'svc'));
    writeFileSync(path.join(dir, 'svc', 'docker-compose.yml'), 'services: {}\n');
    writeFileSync(path.join(dir, 'automarket.config.json'), JSON.stringify({ services, providers }));
    return dir;
  }

  test('down: fails with the exact command that starts it (exit 1), without touching Docker', async () => {
    const cwd = project({ speech: { compose: './svc/docker-compose.yml', url: 'http://127.0.0.1:9', health: '/health' } }, { tts: { service: 'speech' } });
    const err = await ensureProviderService(contextIn(cwd), entry('tts')).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'SERVICE_DOWN', exitCode: 1 });
    expect((err as Error).message).toBe('Service speech is not running (provider tts needs it at http://127.0.0.1:9)');
    expect((err as { hint: string }).hint).toContain('`automarket service start speech`');
    expect((err as { hint: string }).hint).toContain('providers.tts.autoStart');
  });

  test('up: one health probe and on its way', async () => {
    const server = await startFakeServer((req, res) => {
      res.writeHead(req.path === '/health' ? 200 : 404).end('{"status":"healthy"}');
    });
    try {
      const cwd = project({ speech: { compose: './svc/docker-compose.yml', url: server.url, health: '/health' } });
      await ensureProviderService(contextIn(cwd), entry('tts', 'speech'));
      expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /health']);
    } finally {
      await server.close();
    }
  });

  test('bound to a service nobody declared: a config error naming both', async () => {
    const cwd = project({});
    await expect(ensureProviderService(contextIn(cwd), entry('tts', 'ghost'))).rejects.toMatchObject({ exitCode: 2, message: 'Provider tts needs service "ghost", which is not defined' });
  });

  test('a provider with no service is left alone', async () => {
    await expect(ensureProviderService(contextIn(project({})), entry('fal'))).resolves.toBeUndefined();
  });
});
