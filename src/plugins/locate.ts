/**
 * Where a plugin named in config lives. Paths (already absolute: the config loader resolves them
 * against the config file) are used as they are; npm package names are looked up in node_modules
 * from the project up, then in the global node_modules (`npm root -g`, asked only when needed).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

export type PluginLocation =
  | { kind: 'package'; dir: string; scope: 'path' | 'project' | 'global' }
  | { kind: 'file'; file: string };

export interface LocateOptions {
  /** Directories to search up from (working directory, config file directories). */
  searchFrom: string[];
  /** Returns the global node_modules directory, or undefined when npm is unavailable. */
  globalRoot: () => Promise<string | undefined>;
}

export function isPathSpec(spec: string): boolean {
  return path.isAbsolute(spec) || spec.startsWith('.');
}

export async function locatePlugin(spec: string, options: LocateOptions): Promise<PluginLocation | { notFound: string }> {
  if (isPathSpec(spec)) {
    if (!existsSync(spec)) return { notFound: `no file or directory at ${spec}` };
    if (statSync(spec).isDirectory()) {
      if (!existsSync(path.join(spec, 'package.json'))) return { notFound: `${spec} is a directory without a package.json` };
      return { kind: 'package', dir: spec, scope: 'path' };
    }
    return { kind: 'file', file: spec };
  }
  for (const start of options.searchFrom) {
    for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'node_modules', spec);
      if (existsSync(path.join(candidate, 'package.json'))) return { kind: 'package', dir: candidate, scope: 'project' };
      if (path.dirname(dir) === dir) break;
    }
  }
  const globalRoot = await options.globalRoot();
  if (globalRoot) {
    const candidate = path.join(globalRoot, spec);
    if (existsSync(path.join(candidate, 'package.json'))) return { kind: 'package', dir: candidate, scope: 'global' };
  }
  return {
    notFound: `package ${spec} is not installed in this project${globalRoot ? ` nor globally (${globalRoot})` : ''}`,
  };
}
