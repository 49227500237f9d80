import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { userInfo } from 'node:os'
import { InvalidArgumentError, Option } from 'commander'
import type { Context } from '../app/assessments.js'
import { loadConfig } from '../config.js'
import { type Actor, DomainError, ROLES, type Role } from '../domain/index.js'
import { openStore } from '../store/store.js'

export const EXIT_CODES: Record<DomainError['code'], number> = {
  invalid: 2,
  'not-found': 3,
  conflict: 4,
  forbidden: 5,
  immutable: 6,
}

export function out(text: string): void {
  process.stdout.write(`${text}\n`)
}

export function json(value: unknown): void {
  out(JSON.stringify(value, null, 2))
}

export async function withStore<T>(work: (ctx: Context) => Promise<T>): Promise<T> {
  const store = await openStore(loadConfig().store)
  try {
    return await work({ store, now: () => new Date(), newId: randomUUID })
  } finally {
    await store.close()
  }
}

export function readInput(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (e) {
    throw new DomainError(
      'invalid',
      `Cannot read the ${what} ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    )
  }
}

export function integer(value: string): number {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError('must be a whole number')
  return Number(value)
}

/** The operator at the command line, acting in the role they name. */
export function actorOf(options: { as: Role; user?: string; authority?: string }): Actor {
  return {
    id: options.user ?? `cli:${userInfo().username}`,
    role: options.as,
    ...(options.authority ? { authorityCode: options.authority } : {}),
  }
}

export const roleOption = (fallback: Role) =>
  new Option('--as <role>', 'the role to act in').choices(ROLES).default(fallback)
export const userOption = () =>
  new Option('--user <id>', 'who is acting, for the audit log (default: cli:<login name>)')
