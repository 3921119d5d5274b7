/**
 * What every command gets. All I/O (env, streams, clock, http, exec, paths) comes through here, so
 * tests build a context with fakes instead of mocking modules. Heavy pieces are created lazily:
 * `--version` and `--help` never build one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { systemClock, type Clock } from './clock.js';
import { Http } from './http.js';
import { createExec, type Exec } from './exec.js';
import { Secrets } from './secrets.js';
import { resolvePaths, type Paths } from './paths.js';
import { Ui } from './ui/ui.js';
import { loadConfig } from './config/load.js';
import type { LoadedConfig } from './config/types.js';
import { Registry } from './registry.js';
import { Journal } from './jobs/journal.js';
import { VERSION } from './version.js';

export interface GlobalOptions {
  config?: string;
  verbose: boolean;
  color: boolean;
  json: boolean;
  quiet: boolean;
}

export interface Io {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
}

export interface ContextDeps {
  env: Record<string, string | undefined>;
  cwd: string;
  io: Io;
  signal: AbortSignal;
  options: GlobalOptions;
  clock?: Clock;
}

export class Context {
  readonly env: Record<string, string | undefined>;
  readonly cwd: string;
  readonly io: Io;
  readonly signal: AbortSignal;
  readonly options: GlobalOptions;
  readonly clock: Clock;
  readonly secrets = new Secrets();
  readonly paths: Paths;
  readonly ui: Ui;
  readonly version = VERSION;
  private httpInstance?: Http;
  private execInstance?: Exec;
  private configPromise?: Promise<LoadedConfig>;
  private registryPromise?: Promise<Registry>;
  private journalInstance?: Journal;
  private tempDirPath?: string;
  private removeTempOnExit?: () => void;

  constructor(deps: ContextDeps) {
    this.env = deps.env;
    this.cwd = deps.cwd;
    this.io = deps.io;
    this.signal = deps.signal;
    this.options = deps.options;
    this.clock = deps.clock ?? systemClock;
    this.paths = resolvePaths(deps.env);
    this.ui = new Ui({
      stderr: deps.io.stderr,
      stdoutIsTTY: Boolean(deps.io.stdout.isTTY),
      json: deps.options.json,
      quiet: deps.options.quiet,
      verbose: deps.options.verbose,
      color: deps.options.color && !('NO_COLOR' in deps.env && deps.env.NO_COLOR !== ''),
      secrets: this.secrets,
    });
  }

  get http(): Http {
    this.httpInstance ??= new Http({
      secrets: this.secrets,
      clock: this.clock,
      signal: this.signal,
      userAgent: `automarket/${this.version} node/${process.versions.node}`,
      debug: this.options.verbose ? (line) => this.ui.debug(line) : undefined,
    });
    return this.httpInstance;
  }

  get exec(): Exec {
    this.execInstance ??= createExec(this.signal, this.env);
    return this.execInstance;
  }

  get journal(): Journal {
    this.journalInstance ??= new Journal(this.paths.stateDir, this.secrets);
    return this.journalInstance;
  }

  /** Whether we may ask the user questions: stdin and stderr are terminals and --json is off. */
  get canPrompt(): boolean {
    return Boolean(this.io.stdin.isTTY) && Boolean(this.io.stderr.isTTY) && !this.options.json && this.env.CI !== 'true';
  }

  config(): Promise<LoadedConfig> {
    this.configPromise ??= loadConfig({
      cwd: this.cwd,
      env: this.env,
      userConfigPath: this.paths.userConfig,
      explicitPath: this.options.config,
    });
    return this.configPromise;
  }

  registry(): Promise<Registry> {
    this.registryPromise ??= (async () => {
      const { buildRegistry } = await import('./build-registry.js');
      return buildRegistry(this);
    })();
    return this.registryPromise;
  }

  /** A private temp directory for this run, removed when the run ends (even on Ctrl-C). */
  tempDir(): string {
    if (!this.tempDirPath) {
      this.tempDirPath = mkdtempSync(path.join(os.tmpdir(), 'automarket-'));
      const dir = this.tempDirPath;
      this.removeTempOnExit = () => rmSync(dir, { recursive: true, force: true });
      process.once('exit', this.removeTempOnExit);
    }
    return this.tempDirPath;
  }

  /**
   * A context for jobs whose results the caller takes (a batch's items, createClient()): stdout is
   * discarded, stdin is empty, nothing prompts, spins or colours; stderr gets warnings (none when left out).
   */
  static headless(deps: { env: Record<string, string | undefined>; cwd: string; signal: AbortSignal; stderr?: Writable; clock?: Clock; config?: string; verbose: boolean; quiet: boolean }): Context {
    const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });
    return new Context({
      env: deps.env,
      cwd: deps.cwd,
      io: { stdin: Readable.from([]), stdout: discard(), stderr: deps.stderr ?? discard() },
      signal: deps.signal,
      clock: deps.clock,
      options: { config: deps.config, verbose: deps.verbose, color: false, json: true, quiet: deps.quiet },
    });
  }

  /** Removes the temp directory and closes the journal now (a long-lived process running many commands must not pile them up). */
  dispose(): void {
    this.journalInstance?.close();
    if (this.tempDirPath) rmSync(this.tempDirPath, { recursive: true, force: true });
    if (this.removeTempOnExit) process.removeListener('exit', this.removeTempOnExit);
    this.tempDirPath = undefined;
    this.removeTempOnExit = undefined;
  }

  /** Writes a result line to stdout (the only place results go). */
  out(text: string): void {
    this.io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }
}
