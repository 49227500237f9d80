import { spawn } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bundleCli, removeBundles } from '../support/bundle.js'
import { type CliResult, cli, tempDataDir } from '../support/cli.js'

/** The command line, built once (test/support/bundle.ts): it starts as plain node. */
let entry = ''
beforeAll(async () => {
  entry = await bundleCli()
})
afterAll(removeBundles)

/** The one test that starts the command line as its own process: every other CLI test runs it in-process. */
function spawnCli(...args: string[]): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, INSPECTORATE_DATA: tempDataDir(), LOG_LEVEL: 'warn' }
  delete env.DATABASE_URL
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [entry, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    p.stdout.setEncoding('utf8').on('data', d => {
      stdout += d
    })
    p.stderr.setEncoding('utf8').on('data', d => {
      stderr += d
    })
    p.on('error', reject)
    p.on('close', status => resolve({ status, stdout, stderr }))
  })
}

describe('the inspectorate binary', () => {
  it('prints, sets its exit code from a domain error and from a usage error, and ends', async () => {
    // Three processes at once: each ends by itself, or this test times out.
    const [listed, missing, unknown] = await Promise.all([
      spawnCli('frameworks', '--json'),
      spawnCli('ingest', '/nonexistent/report.pdf'),
      spawnCli('assessment', 'frobnicate'),
    ])
    expect(listed.status).toBe(0)
    expect((JSON.parse(listed.stdout) as { id: string }[]).map(f => f.id)).toContain('slac-2012')

    expect(missing.status).toBe(2)
    expect(missing.stderr).toBe('Error: No such file or folder: /nonexistent/report.pdf\n')

    expect(unknown.status).toBe(1)
    expect(unknown.stderr).toMatch(/unknown command 'frobnicate'/)
    expect(unknown.stdout).toBe('')

    // In-process, the same commands answer the same, and this process goes on.
    for (const [args, r] of [
      [['ingest', '/nonexistent/report.pdf'], missing],
      [['assessment', 'frobnicate'], unknown],
    ] as const)
      expect(cli(tempDataDir(), ...args)).toEqual({ status: r.status, stdout: r.stdout, stderr: r.stderr })
  })
})
