/** pluginServices(ctx): the services plugins ship, as data for the service commands, read from manifests only. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { Context } from '../../src/context.js';
import { pluginServices } from '../../src/plugins/services.js';
import { tempDir } from '../helpers/cli.js';

test('services from plugin manifests come with absolute compose paths and their plugin name', async () => {
  const cwd = tempDir();
  const dir = path.join(cwd, 'vendor/tts');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({
      name: 'automarket-provider-tts',
      version: '0.2.0',
      automarket: { entry: './missing.js', services: [{ name: 'tts', compose: './service/docker-compose.yml', url: 'http://127.0.0.1:9100', health: '/health', provider: 'tts' }] },
    }),
  );
  writeFileSync(path.join(cwd, 'automarket.config.json'), JSON.stringify({ plugins: ['./vendor/tts'] }));
  const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
  const ctx = new Context({ env: { AUTOMARKET_HOME: tempDir() }, cwd, io, signal: new AbortController().signal, options: { verbose: false, color: false, json: false, quiet: true } });
  expect(await pluginServices(ctx)).toEqual([
    { name: 'tts', compose: path.join(dir, 'service/docker-compose.yml'), url: 'http://127.0.0.1:9100', health: '/health', provider: 'tts', plugin: 'automarket-provider-tts' },
  ]);
});
