/** `generate -m a,b,c`: one request to several models, each asset labelled, all in one group. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jsonLines, runCli, tempDir } from '../helpers/cli.js';

describe('generate -m a,b,c', () => {
  it('writes one labelled file per model, grouped for comparison', async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'automarket.config.json'), JSON.stringify({ output: { sidecar: true } }));
    const result = await runCli(['generate', 'image', 'a lighthouse at dusk', '-m', 'local:draft, local:draft-wide', '-o', 'cmp/', '--json', '--seed', '3'], { cwd });
    expect(result.exitCode).toBe(0);
    const lines = jsonLines(result.stdout);
    expect(lines.map((l) => l.model).sort()).toEqual(['draft', 'draft-wide']);
    const groupId = lines[0]!.groupId;
    expect(groupId).toMatch(/^cmp_/);
    expect(lines[1]!.groupId).toBe(groupId);
    for (const line of lines) {
      expect(path.basename(line.path as string)).toContain(`local-${line.model as string}`);
      const sidecar = JSON.parse(readFileSync(`${line.path as string}.json`, 'utf8')) as Record<string, unknown>;
      expect(sidecar).toMatchObject({ model: line.model, groupId, prompt: 'a lighthouse at dusk' });
    }
    expect(readdirSync(path.join(cwd, 'cmp')).filter((f) => f.endsWith('.png'))).toHaveLength(2);
  });

  it('reads a piped prompt once for every model', async () => {
    const cwd = tempDir();
    const result = await runCli(['generate', 'image', '-m', 'local:draft,local:other', '-o', 'out/', '--json'], { cwd, input: 'a fox from stdin\n' });
    expect(result.exitCode).toBe(0);
    expect(jsonLines(result.stdout).map((l) => l.prompt)).toEqual(['a fox from stdin', 'a fox from stdin']);
  });

  it.each([
    [['-o', 'one.png'], /is one file, but -m names 2 models/],
    [['-o', '-'], /writes one asset to stdout, but -m names several models/],
  ])('refuses %j with one line and exit 2', async (extra, message) => {
    const cwd = tempDir();
    const result = await runCli(['generate', 'image', 'x', '-m', 'local:draft,local:other', ...extra], { cwd });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('checks every model before spending on any', async () => {
    const cwd = tempDir();
    const result = await runCli(['generate', 'image', 'x', '-m', 'local:draft,fal:fal-ai/flux/schnell', '-o', 'out/'], { cwd });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('FAL_KEY');
    expect(existsSync(path.join(cwd, 'out')) && readdirSync(path.join(cwd, 'out')).length).toBeFalsy();
  });

  it('shows the plan for each model with --dry-run', async () => {
    const result = await runCli(['generate', 'image', 'x', '-m', 'local:draft,local:other', '--dry-run', '--json'], { cwd: tempDir() });
    expect(result.exitCode).toBe(0);
    expect(jsonLines(result.stdout).map((l) => l.model)).toEqual(['draft', 'other']);
  });
});
