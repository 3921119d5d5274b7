/**
 * Docker for the service tests. They run against a real engine and Compose; where there is none they
 * are skipped only on a developer's machine (CI unset): in CI they run and fail, so a missing
 * engine never passes silently.
 */
import { execa, execaSync } from 'execa';
import net from 'node:net';
import path from 'node:path';
import { ROOT } from './cli.js';

function works(file: string, args: string[]): boolean {
  try {
    return execaSync(file, args, { reject: false, timeout: 20_000 }).exitCode === 0;
  } catch {
    return false;
  }
}

const hasV2 = works('docker', ['compose', 'version']);
export const dockerAvailable = works('docker', ['info']) && (hasV2 || works('docker-compose', ['version']));
/** How to call Compose directly from a test: v2 when present, else v1. */
export const COMPOSE: [string, ...string[]] = hasV2 ? ['docker', 'compose'] : ['docker-compose'];

/** describe when Docker is here or in CI; describe.skip only on a developer machine without Docker. */
export const describeDocker: jest.Describe = dockerAvailable || process.env.CI ? describe : describe.skip;

export const TTS_FIXTURE = path.join(ROOT, 'test/fixtures/services/tts');
export const TTS_COMPOSE = path.join(TTS_FIXTURE, 'docker-compose.yml');
export const TTS_IMAGE = 'automarket-test/tts:local';

/** Builds the fixture image (cached after the first build: one layer on the local base image). */
export async function buildTtsImage(): Promise<void> {
  await execa('docker', ['build', '-q', '-t', TTS_IMAGE, TTS_FIXTURE], { timeout: 300_000 });
}

export async function freePort(): Promise<number> {
  return await new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The containers of a Compose project, running or not. */
export async function projectContainers(project: string): Promise<string[]> {
  const r = await execa('docker', ['ps', '-a', '-q', '--filter', `label=com.docker.compose.project=${project}`]);
  return r.stdout.split('\n').filter(Boolean);
}

/** Removes a project's containers whatever state a failed test left them in. */
export async function removeProject(project: string): Promise<void> {
  const ids = await projectContainers(project).catch(() => []);
  if (ids.length) await execa('docker', ['rm', '-f', ...ids], { reject: false });
}

/** A name unique to this test run, so parallel runs on one engine do not share projects. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${process.pid}-${Math.random().toString(36).slice(2, 6)}`;
}
