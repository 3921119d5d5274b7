/**
 * Key trust: a base URL from a project config (found by searching up from the working directory)
 * gets the key only after the user confirms on a terminal (remembered per file and host), never in
 * a non-interactive run. The user config, a --config file and loopback are trusted as they are.
 * The fake listens on 127.0.0.2: loopback on Linux, but not one of the names trusted unasked.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { BIN, cliEnv, runCli, tempDir } from '../helpers/cli.js';
import { startFalFake, type FalFake } from '../fakes/fal-queue.js';

const KEY = 'fal-trust-key-9f8e7d6c5b4a3210';
let fake: FalFake;

beforeAll(async () => {
  fake = await startFalFake({ key: KEY, host: '127.0.0.2', queuePolls: 0, progressPolls: 0 });
});
afterAll(async () => {
  await fake.close();
});

function project(baseUrl = fake.url): { cwd: string; home: string; rc: string; env: Record<string, string> } {
  const cwd = tempDir();
  const home = tempDir('automarket-home-');
  const rc = path.join(cwd, '.automarketrc.json');
  writeFileSync(rc, JSON.stringify({ providers: { fal: { baseUrl, pollIntervalMs: 40 } } }));
  mkdirSync(path.join(cwd, 'out'));
  return { cwd, home, rc, env: { AUTOMARKET_HOME: home, FAL_KEY: KEY } };
}

const GEN = ['generate', 'image', 'a fox', '-p', 'fal', '-o', 'out/'];
const keyedRequests = () => fake.requests.filter((r) => r.headers.authorization === `Key ${KEY}`).length;

describe('non-interactive runs', () => {
  test('a project config base URL on another host gets no key: exit 2, a clear error naming how to trust it', async () => {
    const p = project();
    const before = fake.requests.length;
    const r = await runCli(GEN, { cwd: p.cwd, env: p.env });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`Not sending FAL_KEY to ${fake.url}: providers.fal.baseUrl comes from the project config ${p.rc}`);
    expect(r.stderr).toContain(`--config ${p.rc}`);
    expect(r.stderr).toContain(path.join(p.home, 'config.json'));
    expect(r.stderr).not.toContain(KEY);
    expect(fake.requests.length).toBe(before);
    expect(existsSync(path.join(p.home, 'trusted-hosts.json'))).toBe(false);

    const json = await runCli([...GEN, '--json'], { cwd: p.cwd, env: p.env });
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'UNTRUSTED_HOST', data: { file: p.rc, host: fake.url } } });
  });

  test('the same file named with --config is trusted', async () => {
    const p = project();
    const before = keyedRequests();
    const r = await runCli(['--config', p.rc, ...GEN], { cwd: p.cwd, env: p.env });
    expect(r.exitCode).toBe(0);
    expect(keyedRequests()).toBeGreaterThan(before);
  });

  test('the same base URL in the user config is trusted', async () => {
    const p = project();
    writeFileSync(p.rc, JSON.stringify({ output: { sidecar: false } }));
    writeFileSync(path.join(p.home, 'config.json'), JSON.stringify({ providers: { fal: { baseUrl: fake.url, pollIntervalMs: 40 } } }));
    const r = await runCli(GEN, { cwd: p.cwd, env: p.env });
    expect(r.exitCode).toBe(0);
  });

  test('a project config pointing at loopback (127.0.0.1) is trusted unasked', async () => {
    const local = await startFalFake({ key: KEY, queuePolls: 0, progressPolls: 0 });
    try {
      const p = project(local.url);
      const r = await runCli(GEN, { cwd: p.cwd, env: p.env });
      expect(r.exitCode).toBe(0);
      expect(local.requests.some((q) => q.headers.authorization === `Key ${KEY}`)).toBe(true);
    } finally {
      await local.close();
    }
  });
});

describe('on a terminal (tmux)', () => {
  const sockets: string[] = [];
  afterAll(async () => {
    for (const s of sockets) await execa('tmux', ['-L', s, 'kill-server'], { reject: false });
  });

  async function inTmux(p: ReturnType<typeof project>, args: string[]): Promise<{ screen: () => Promise<string>; keys: (...k: string[]) => Promise<void> }> {
    const sock = `automarket-test-${process.pid}-${sockets.length}`;
    sockets.push(sock);
    const env = cliEnv(p.env);
    delete env.CI; // a developer's terminal, not CI
    const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    await execa('tmux', ['-L', sock, 'new-session', '-d', '-s', 't', '-x', '200', '-y', '50', `cd '${p.cwd}' && ${quoted}; echo EXIT=$?; sleep 120`], { env, extendEnv: false });
    return {
      screen: async () => (await execa('tmux', ['-L', sock, 'capture-pane', '-p', '-t', 't', '-S', '-200'])).stdout,
      keys: async (...k: string[]) => {
        await execa('tmux', ['-L', sock, 'send-keys', '-t', 't', ...k]);
      },
    };
  }

  async function waitScreen(screen: () => Promise<string>, pattern: RegExp): Promise<string> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const text = await screen();
      if (pattern.test(text)) return text;
      if (Date.now() > deadline) throw new Error(`screen never matched ${pattern}:\n${text}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  test('the user confirms once; the key is sent; the choice is remembered for that file and host', async () => {
    const p = project();
    const before = keyedRequests();
    const tty = await inTmux(p, GEN);
    const asked = await waitScreen(tty.screen, /Send your FAL_KEY there\?/);
    expect(asked).toContain(p.rc);
    expect(asked).toContain(fake.url);
    expect(keyedRequests()).toBe(before); // nothing sent while asking
    await tty.keys('y', 'Enter');
    const done = await waitScreen(tty.screen, /EXIT=\d+/);
    expect(done).toMatch(/EXIT=0/);
    expect(done).not.toContain(KEY);
    expect(keyedRequests()).toBeGreaterThan(before);
    const trusted = JSON.parse(readFileSync(path.join(p.home, 'trusted-hosts.json'), 'utf8')) as { trusted: Array<{ file: string; origin: string }> };
    expect(trusted.trusted).toEqual([expect.objectContaining({ file: p.rc, origin: fake.url })]);
    expect(readdirSync(path.join(p.cwd, 'out')).filter((f) => f.endsWith('.png'))).toHaveLength(1);

    // Remembered: a later non-interactive run in the same project sends the key without asking.
    const again = await runCli(GEN, { cwd: p.cwd, env: p.env });
    expect(again.exitCode).toBe(0);

    // Another file with the same host is a new question.
    const other = project();
    const refused = await runCli(GEN, { cwd: other.cwd, env: { ...other.env, AUTOMARKET_HOME: p.home } });
    expect(refused.exitCode).toBe(2);
  });

  test('the user declines: exit 2, nothing sent, nothing remembered', async () => {
    const p = project();
    const before = fake.requests.length;
    const tty = await inTmux(p, GEN);
    await waitScreen(tty.screen, /Send your FAL_KEY there\?/);
    await tty.keys('n', 'Enter');
    const done = await waitScreen(tty.screen, /EXIT=\d+/);
    expect(done).toMatch(/EXIT=2/);
    expect(done).toMatch(/you declined/);
    expect(fake.requests.length).toBe(before);
    expect(existsSync(path.join(p.home, 'trusted-hosts.json'))).toBe(false);
  });
});
