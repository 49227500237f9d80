import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { cli, tempDataDir } from '../support/cli.js'

/** The one test that starts the command line as its own process: every other CLI test runs it in-process. */
function spawnCli(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, INSPECTORATE_DATA: tempDataDir(), LOG_LEVEL: 'warn' }
  delete env.DATABASE_URL
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/entry.ts', ...args], { env, encoding: 'utf8' })
}

describe('the inspectorate binary', () => {
  it('prints, sets its exit code from a domain error and from a usage error, and ends', () => {
    const listed = spawnCli('frameworks', '--json')
    expect(listed.status).toBe(0)
    expect((JSON.parse(listed.stdout) as { id: string }[]).map(f => f.id)).toContain('slac-2012')

    const missing = spawnCli('ingest', '/nonexistent/report.pdf')
    expect(missing.status).toBe(2)
    expect(missing.stderr).toBe('Error: No such file or folder: /nonexistent/report.pdf\n')

    const unknown = spawnCli('assessment', 'frobnicate')
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
