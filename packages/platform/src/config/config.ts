import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import { llmConfigSchema } from '../llm/config.js';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The whole configuration. Every field has a documented default (see README "Configuration"). */
export const configSchema = z.object({
  nodeEnv: z.enum(['development', 'production', 'test']).default('development'),
  server: z
    .object({
      host: z.string().min(1).default('127.0.0.1'),
      port: z.number().int().min(0).max(65535).default(8080),
      bodyLimitBytes: z.number().int().positive().default(1_048_576),
      trustProxy: z.boolean().default(false),
      shutdownTimeoutMs: z.number().int().positive().default(10_000),
    })
    .prefault({}),
  dataDir: z.string().min(1).default('./.quintessence'),
  databaseUrl: z.string().url().optional(),
  redisUrl: z.string().url().optional(),
  natsUrl: z.string().url().optional(),
  mqttUrl: z.string().url().optional(),
  log: z.object({ level: z.enum(logLevels).default('info'), pretty: z.boolean().default(false) }).prefault({}),
  auth: z
    .object({
      mode: z.enum(['enforced', 'dev-bypass']).default('enforced'),
      jwtSecret: z.string().min(32, 'must be at least 32 characters').optional(),
      accessTokenTtlSeconds: z.number().int().positive().default(900),
      refreshTokenTtlSeconds: z
        .number()
        .int()
        .positive()
        .default(14 * 24 * 3600),
      lockoutThreshold: z.number().int().positive().default(5),
      lockoutMinutes: z.number().positive().default(15),
      bootstrapAdminPassword: z.string().min(12, 'must be at least 12 characters').optional(),
    })
    .prefault({}),
  audit: z.object({ signingKey: z.string().min(32, 'must be at least 32 characters').optional() }).prefault({}),
  cors: z.object({ origins: z.array(z.string().min(1)).default([]) }).prefault({}),
  rateLimit: z
    .object({
      enabled: z.boolean().default(true),
      max: z.number().int().positive().default(600),
      windowMs: z.number().int().positive().default(60_000),
      loginMax: z.number().int().positive().default(10),
    })
    .prefault({}),
  metrics: z.object({ public: z.boolean().default(true) }).prefault({}),
  jobs: z
    .object({
      backend: z.enum(['auto', 'embedded', 'bullmq']).default('auto'),
      runInServer: z.boolean().default(true),
      concurrency: z.number().int().positive().default(2),
    })
    .prefault({}),
  cache: z.object({ maxEntries: z.number().int().positive().default(10_000) }).prefault({}),
  llm: llmConfigSchema,
  /** Per-module settings; each module validates its own section with its own schema. */
  modules: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
});

export type Config = Readonly<z.infer<typeof configSchema>>;
export type ConfigInput = z.input<typeof configSchema>;

type Raw = Record<string, unknown>;

/** Conventional environment variables and where they land in the configuration. */
const envMap: ReadonlyArray<readonly [string, string, 'string' | 'number' | 'boolean' | 'list']> = [
  ['NODE_ENV', 'nodeEnv', 'string'],
  ['HOST', 'server.host', 'string'],
  ['PORT', 'server.port', 'number'],
  ['QX_BODY_LIMIT_BYTES', 'server.bodyLimitBytes', 'number'],
  ['QX_DATA_DIR', 'dataDir', 'string'],
  ['DATABASE_URL', 'databaseUrl', 'string'],
  ['REDIS_URL', 'redisUrl', 'string'],
  ['NATS_URL', 'natsUrl', 'string'],
  ['MQTT_URL', 'mqttUrl', 'string'],
  ['LOG_LEVEL', 'log.level', 'string'],
  ['QX_AUTH_MODE', 'auth.mode', 'string'],
  ['JWT_SECRET', 'auth.jwtSecret', 'string'],
  ['QX_ADMIN_PASSWORD', 'auth.bootstrapAdminPassword', 'string'],
  ['AUDIT_SIGNING_KEY', 'audit.signingKey', 'string'],
  ['CORS_ORIGINS', 'cors.origins', 'list'],
  ['QX_RATE_LIMIT_MAX', 'rateLimit.max', 'number'],
  ['QX_RATE_LIMIT_WINDOW_MS', 'rateLimit.windowMs', 'number'],
  ['QX_METRICS_PUBLIC', 'metrics.public', 'boolean'],
  ['QX_JOBS_BACKEND', 'jobs.backend', 'string'],
  ['QX_LLM_LOG_PROMPTS', 'llm.logPrompts', 'boolean'],
];

function setPath(target: Raw, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Raw;
  }
  node[keys[keys.length - 1]!] = value;
}

function coerce(name: string, value: string, kind: 'string' | 'number' | 'boolean' | 'list'): unknown {
  switch (kind) {
    case 'number': {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n)) {
        throw new AppError('CONFIG_INVALID', `Invalid configuration: ${name} must be a number, got "${value}"`, {
          details: { key: name },
        });
      }
      return n;
    }
    case 'boolean':
      if (!/^(true|false|1|0|yes|no)$/i.test(value)) {
        throw new AppError('CONFIG_INVALID', `Invalid configuration: ${name} must be true or false, got "${value}"`, {
          details: { key: name },
        });
      }
      return /^(true|1|yes)$/i.test(value);
    case 'list':
      return value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    default:
      return value;
  }
}

function camel(segment: string): string {
  return segment.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** `QX__SECTION__KEY=value` sets any field (`QX__MODULES__RESTOCK__CONFIDENCE_THRESHOLD=0.7`); JSON values parse. */
function genericEnv(env: NodeJS.ProcessEnv, raw: Raw): void {
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('QX__') || value === undefined) continue;
    const path = name.slice(4).split('__').map(camel).join('.');
    let parsed: unknown = value;
    try {
      parsed = JSON.parse(value);
    } catch {
      // plain string
    }
    setPath(raw, path, parsed);
  }
}

function deepMerge(base: Raw, over: Raw): Raw {
  const out: Raw = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prev = out[key];
    out[key] =
      typeof prev === 'object' && prev !== null && !Array.isArray(prev) && typeof value === 'object' && value
        ? deepMerge(prev as Raw, value as Raw)
        : value;
  }
  return out;
}

function readYaml(file: string): Raw {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new AppError('CONFIG_INVALID', `Cannot read configuration file ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    throw new AppError('CONFIG_INVALID', `Configuration file ${file} is not valid YAML: ${(error as Error).message}`);
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new AppError('CONFIG_INVALID', `Configuration file ${file} must hold a mapping at the top level`);
  }
  return doc as Raw;
}

/** API keys of LLM providers from their usual environment variables, appended to the failover chain. */
function llmFromEnv(env: NodeJS.ProcessEnv): Raw[] {
  const providers: Raw[] = [];
  if (env.GOOGLE_API_KEY)
    providers.push({ kind: 'gemini', model: env.GEMINI_MODEL ?? 'gemini-2.0-flash', apiKey: env.GOOGLE_API_KEY });
  if (env.GROQ_API_KEY)
    providers.push({
      kind: 'openai',
      name: 'groq',
      baseUrl: 'https://api.groq.com/openai/v1',
      model: env.GROQ_MODEL ?? 'llama-3.3-70b-versatile',
      apiKey: env.GROQ_API_KEY,
    });
  if (env.OPENAI_API_KEY)
    providers.push({
      kind: 'openai',
      model: env.OPENAI_MODEL ?? 'gpt-4o-mini',
      apiKey: env.OPENAI_API_KEY,
      baseUrl: env.OPENAI_BASE_URL,
    });
  if (env.ANTHROPIC_API_KEY)
    providers.push({
      kind: 'anthropic',
      model: env.ANTHROPIC_MODEL ?? 'claude-3-5-haiku-latest',
      apiKey: env.ANTHROPIC_API_KEY,
    });
  return providers;
}

export interface LoadConfigOptions {
  /** A YAML file (`--config`); environment variables override it. */
  configFile?: string;
  /** Explicit values (CLI flags, tests); they override both. */
  overrides?: ConfigInput;
}

/**
 * The only reader of `process.env`. Precedence: overrides > environment > YAML file > defaults.
 * Throws `AppError('CONFIG_INVALID')` naming the offending key.
 *
 * @example
 * const config = loadConfig(process.env, { configFile: 'quintessence.yaml' });
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadConfigOptions = {}): Config {
  let raw: Raw = options.configFile ? readYaml(options.configFile) : {};
  const fromEnv: Raw = {};
  for (const [name, path, kind] of envMap) {
    const value = env[name];
    if (value !== undefined && value !== '') setPath(fromEnv, path, coerce(name, value, kind));
  }
  genericEnv(env, fromEnv);
  raw = deepMerge(raw, fromEnv);
  const rawLlm = (raw.llm as Raw | undefined) ?? {};
  if (rawLlm.providers === undefined) {
    const providers = llmFromEnv(env);
    if (providers.length > 0) raw = deepMerge(raw, { llm: { ...rawLlm, providers } });
  }
  if (options.overrides) raw = deepMerge(raw, options.overrides as Raw);

  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.path.join('.') || '(root)';
    throw new AppError('CONFIG_INVALID', `Invalid configuration: ${key}: ${issue.message}`, {
      details: { key, issues: parsed.error.issues.map((i) => ({ key: i.path.join('.'), message: i.message })) },
    });
  }
  const config = parsed.data;
  config.dataDir = isAbsolute(config.dataDir) ? config.dataDir : resolve(process.cwd(), config.dataDir);
  if (config.nodeEnv === 'production') {
    if (!config.auth.jwtSecret) {
      throw new AppError(
        'CONFIG_INVALID',
        'Invalid configuration: auth.jwtSecret (JWT_SECRET) is required when NODE_ENV=production',
        {
          details: { key: 'auth.jwtSecret' },
        },
      );
    }
    if (!config.audit.signingKey) {
      throw new AppError(
        'CONFIG_INVALID',
        'Invalid configuration: audit.signingKey (AUDIT_SIGNING_KEY) is required when NODE_ENV=production',
        {
          details: { key: 'audit.signingKey' },
        },
      );
    }
    if (config.auth.mode === 'dev-bypass') {
      throw new AppError(
        'CONFIG_INVALID',
        'Invalid configuration: auth.mode dev-bypass is not allowed when NODE_ENV=production',
        {
          details: { key: 'auth.mode' },
        },
      );
    }
  }
  return deepFreeze(config);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Raw)) deepFreeze(child);
  }
  return value;
}

const secretKeys = /secret|password|key|token|credential/i;

/** The configuration with secrets (and passwords in URLs) replaced by `[redacted]`, for `config print`. */
export function redactConfig(config: Config): unknown {
  const walk = (value: unknown, key: string): unknown => {
    if (typeof value === 'string') {
      if (secretKeys.test(key)) return '[redacted]';
      return value.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:[redacted]@');
    }
    if (Array.isArray(value)) return value.map((v) => walk(v, key));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    }
    return value;
  };
  return walk(config, '');
}
