import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../helpers/cli.js';
import { startInTmux, tmuxAvailable, type TmuxSession } from '../helpers/tmux.js';

let available = true;
beforeAll(async () => {
  available = await tmuxAvailable();
  // Skipped only on a developer machine without tmux; in CI a missing tmux fails.
  if (!available && process.env.CI) throw new Error('tmux is required for the interactive tests in CI');
});

const sessions: TmuxSession[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.close();
});

async function start(args: string[], cwd: string, env: Record<string, string>): Promise<TmuxSession> {
  const s = await startInTmux(args, { cwd, env });
  sessions.push(s);
  return s;
}

describe('interactive, in a real terminal', () => {
  test('automarket init asks for providers, defaults and output dir, and writes the config', async () => {
    if (!available) return;
    const cwd = tempDir();
    const s = await start(['init'], cwd, { AUTOMARKET_HOME: tempDir('automarket-home-'), FAL_KEY: 'fal-test-key-0123456789' });
    await s.waitFor(/Providers to set up/);
    await s.keys('Enter'); // fal is ticked: its key was found
    await s.waitFor(/Default provider for image/);
    await s.keys('Enter'); // fal
    await s.waitFor(/Default provider for video/);
    await s.keys('Enter'); // fal
    await s.waitFor(/Default provider for audio/);
    await s.keys('Down', 'Enter'); // local
    await s.waitFor(/Output directory/);
    await s.type('renders');
    await s.keys('Enter');
    const screen = await s.waitFor(/EXIT=\d+/);
    expect(screen).toMatch(/EXIT=0/);
    const config = JSON.parse(readFileSync(path.join(cwd, 'automarket.config.json'), 'utf8'));
    expect(config).toMatchObject({
      output: { dir: 'renders' },
      defaults: { image: 'fal', video: 'fal', audio: 'local' },
      providers: { fal: { apiKey: '${FAL_KEY}' } },
    });
    expect(config.$schema).toMatch(/schema\/automarket\.schema\.json$/);
    expect(readFileSync(path.join(cwd, 'automarket.config.json'), 'utf8')).not.toContain('0123456789');
  });

  test('a prompt-less generate with nothing configured asks for the prompt, offers the providers, and writes the file', async () => {
    if (!available) return;
    const cwd = tempDir();
    const s = await start(['generate', 'image', '--size', '64x48', '-o', 'fox.png'], cwd, { AUTOMARKET_HOME: tempDir('automarket-home-') });
    await s.waitFor(/Prompt:/);
    await s.type('a red fox');
    await s.keys('Enter');
    const offer = await s.waitFor(/No provider is configured for text-to-image/);
    expect(offer).toMatch(/local \(offline drafts, no key\)/);
    expect(offer).toMatch(/fal \(needs FAL_KEY\)/);
    await s.keys('Enter'); // local, listed first
    const screen = await s.waitFor(/EXIT=\d+/);
    expect(screen).toMatch(/EXIT=0/);
    const png = readFileSync(path.join(cwd, 'fox.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([64, 48]);
  });

  test('keys set asks with a hidden prompt and stores the key 0600', async () => {
    if (!available) return;
    const home = tempDir('automarket-home-');
    const s = await start(['keys', 'set', 'fal'], tempDir(), { AUTOMARKET_HOME: home });
    await s.waitFor(/FAL_KEY:/);
    await s.type('fal-typed-key-55556666');
    await s.keys('Enter');
    const screen = await s.waitFor(/EXIT=\d+/);
    expect(screen).toMatch(/EXIT=0/);
    expect(screen).not.toContain('fal-typed-key-55556666');
    const file = path.join(home, 'keys.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).fal).toBe('fal-typed-key-55556666');
  });

  test('batch on a terminal shows the estimate and asks before starting; no means nothing runs', async () => {
    if (!available) return;
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'b.jsonl'), '{"id":"a","kind":"image","prompt":"one","size":"32x32","output":"a.png"}\n{"id":"b","kind":"image","prompt":"two","size":"32x32","output":"b.png"}\n');
    const home = tempDir('automarket-home-');
    const no = await start(['batch', 'b.jsonl'], cwd, { AUTOMARKET_HOME: home });
    await no.waitFor(/Run 2 items \(estimated \$0\.00\)\?/);
    await no.type('n');
    await no.keys('Enter');
    expect(await no.waitFor(/EXIT=\d+/)).toMatch(/EXIT=130/);
    expect(existsSync(path.join(cwd, 'a.png'))).toBe(false);
    const yes = await start(['batch', 'b.jsonl'], cwd, { AUTOMARKET_HOME: home });
    await yes.waitFor(/Run 2 items/);
    await yes.keys('Enter');
    const screen = await yes.waitFor(/EXIT=\d+/);
    expect(screen).toMatch(/EXIT=0/);
    expect(screen).toMatch(/2 written, 0 failed/);
    expect(existsSync(path.join(cwd, 'a.png')) && existsSync(path.join(cwd, 'b.png'))).toBe(true);
  });
});
