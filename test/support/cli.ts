import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface CliResult {
  status: number | null
  stdout: string
  stderr: string
}

/** A fresh embedded data directory for one CLI test. */
export function tempDataDir(): string {
  return join(mkdtempSync(join(tmpdir(), 'inspectorate-cli-')), 'data')
}

/** Runs `inspectorate ARGS` from source as a separate process on the given embedded data directory. */
export function cli(dataDir: string, ...args: string[]): CliResult {
  return cliWithInput(dataDir, '', ...args)
}

/** The same, with text on standard input (a password, say). */
export function cliWithInput(dataDir: string, input: string, ...args: string[]): CliResult {
  const env: NodeJS.ProcessEnv = { ...process.env, INSPECTORATE_DATA: dataDir, LOG_LEVEL: 'warn' }
  delete env.DATABASE_URL
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/entry.ts', ...args], {
    env,
    encoding: 'utf8',
    input,
  })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}
