/**
 * `automarket init`: writes ./automarket.config.json. On a terminal it asks which providers to set
 * up, the default per kind and the output directory; `--yes` takes the defaults without asking.
 * Keys are never written into the config: it holds `${ENV}` references (a key pasted here is stored
 * 0600 in AUTOMARKET_HOME instead).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Context } from '../context.js';
import { InputError, UsageError } from '../errors.js';
import { KINDS, type Kind } from '../kinds.js';
import { keyStatus } from '../provider-context.js';
import { schemaFilePath } from '../config/validate.js';
import { DEFAULT_OUTPUT_DIR } from '../assets/naming.js';
import { writeAtomically } from '../assets/write.js';
import type { RegistryEntry } from '../registry.js';

export interface InitFlags {
  yes?: boolean;
  force?: boolean;
  output?: string;
}

export const CONFIG_NAME = 'automarket.config.json';

export async function initCommand(ctx: Context, flags: InitFlags): Promise<void> {
  const interactive = !flags.yes;
  if (interactive && !ctx.canPrompt) {
    throw new UsageError('init asks questions, but this is not an interactive terminal', { hint: 'pass --yes to write the defaults without asking' });
  }
  const file = path.resolve(ctx.cwd, flags.output ?? CONFIG_NAME);
  let force = Boolean(flags.force);
  const exists = await fs.stat(file).then(() => true, () => false);
  if (exists && !force) {
    if (!interactive) throw new InputError(`${file} already exists`, { hint: 'pass --force to replace it' });
    const { askConfirm } = await import('../ui/prompts.js');
    if (!(await askConfirm(`${path.basename(file)} exists. Replace it?`, false))) throw new InputError(`${file} already exists; left as it is`);
    force = true;
  }

  const registry = await ctx.registry();
  // A broken config in the way must not stop `init --force` from replacing it.
  const current = await ctx.config().then((l) => l.config, () => ({}) as Awaited<ReturnType<Context['config']>>['config']);
  const remote = registry.list().filter((e) => e.manifest.type !== 'local' && e.origin === 'builtin');
  const ready = (e: RegistryEntry) => keyStatus(ctx, e, current.providers?.[e.manifest.id]).configured;
  // Ticked by default: remote providers whose key is already there (a service provider also needs its service running).
  const keyFound = (e: RegistryEntry) => e.manifest.type === 'remote' && ready(e);

  let chosen: RegistryEntry[];
  if (interactive) {
    const { askCheckbox } = await import('../ui/prompts.js');
    const ids = await askCheckbox(
      'Providers to set up (space toggles, enter confirms)',
      remote.map((e) => ({ name: `${e.manifest.id} - ${e.manifest.displayName}${keyFound(e) ? ' (key found)' : e.manifest.apiKeyEnv ? ` (needs ${e.manifest.apiKeyEnv})` : ''}`, value: e.manifest.id, checked: keyFound(e) })),
    );
    chosen = remote.filter((e) => ids.includes(e.manifest.id));
    await offerToStoreKeys(ctx, chosen.filter((e) => !ready(e)));
  } else {
    chosen = remote.filter((e) => e.manifest.type === 'remote');
  }

  const providers: Record<string, Record<string, unknown>> = {};
  for (const e of chosen) providers[e.manifest.id] = e.manifest.apiKeyEnv ? { apiKey: `\${${e.manifest.apiKeyEnv}}` } : {};

  const defaults: Partial<Record<Kind, string>> = {};
  const local = registry.get('local');
  for (const kind of KINDS) {
    const capability = `text-to-${kind}`;
    const able = chosen.filter((e) => e.manifest.capabilities.includes(capability as never));
    const candidates = [...able, ...(local && local.manifest.capabilities.includes(capability as never) ? [local] : [])];
    if (candidates.length === 0) continue;
    if (interactive) {
      const { askSelect } = await import('../ui/prompts.js');
      const picked = await askSelect(`Default provider for ${kind}`, [
        ...candidates.map((e) => ({ name: `${e.manifest.id}${ready(e) ? '' : ' (no key yet)'}`, value: e.manifest.id })),
        { name: 'none (choose automatically: the first provider with a key, else local)', value: '' },
      ]);
      if (picked) defaults[kind] = picked;
    } else {
      // Only providers usable now: a default without a key would turn the offline fallback into an error.
      const first = able.find(keyFound);
      if (first) defaults[kind] = first.manifest.id;
    }
  }

  let outputDir = DEFAULT_OUTPUT_DIR;
  if (interactive) {
    const { askText } = await import('../ui/prompts.js');
    outputDir = (await askText('Output directory', DEFAULT_OUTPUT_DIR)).trim() || DEFAULT_OUTPUT_DIR;
  }

  const schemaRef = path.relative(path.dirname(file), schemaFilePath()).split(path.sep).join('/');
  const config = {
    $schema: schemaRef.startsWith('.') ? schemaRef : `./${schemaRef}`,
    output: { dir: outputDir, filename: '{kind}-{date}-{slug}-{index}.{ext}', sidecar: true },
    ...(Object.keys(defaults).length ? { defaults } : {}),
    providers,
  };
  const body = `${JSON.stringify(config, null, 2)}\n`;
  await writeAtomically(file, force, (tmp) => fs.writeFile(tmp, body, { mode: 0o644 }));
  ctx.out(file);
  ctx.ui.success(`Wrote ${file}${chosen.length ? ` (${chosen.map((e) => e.manifest.id).join(', ')})` : ''}. Keys stay in the environment or \`automarket keys set\`; check it with \`automarket config validate\`.`);
}

async function offerToStoreKeys(ctx: Context, missing: RegistryEntry[]): Promise<void> {
  if (missing.length === 0) return;
  const { askSecret } = await import('../ui/prompts.js');
  const { storeKey } = await import('../keys-store.js');
  for (const e of missing) {
    const key = (await askSecret(`${e.manifest.apiKeyEnv ?? `${e.manifest.id} key`} (stored 0600 in ${ctx.paths.keysFile}; empty to skip)`)).trim();
    if (!key) continue;
    ctx.secrets.add(key);
    storeKey(ctx.paths.keysFile, e.manifest.id, key);
  }
}
