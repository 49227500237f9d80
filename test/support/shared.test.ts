import { afterEach, describe, expect, it, vi } from 'vitest'
import { sharedAvailable } from './shared.js'

describe('shared material the tests read (../shared)', () => {
  afterEach(() => vi.unstubAllEnvs())

  it('under CI, its absence fails the run instead of skipping the tests that read it', () => {
    vi.stubEnv('CI', 'true')
    expect(() => sharedAvailable('/nonexistent/shared/corpus/', 'corpus tests')).toThrow(
      'corpus tests: /nonexistent/shared/corpus/ is absent, and under CI the tests that read it must run',
    )
    expect(sharedAvailable(import.meta.dirname, 'this folder')).toBe(true)
  })

  it('elsewhere, its absence skips them, saying so', () => {
    vi.stubEnv('CI', '')
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    expect(sharedAvailable('/nonexistent/shared/corpus/', 'corpus tests')).toBe(false)
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^SKIPPED: corpus tests — \/nonexistent\/shared\/corpus\//))
    warn.mockRestore()
  })
})
