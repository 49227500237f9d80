import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { cliWithInput, tempDataDir } from '../support/cli.js'

describe('users at the command line', () => {
  it('adds the first administrator with a piped password, then further users; refuses bad input by name', () => {
    const dir = tempDataDir()
    const add = (input: string, ...args: string[]) => cliWithInput(dir, input, 'users', 'add', ...args)
    const notAdmin = add('a long enough password\n', '--email', 'i@example.org', '--name', 'I', '--role', 'inspector')
    expect(notAdmin.status).toBe(2)
    expect(notAdmin.stderr).toContain('The first user must be an administrator')
    const short = add('short\n', '--email', 'a@example.org', '--name', 'Ada', '--role', 'admin')
    expect(short.status).toBe(2)
    expect(short.stderr).toContain('at least 12 characters')
    const admin = add('a long enough password\n', '--email', 'A@Example.org', '--name', 'Ada', '--role', 'admin')
    expect(admin.status).toBe(0)
    expect(admin.stdout).toMatch(/^Added a@example\.org \(administrator\)/)
    const officer = add(
      'another long password\n',
      '--email',
      'o@example.org',
      '--name',
      'O',
      '--role',
      'authority-officer',
    )
    expect(officer.status).toBe(2)
    expect(officer.stderr).toContain('An authority officer needs an authority')
    const ok = add(
      'another long password\n',
      '--email',
      'o@example.org',
      '--name',
      'O',
      '--role',
      'authority-officer',
      '--authority',
      'E09000020',
    )
    expect(ok.status).toBe(0)
    const twice = add('another long password\n', '--email', 'o@example.org', '--name', 'O', '--role', 'inspector')
    expect(twice.stderr).toContain('exists already')
    const list = cliWithInput(dir, '', 'users', 'list', '--json')
    expect((JSON.parse(list.stdout) as { email: string }[]).map(u => u.email)).toEqual([
      'a@example.org',
      'o@example.org',
    ])
    // No password or hash is ever printed.
    expect(list.stdout).not.toMatch(/argon2|password/)
  })

  it('needs both or neither of the first administrator’s environment settings', () => {
    expect(() => loadConfig({ INSPECTORATE_ADMIN_EMAIL: 'a@example.org' })).toThrow(
      /set both INSPECTORATE_ADMIN_EMAIL and INSPECTORATE_ADMIN_PASSWORD/,
    )
    expect(loadConfig({ NODE_ENV: 'production' }).secureCookies).toBe(true)
    expect(loadConfig({}).secureCookies).toBe(false)
  })

  it('leaves a job’s expiry to the queue unless it is set, and names a bad queue setting', () => {
    // Unset, a job expires only after the longest pg-boss allows: a stopped worker is noticed by its liveness lock.
    expect(loadConfig({}).jobs).toEqual({ maintenanceIntervalSeconds: 60, pollingIntervalSeconds: 2 })
    expect(loadConfig({ JOB_EXPIRE_SECONDS: '600', JOB_LIVENESS_SECONDS: '1' }).jobs).toMatchObject({
      expireInSeconds: 600,
      livenessIntervalSeconds: 1,
    })
    expect(() => loadConfig({ JOB_EXPIRE_SECONDS: '86400' })).toThrow(/JOB_EXPIRE_SECONDS/)
    expect(() => loadConfig({ JOB_LIVENESS_SECONDS: 'soon' })).toThrow(/JOB_LIVENESS_SECONDS/)
  })

  it('reads PDFs on one thread per core unless PDF_READERS says how many, and names a bad count', () => {
    expect(loadConfig({}).PDF_READERS).toBeUndefined()
    expect(loadConfig({ PDF_READERS: '1' }).PDF_READERS).toBe(1)
    expect(() => loadConfig({ PDF_READERS: '0' })).toThrow(/PDF_READERS/)
    expect(() => loadConfig({ PDF_READERS: 'all' })).toThrow(/PDF_READERS/)
  })
})
