/**
 * `generate -p fal` through the built binary against a stateful fake of fal's queue and storage
 * (test/fakes/fal-queue.ts): what the CLI sends, what it writes, and how it fails.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jsonLines, runCli } from '../helpers/cli.js';
import { FAL_TEST_KEY, falProject } from '../helpers/fal-env.js';
import { startFalFake, type FalFake } from '../fakes/fal-queue.js';
import { mp4Bytes, pngBytes } from '../fakes/media.js';

let png: Buffer;
const mp4 = mp4Bytes();

beforeAll(async () => {
  png = await pngBytes(64, 48);
});

const fakes: FalFake[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

async function fake(options: Partial<Parameters<typeof startFalFake>[0]> = {}): Promise<FalFake> {
  const f = await startFalFake({ key: FAL_TEST_KEY, files: { image: png, video: mp4 }, ...options });
  fakes.push(f);
  return f;
}

const env = { FAL_KEY: FAL_TEST_KEY };

function visibleFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}

describe('generate image -p fal', () => {
  test('walks the queue (IN_QUEUE, IN_PROGRESS, COMPLETED), writes the file byte for byte and prints one JSON line', async () => {
    const f = await fake({ queuePolls: 2, progressPolls: 2 });
    const cwd = falProject(f.url);
    const r = await runCli(['generate', 'image', 'a lighthouse at dusk', '-p', 'fal', '--json'], { cwd, env });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);

    const lines = jsonLines(r.stdout);
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    const [job] = [...f.jobs.values()];
    expect(line).toMatchObject({
      kind: 'image',
      mediaType: 'image/png',
      bytes: png.length,
      provider: 'fal',
      model: 'fal-ai/flux/schnell',
      prompt: 'a lighthouse at dusk',
      seed: 1234567,
      width: 64,
      height: 48,
      requestId: job!.id,
    });
    expect(typeof line.jobId).toBe('string');
    expect(typeof line.elapsedMs).toBe('number');
    expect(path.dirname(String(line.path))).toBe(path.join(cwd, 'automarket-output'));
    expect(readFileSync(String(line.path)).equals(png)).toBe(true);

    // What the server saw: submit, then polls of the status URL it returned, then result and file.
    const submit = f.requests[0]!;
    expect(submit.method).toBe('POST');
    expect(submit.path).toBe('/fal-ai/flux/schnell');
    expect(submit.headers.authorization).toBe(`Key ${FAL_TEST_KEY}`);
    expect(submit.headers['content-type']).toMatch(/^application\/json/);
    expect(submit.json).toEqual({ prompt: 'a lighthouse at dusk' });
    const polls = f.requests.filter((q) => q.path.endsWith('/status'));
    expect(polls.length).toBe(5); // 2 queued, 2 running, 1 completed
    for (const p of polls) {
      expect(p.path).toBe(`/fal-ai/flux/requests/${job!.id}/status`);
      expect(p.query.get('logs')).toBe('1');
      expect(p.headers.authorization).toBe(`Key ${FAL_TEST_KEY}`);
    }
    const result = f.requests.find((q) => q.method === 'GET' && q.path === `/fal-ai/flux/requests/${job!.id}`);
    expect(result?.headers.authorization).toBe(`Key ${FAL_TEST_KEY}`);
    expect(f.requests.filter((q) => q.path.startsWith('/files/'))).toHaveLength(1);
    expect(f.requests.some((q) => q.path.endsWith('/cancel'))).toBe(false);
  });

  test('flags map to fal inputs, --param passes through, and the sidecar records how it was made', async () => {
    const f = await fake({ queuePolls: 0, progressPolls: 1 });
    const cwd = falProject(f.url, { output: { sidecar: true } });
    const r = await runCli(
      ['generate', 'image', 'a red fox', '-p', 'fal', '-m', 'fal-ai/flux/dev', '--size', '512x384', '--seed', '7', '-n', '2', '--format', 'png', '-P', 'num_inference_steps=4', '-P', 'acceleration=high', '-o', 'fox.png', '--json'],
      { cwd, env },
    );
    expect(r.exitCode).toBe(0);
    expect(f.requests[0]!.path).toBe('/fal-ai/flux/dev');
    expect(f.requests[0]!.json).toEqual({
      prompt: 'a red fox',
      image_size: { width: 512, height: 384 },
      num_images: 2,
      output_format: 'png',
      seed: 7,
      num_inference_steps: 4,
      acceleration: 'high',
    });
    const lines = jsonLines(r.stdout);
    expect(lines.map((l) => path.basename(String(l.path)))).toEqual(['fox-1.png', 'fox-2.png']);
    for (const l of lines) expect(readFileSync(String(l.path)).equals(png)).toBe(true);
    const sidecar = JSON.parse(readFileSync(path.join(cwd, 'fox-1.png.json'), 'utf8')) as Record<string, unknown>;
    expect(sidecar).toMatchObject({ prompt: 'a red fox', provider: 'fal', model: 'fal-ai/flux/dev', seed: 7, capability: 'text-to-image', params: { num_inference_steps: 4, acceleration: 'high' } });
    expect(sidecar.requestId).toBe([...f.jobs.keys()][0]);
    expect(typeof sidecar.elapsedMs).toBe('number');
    expect(JSON.stringify(sidecar)).not.toContain(FAL_TEST_KEY);
  });

  test('a 422 validation error is one line naming the field, exit 2, no file', async () => {
    const f = await fake({
      rejectSubmit: () => ({ status: 422, body: { detail: [{ loc: ['body', 'num_inference_steps'], msg: 'ensure this value is less than or equal to 50', type: 'value_error.number.not_le' }] } }),
    });
    const cwd = falProject(f.url);
    const r = await runCli(['generate', 'image', 'x', '-p', 'fal', '-P', 'num_inference_steps=99'], { cwd, env });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    const [first, ...rest] = r.stderr.trimEnd().split('\n');
    expect(first).toBe('error: fal rejected the input (422): num_inference_steps: ensure this value is less than or equal to 50');
    expect(rest.every((l) => l.startsWith('  hint: '))).toBe(true);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(visibleFiles(path.join(cwd, 'automarket-output'))).toEqual([]);
  });

  test('the same 422 with --json is an error object on stdout', async () => {
    const f = await fake({ rejectSubmit: () => ({ status: 422, body: { detail: [{ loc: ['body', 'image_size'], msg: 'invalid size', type: 'value_error' }] } }) });
    const cwd = falProject(f.url);
    const r = await runCli(['generate', 'image', 'x', '-p', 'fal', '--json'], { cwd, env });
    expect(r.exitCode).toBe(2);
    expect(jsonLines(r.stdout)).toEqual([{ error: expect.objectContaining({ code: 'VALIDATION', message: 'fal rejected the input (422): image_size: invalid size' }) }]);
  });

  test('an HTML error page served as the image is rejected and leaves no file, not even a temp file', async () => {
    const f = await fake({ queuePolls: 0, progressPolls: 0, htmlInsteadOfFile: true });
    const cwd = falProject(f.url);
    const r = await runCli(['generate', 'image', 'x', '-p', 'fal', '-o', 'out/'], { cwd, env });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^error: The provider returned an HTML page, not an image file$/m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(visibleFiles(path.join(cwd, 'out'))).toEqual([]);
  });

  test('a missing FAL_KEY is exit 2 naming FAL_KEY, before any request', async () => {
    const f = await fake();
    const cwd = falProject(f.url);
    const r = await runCli(['generate', 'image', 'x', '-p', 'fal'], { cwd });
    expect(r.exitCode).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('error: No API key for fal: set FAL_KEY');
    expect(f.requests).toHaveLength(0);
  });

  test('the key never appears in --verbose traces or in an error that echoes it', async () => {
    const ok = await fake({ queuePolls: 1, progressPolls: 1 });
    const verbose = await runCli(['generate', 'image', 'x', '-p', 'fal', '--verbose'], { cwd: falProject(ok.url), env });
    expect(verbose.exitCode).toBe(0);
    expect(verbose.stderr).toMatch(/debug: http POST .*\/fal-ai\/flux\/schnell -> 200/);
    expect(verbose.stderr).not.toContain(FAL_TEST_KEY);

    const echo = await fake({ rejectSubmit: () => ({ status: 401, body: { detail: `Invalid key ${FAL_TEST_KEY}`, error_type: 'authentication_error' } }) });
    const cwd = falProject(echo.url);
    for (const extra of [[], ['--json'], ['--verbose']]) {
      const r = await runCli(['generate', 'image', 'x', '-p', 'fal', ...extra], { cwd, env });
      expect(r.exitCode).toBe(1);
      expect(r.stderr + r.stdout).toContain('Invalid key [redacted]');
      expect(r.stderr + r.stdout).not.toContain(FAL_TEST_KEY);
      expect(r.stderr + r.stdout).not.toContain('0123456789abcdef');
    }
  });
});

describe('--timeout on a fal job', () => {
  test('gives up with exit 1 and a resume hint, and does not cancel the paid job', async () => {
    const f = await fake({ queuePolls: 0, holdInProgress: true });
    const cwd = falProject(f.url);
    const r = await runCli(['generate', 'image', 'x', '-p', 'fal', '--timeout', '0.3', '-o', 'x.png'], { cwd, env });
    expect(r.exitCode).toBe(1);
    const [first, second] = r.stderr.trimEnd().split('\n');
    expect(first).toMatch(/^error: fal fal-ai\/flux\/schnell did not finish within 0\.3 s; it is still running remotely as job job_\w+$/);
    expect(second).toMatch(/^ {2}hint: `automarket jobs resume job_\w+` fetches the result later without paying again/);
    expect(f.requests.some((q) => q.path.endsWith('/cancel'))).toBe(false);
    expect(visibleFiles(cwd)).toEqual(['automarket.config.json']);
  });
});

describe('generate video -i <file> -p fal (image-to-video)', () => {
  test('uploads the local file through storage, sends its URL as image_url, and writes the video', async () => {
    const f = await fake({ queuePolls: 1, progressPolls: 1 });
    const cwd = falProject(f.url);
    const still = await pngBytes(32, 32, '#2980b9');
    writeFileSync(path.join(cwd, 'still.png'), still);
    const r = await runCli(['generate', 'video', '-i', 'still.png', 'slow pan', '-p', 'fal', '--duration', '5', '-o', 'clip.mp4', '--json'], { cwd, env });
    expect(r.exitCode).toBe(0);

    const initiate = f.requests.find((q) => q.path === '/storage/upload/initiate')!;
    expect(initiate.method).toBe('POST');
    expect(initiate.query.get('storage_type')).toBe('fal-cdn-v3');
    expect(initiate.headers.authorization).toBe(`Key ${FAL_TEST_KEY}`);
    expect(initiate.json).toEqual({ content_type: 'image/png', file_name: 'still.png' });
    const put = f.requests.find((q) => q.method === 'PUT' && q.path.startsWith('/upload/'))!;
    expect(put.headers['content-type']).toBe('image/png');
    expect(put.body.equals(still)).toBe(true);
    const [upload] = [...f.uploads.entries()];
    const submit = f.requests.find((q) => q.method === 'POST' && q.path.includes('image-to-video'))!;
    expect(submit.path).toBe('/fal-ai/kling-video/v2.1/standard/image-to-video');
    expect(submit.json).toEqual({ prompt: 'slow pan', duration: '5', image_url: `${f.url}/files/${upload![0]}/still.png` });
    // The initiate and the PUT happen before the submit.
    expect(f.requests.indexOf(put)).toBeLessThan(f.requests.indexOf(submit));

    const [line] = jsonLines(r.stdout);
    expect(line).toMatchObject({ path: path.join(cwd, 'clip.mp4'), kind: 'video', mediaType: 'video/mp4', bytes: mp4.length, provider: 'fal', model: 'fal-ai/kling-video/v2.1/standard/image-to-video', prompt: 'slow pan' });
    expect(readFileSync(path.join(cwd, 'clip.mp4')).equals(mp4)).toBe(true);
  });
});
