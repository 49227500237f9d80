import { resolve } from 'node:path'
import { z } from 'zod'
import type { StoreTarget } from './store/connection.js'
import type { QueueTimings } from './store/queue.js'

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  /**
   * The role that owns the tables, used only to migrate and to grant DATABASE_URL's role what the service needs
   * (README: "A least-privilege database role"). Without it the service migrates as DATABASE_URL's role.
   */
  DATABASE_OWNER_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  INSPECTORATE_DATA: z.string().min(1).default('./data'),
  /** The first administrator, created on start when the store has no users. Never a default password. */
  INSPECTORATE_ADMIN_EMAIL: z.string().optional(),
  INSPECTORATE_ADMIN_PASSWORD: z.string().optional(),
  INSPECTORATE_ADMIN_NAME: z.string().default('Administrator'),
  /** Cookies marked Secure: on by default in production, where the service sits behind HTTPS. */
  SECURE_COOKIES: z.enum(['true', 'false']).optional(),
  /** The proxies whose X-Forwarded-For is believed (Express's "trust proxy", e.g. "loopback"); none by default. */
  TRUST_PROXY: z.string().min(1).optional(),
  /**
   * How long a job may run before it is tried again whatever its worker does; unset, the longest pg-boss allows
   * (just under a day): a worker that dies is noticed by its liveness lock, not by its job's expiry.
   */
  JOB_EXPIRE_SECONDS: z.coerce.number().int().min(1).max(86_399).optional(),
  /** How often a working process looks for jobs whose worker has stopped (its liveness lock is free). */
  JOB_LIVENESS_SECONDS: z.coerce.number().min(0.1).max(3600).optional(),
  /** How often pg-boss's maintenance runs (expired jobs, the archive). */
  JOB_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  JOB_POLLING_SECONDS: z.coerce.number().min(0.5).max(600).default(2),
  /** How many threads read PDFs (in each process): by default one per core. */
  PDF_READERS: z.coerce.number().int().min(1).max(64).optional(),
})

export type Config = z.infer<typeof EnvSchema> & { store: StoreTarget; secureCookies: boolean; jobs: QueueTimings }

/** One place that reads the environment; a bad value stops start-up with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success)
    throw new Error(
      `Invalid configuration: ${parsed.error.issues.map(i => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    )
  const c = parsed.data
  if (Boolean(c.INSPECTORATE_ADMIN_EMAIL) !== Boolean(c.INSPECTORATE_ADMIN_PASSWORD))
    throw new Error(
      'Invalid configuration: set both INSPECTORATE_ADMIN_EMAIL and INSPECTORATE_ADMIN_PASSWORD to create the first administrator, or neither',
    )
  if (c.DATABASE_OWNER_URL && !c.DATABASE_URL)
    throw new Error('Invalid configuration: DATABASE_OWNER_URL is used only with DATABASE_URL (the service’s own role)')
  const store: StoreTarget = c.DATABASE_URL
    ? { kind: 'postgres', url: c.DATABASE_URL, ...(c.DATABASE_OWNER_URL ? { ownerUrl: c.DATABASE_OWNER_URL } : {}) }
    : { kind: 'pglite', dataDir: resolve(c.INSPECTORATE_DATA) }
  const secureCookies = c.SECURE_COOKIES ? c.SECURE_COOKIES === 'true' : c.NODE_ENV === 'production'
  const jobs: QueueTimings = {
    ...(c.JOB_EXPIRE_SECONDS ? { expireInSeconds: c.JOB_EXPIRE_SECONDS } : {}),
    ...(c.JOB_LIVENESS_SECONDS ? { livenessIntervalSeconds: c.JOB_LIVENESS_SECONDS } : {}),
    maintenanceIntervalSeconds: c.JOB_MAINTENANCE_SECONDS,
    pollingIntervalSeconds: c.JOB_POLLING_SECONDS,
  }
  return { ...c, store, secureCookies, jobs }
}
