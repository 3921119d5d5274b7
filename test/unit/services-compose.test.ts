import { detectCompose, projectName } from '../../src/services/compose-cli.js';
import type { Exec, ExecOptions, ExecResult } from '../../src/exec.js';
import { ServiceError } from '../../src/errors.js';

type Call = { file: string; args: string[]; options?: ExecOptions };

/** A fake exec that answers like a machine with the given programs installed. */
function fakeExec(installed: { docker?: boolean; plugin?: boolean; v1?: boolean }): { exec: Exec; calls: Call[] } {
  const calls: Call[] = [];
  const exec: Exec = async (file, args, options) => {
    calls.push({ file, args, options });
    const ok = (stdout: string): ExecResult => ({ exitCode: 0, stdout, stderr: '' });
    if (file === 'docker') {
      if (!installed.docker) return { exitCode: 127, stdout: '', stderr: '', notFound: true };
      if (args[0] === 'compose') {
        if (!installed.plugin) return { exitCode: 1, stdout: '', stderr: "docker: 'compose' is not a docker command.\nSee 'docker --help'\n" };
        return ok(args[1] === 'version' ? '2.29.7\n' : '');
      }
      return ok('');
    }
    if (file === 'docker-compose') {
      if (!installed.v1) return { exitCode: 127, stdout: '', stderr: '', notFound: true };
      return ok(args[0] === 'version' ? '1.29.2\n' : '');
    }
    throw new Error(`unexpected program ${file}`);
  };
  return { exec, calls };
}

describe('Compose detection', () => {
  test('prefers `docker compose` (v2) when the plugin answers, and puts `compose` before -p/-f', async () => {
    const { exec, calls } = fakeExec({ docker: true, plugin: true, v1: true });
    const cli = await detectCompose(exec);
    expect(cli.version).toBe('v2');
    expect(calls.map((c) => c.file)).toEqual(['docker']); // v1 never probed
    await cli.run('automarket-kokoro', ['/a/docker-compose.yml', '/a/gpu.yml'], ['up', '-d']);
    expect(calls[1]).toMatchObject({ file: 'docker', args: ['compose', '-p', 'automarket-kokoro', '-f', '/a/docker-compose.yml', '-f', '/a/gpu.yml', 'up', '-d'] });
  });

  test('falls back to docker-compose (v1) when `docker compose` is not a docker command', async () => {
    const { exec, calls } = fakeExec({ docker: true, plugin: false, v1: true });
    const cli = await detectCompose(exec);
    expect(cli.version).toBe('v1');
    await cli.run('automarket-ollama', ['/s/docker-compose.yml'], ['down']);
    expect(calls.at(-1)).toMatchObject({ file: 'docker-compose', args: ['-p', 'automarket-ollama', '-f', '/s/docker-compose.yml', 'down'] });
  });

  test('v1 alone, without the docker CLI, still works', async () => {
    const { exec } = fakeExec({ docker: false, v1: true });
    expect((await detectCompose(exec)).version).toBe('v1');
  });

  test('nothing installed: "Docker is not installed" with an install hint', async () => {
    const { exec } = fakeExec({});
    const err = await detectCompose(exec).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceError);
    expect(err).toMatchObject({ code: 'DOCKER_MISSING', exitCode: 1 });
    expect((err as ServiceError).hint).toMatch(/docs\.docker\.com/);
  });

  test('docker without any Compose: says Compose is missing', async () => {
    const { exec } = fakeExec({ docker: true, plugin: false, v1: false });
    await expect(detectCompose(exec)).rejects.toMatchObject({ code: 'COMPOSE_MISSING' });
  });

  test('project names are automarket-<name>, made safe for Compose', () => {
    expect(projectName('kokoro')).toBe('automarket-kokoro');
    expect(projectName('my.tts')).toBe('automarket-my-tts');
  });
});
