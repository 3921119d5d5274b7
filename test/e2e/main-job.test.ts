import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { jsonLines, runCli, tempDir } from '../helpers/cli.js';

describe('the main job, offline', () => {
  test('generate image writes a real PNG with no key and no network, and says where', async () => {
    const cwd = tempDir();
    const r = await runCli(['generate', 'image', 'a lighthouse at dusk'], { cwd });
    expect(r.exitCode).toBe(0);
    const written = r.stdout.trim();
    expect(path.dirname(written)).toBe(path.join(cwd, 'automarket-output'));
    const bytes = readFileSync(written);
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');
    expect(bytes.readUInt32BE(16)).toBe(1024);
    expect(bytes.readUInt32BE(20)).toBe(1024);
    expect(r.stderr).toMatch(/local/);
    expect(readdirSync(path.join(cwd, 'automarket-output')).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  test('--json prints one line with the contract fields; same prompt and seed give the same bytes', async () => {
    const cwd = tempDir();
    const a = await runCli(['generate', 'image', 'x', '--seed', '7', '--size', '320x240', '--format', 'jpeg', '-o', 'a.jpg', '--json'], { cwd });
    const b = await runCli(['generate', 'image', 'x', '--seed', '7', '--size', '320x240', '--format', 'jpeg', '-o', 'b.jpg', '--json'], { cwd });
    expect(a.exitCode).toBe(0);
    const [line] = jsonLines(a.stdout);
    expect(line).toMatchObject({ path: path.join(cwd, 'a.jpg'), kind: 'image', mediaType: 'image/jpeg', provider: 'local', model: 'draft', prompt: 'x', seed: 7, width: 320, height: 240 });
    expect(typeof line!.bytes).toBe('number');
    expect(typeof line!.elapsedMs).toBe('number');
    expect(readFileSync(path.join(cwd, 'a.jpg')).equals(readFileSync(path.join(cwd, 'b.jpg')))).toBe(true);
    expect(b.exitCode).toBe(0);
  });
});
