/** Checks a config object against schema/automarket.schema.json (the same file editors use). */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../errors.js';

type AjvValidate = ((data: unknown) => boolean) & { errors?: Array<{ instancePath: string; keyword: string; message?: string; params: Record<string, unknown> }> | null };
let compiled: AjvValidate | undefined;

/**
 * The build compiles the schema into a standalone module (scripts/build-validator.mjs), which loads
 * in a millisecond; compiling it here with ajv costs ≈50 ms on every start. Running from src (tests)
 * there is no such module, so the schema is compiled at run time with the same options.
 */
const GENERATED_VALIDATOR = './schema-validator.js';

async function validator(): Promise<AjvValidate> {
  if (!compiled) {
    const generated = (await import(GENERATED_VALIDATOR).catch(() => undefined)) as { default: AjvValidate } | undefined;
    if (generated) compiled = generated.default;
    else {
      const { default: Ajv } = (await import('ajv')) as unknown as { default: new (o: object) => { compile(s: object): AjvValidate } };
      const schema = JSON.parse(readFileSync(schemaFilePath(), 'utf8')) as object;
      compiled = new Ajv({ allErrors: true, strict: false }).compile(schema);
    }
  }
  return compiled;
}

/** The schema ships at <package>/schema; from dist/src/config that is three levels up, from src/config (tests) two. */
export function schemaFilePath(): string {
  const candidates = ['../../../schema/automarket.schema.json', '../../schema/automarket.schema.json'].map((rel) =>
    fileURLToPath(new URL(rel, import.meta.url)),
  );
  return candidates.find((p) => existsSync(p)) ?? candidates[0]!;
}

/** Throws ConfigError naming the file, the key path and what is expected. */
export async function validateConfig(data: unknown, file: string): Promise<void> {
  const validate = await validator();
  if (validate(data)) return;
  const errors = validate.errors ?? [];
  // The most useful error first: unknown keys and type errors beat anyOf noise.
  const order = ['additionalProperties', 'type', 'enum', 'pattern', 'required', 'minimum', 'exclusiveMinimum', 'propertyNames'];
  errors.sort((a, b) => rank(order, a.keyword) - rank(order, b.keyword));
  const e = errors[0]!;
  let keyPath = e.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
  let what: string;
  if (e.keyword === 'additionalProperties') {
    const extra = String(e.params.additionalProperty);
    keyPath = keyPath ? `${keyPath}.${extra}` : extra;
    what = 'is not a known key';
  } else if (e.keyword === 'enum') {
    what = `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  } else if (e.keyword === 'pattern' && String(e.params.pattern).startsWith('^https?')) {
    what = 'must be an http:// or https:// URL';
  } else if (e.keyword === 'required') {
    keyPath = keyPath ? `${keyPath}.${String(e.params.missingProperty)}` : String(e.params.missingProperty);
    what = 'is required';
  } else if (e.keyword === 'propertyNames') {
    what = `has a bad name ${JSON.stringify(e.params.propertyName)} (use lowercase letters, digits, . _ -)`;
  } else {
    what = e.message ?? 'is not valid';
  }
  throw new ConfigError(`${file}: ${keyPath || '(top level)'} ${what}`, {
    hint: 'fix the config file (automarket config validate checks it)',
    data: { file, key: keyPath },
  });
}

function rank(order: string[], keyword: string): number {
  const i = order.indexOf(keyword);
  return i === -1 ? order.length : i;
}
