/**
 * The spinner on a real terminal (tmux): it shows each phase of a fal job on stderr (queued at
 * position N, running with the provider's log and percent, downloading N of M MB), and it is absent
 * when stdout is piped, with --json, and with NO_COLOR.
 */
import path from 'node:path';
import { BIN, tempDir } from '../helpers/cli.js';
import { FAL_TEST_KEY, falProject } from '../helpers/fal-env.js';
import { TmuxSession, sh } from '../helpers/tmux-shell.js';
import { startFalFake, type FalFake } from '../fakes/fal-queue.js';
import { pngBytes } from '../fakes/media.js';

let fake: FalFake | undefined;
let session: TmuxSession | undefined;
afterEach(async () => {
  await session?.kill();
  await fake?.close();
  session = undefined;
  fake = undefined;
});

/** A clean environment: no CI (ora would print plain lines), no inherited keys or NO_COLOR. */
function command(cwd: string, args: string[], extraEnv: Record<string, string> = {}, tail = ''): string {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tempDir('automarket-h-'), TERM: 'xterm-256color', AUTOMARKET_HOME: tempDir('automarket-home-'), FAL_KEY: FAL_TEST_KEY, ...extraEnv };
  const assignments = Object.entries(env).map(([k, v]) => `${k}=${sh(v)}`);
  return `cd ${sh(cwd)} && env -i ${assignments.join(' ')} ${sh(process.execPath)} ${sh(BIN)} ${args.map(sh).join(' ')}${tail}`;
}

const SPINNER_FRAMES = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/;

test('on a terminal the spinner shows queued at position N, running with the log, downloading N of M MB', async () => {
  // 2 MB: a real PNG header followed by padding, so the download has a visible middle.
  const big = Buffer.concat([await pngBytes(64, 48), Buffer.alloc(2 * 1_048_576 - (await pngBytes(64, 48)).length)]);
  fake = await startFalFake({ key: FAL_TEST_KEY, files: { image: big }, manual: true, queuePolls: 3, holdFile: true });
  const cwd = falProject(fake.url);
  session = await TmuxSession.start(command(cwd, ['generate', 'image', 'a lighthouse', '-p', 'fal', '-o', 'out.png']));

  const queued = await session.waitFor(/Queued at position 3/);
  expect(queued).toMatch(SPINNER_FRAMES);
  expect(queued).toMatch(/Queued at position 3 \(fal fal-ai\/flux\/schnell\)/);
  fake.setState({ status: 'IN_QUEUE', position: 1 });
  await session.waitFor(/Queued at position 1 /);

  fake.setState({ status: 'IN_PROGRESS', log: 'denoising step 8 of 20 (40%)' });
  const running = await session.waitFor(/Running/);
  expect(running).toMatch(/Running 40% \(fal fal-ai\/flux\/schnell\): denoising step 8 of 20 \(40%\)/);

  fake.setState({ status: 'COMPLETED' });
  // The fake sends half the file and holds the rest: the count climbs to 1.0 of 2.0 MB and waits there.
  await session.waitFor(/Downloading 1\.0 of 2\.0 MB/);

  fake.releaseFile();
  const done = await session.waitFor(/\[exit \d+\]/);
  expect(done).toContain('[exit 0]');
  expect(done).toContain(path.join(cwd, 'out.png'));
  expect(done).toMatch(/✔ Wrote .*out\.png \(64x48 image\/png, 2\.0 MB\)/);
  // The spinner line is cleared when it stops: no phase text is left on the screen.
  expect(done).not.toMatch(/Queued|Running|Downloading/);
});

describe.each([
  ['stdout is piped', [], {}, ' | cat'],
  ['--json', ['--json'], {}, ''],
  ['NO_COLOR is set', [], { NO_COLOR: '1' }, ''],
  ['--quiet', ['--quiet'], {}, ''],
])('no spinner when %s', (_name, extraArgs, extraEnv, tail) => {
  test('nothing but the result and one summary line', async () => {
    fake = await startFalFake({ key: FAL_TEST_KEY, files: { image: await pngBytes() }, manual: true, queuePolls: 3 });
    const cwd = falProject(fake.url);
    session = await TmuxSession.start(command(cwd, ['generate', 'image', 'x', '-p', 'fal', '-o', 'out.png', ...(extraArgs as string[])], extraEnv as Record<string, string>, tail as string));
    // Let it sit in the queue for a few polls, and look at the screen while it waits.
    const f = fake;
    await f.waitFor((q) => q.path.endsWith('/status') && f.requests.filter((r) => r.path.endsWith('/status')).length >= 3);
    await new Promise((r) => setTimeout(r, 100)); // a spinner would have drawn several frames by now
    const waiting = await session.capture();
    expect(waiting).not.toMatch(SPINNER_FRAMES);
    expect(waiting).not.toMatch(/Queued|Submitting|Starting/);
    f.setState({ status: 'COMPLETED' });
    const done = await session.waitFor(/\[exit \d+\]/);
    expect(done).toContain('[exit 0]');
    expect(done).not.toMatch(SPINNER_FRAMES);
  });
});
