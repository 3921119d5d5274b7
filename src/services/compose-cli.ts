/**
 * Finds Docker Compose and runs it. Compose v2 is `docker compose` (a docker CLI plugin); v1 is the
 * standalone `docker-compose` (still what some distributions package). Both take the same flags for
 * what we use (-p, -f, up -d, down, ps, logs, config), so callers only see `ComposeCli.run()`.
 * DOCKER_HOST, DOCKER_CONTEXT and DOCKER_CONFIG pass through untouched: ctx.exec gives the child the
 * user's environment, so a service can run on a remote GPU box.
 */
import type { Exec, ExecOptions, ExecResult } from '../exec.js';
import { ServiceError } from '../errors.js';
import { classifyDockerFailure } from './docker-errors.js';

export type ComposeVersion = 'v1' | 'v2';

export interface ComposeCli {
  version: ComposeVersion;
  /** The program to run and the arguments that come before compose's own (`compose` for v2). */
  file: string;
  prefix: string[];
  /** Runs compose with `-p project -f file...` in front of `args`; never throws on a non-zero exit. */
  run(project: string, files: string[], args: string[], options?: ExecOptions): Promise<ExecResult>;
}

const INSTALL_HINT = 'install Docker Engine with Compose (https://docs.docker.com/engine/install/), or Docker Desktop';

/**
 * Detects Compose: `docker compose version` first (v2), then `docker-compose version` (v1).
 * Neither needs the engine to be running, so "not installed" and "not running" stay separate errors.
 */
export async function detectCompose(exec: Exec): Promise<ComposeCli> {
  const v2 = await exec('docker', ['compose', 'version', '--short'], { reject: false, timeoutMs: 20_000 });
  if (!v2.notFound && v2.exitCode === 0) return makeCli(exec, 'v2', 'docker', ['compose']);
  const v1 = await exec('docker-compose', ['version', '--short'], { reject: false, timeoutMs: 20_000 });
  if (!v1.notFound && v1.exitCode === 0) return makeCli(exec, 'v1', 'docker-compose', []);
  if (v2.notFound && v1.notFound) {
    throw new ServiceError('Docker is not installed (neither `docker` nor `docker-compose` was found on PATH)', { code: 'DOCKER_MISSING', hint: INSTALL_HINT });
  }
  if (v1.notFound) {
    throw new ServiceError('Docker Compose is not installed (`docker compose` is not a docker command and `docker-compose` was not found)', {
      code: 'COMPOSE_MISSING',
      hint: 'install the Compose plugin (https://docs.docker.com/compose/install/)',
    });
  }
  throw classifyDockerFailure(`${v1.stderr}\n${v1.stdout}`, 'docker-compose version failed');
}

export function makeCli(exec: Exec, version: ComposeVersion, file: string, prefix: string[]): ComposeCli {
  return {
    version,
    file,
    prefix,
    run(project, files, args, options = {}) {
      const fileArgs = files.flatMap((f) => ['-f', f]);
      return exec(file, [...prefix, '-p', project, ...fileArgs, ...args], { reject: false, ...options });
    },
  };
}

/** Compose project names allow lowercase letters, digits, `-` and `_` only. */
export function projectName(service: string): string {
  return `automarket-${service.toLowerCase().replace(/[^a-z0-9_-]/g, '-')}`;
}
