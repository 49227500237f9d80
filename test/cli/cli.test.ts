import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli, tempDataDir } from '../support/cli.js'

describe('inspectorate command line', () => {
  it('lists the frameworks with their scales and areas, as text and JSON', () => {
    const dir = tempDataDir()
    const text = cli(dir, 'frameworks')
    expect(text.status).toBe(0)
    expect(text.stdout).toMatch(/slac-2012 {2}Inspection of safeguarding and looked after children services \(2012\)/)
    expect(text.stdout).toMatch(/scale: 1 Outstanding, 2 Good, 3 Adequate, 4 Inadequate/)
    const parsed = JSON.parse(cli(dir, 'frameworks', '--json').stdout) as { id: string; areas: unknown[] }[]
    expect(parsed.map(f => [f.id, f.areas.length])).toEqual([
      ['apa-2006', 8],
      ['apa-2007', 7],
      ['apa-2008', 7],
      ['rating-2009', 1],
      ['slac-2012', 22],
    ])
  })

  it('answers bad input with a message naming the problem, a non-zero exit and nothing written', () => {
    const dir = tempDataDir()
    const unknown = cli(dir, 'assessment', 'create', '--framework', 'apa-1999', '--authority', 'E09000020')
    expect(unknown.status).not.toBe(0)
    expect(unknown.stderr).toMatch(/Unknown framework "apa-1999"/)

    const created = cli(dir, 'assessment', 'create', '--framework', 'apa-2008', '--authority', 'E09000021', '--json')
    expect(created.status).toBe(0)
    const { id } = JSON.parse(created.stdout) as { id: string }
    const offScale = cli(dir, 'assessment', 'judge', id, '--version', '1', '--area', 'being-healthy', '--grade', '7')
    expect(offScale.status).toBe(2)
    expect(offScale.stderr).toMatch(/Grade 7 is not on the apa-2008 scale/)

    const judged = cli(dir, 'assessment', 'judge', id, '--version', '1', '--area', 'being-healthy', '--grade', '3')
    expect(judged.status).toBe(0)
    const stale = cli(dir, 'assessment', 'judge', id, '--version', '1', '--area', 'staying-safe', '--grade', '4')
    expect(stale.status).toBe(4)
    expect(stale.stderr).toMatch(/changed by someone else/)

    const shown = JSON.parse(cli(dir, 'assessment', 'show', id, '--json').stdout) as {
      version: number
      judgements: { areaId: string; grade: number; level: string }[]
    }
    expect(shown.version).toBe(2)
    expect(shown.judgements).toMatchObject([{ areaId: 'being-healthy', grade: 3, level: 'good' }])

    const malformed = join(dir, '..', 'bad.json')
    writeFileSync(malformed, '{"format": "inspectorate-export", "version": 1}')
    const imported = cli(dir, 'import', malformed)
    expect(imported.status).toBe(2)
    expect(imported.stderr).toMatch(/authorities: Invalid input/)
  }, 60_000)

  it('exports and re-imports a store losslessly', () => {
    const dir = tempDataDir()
    const { id } = JSON.parse(
      cli(dir, 'assessment', 'create', '--framework', 'slac-2012', '--authority', 'E09000020', '--json').stdout,
    ) as { id: string }
    cli(
      dir,
      'assessment',
      'judge',
      id,
      '--version',
      '1',
      '--area',
      'safeguarding.overall-effectiveness',
      '--grade',
      '2',
    )
    const first = join(dir, '..', 'first.json')
    const second = join(dir, '..', 'second.json')
    expect(cli(dir, 'export', '--out', first).status).toBe(0)
    const empty = tempDataDir()
    const imported = cli(empty, 'import', first)
    expect(imported.stderr).toBe('')
    expect(imported.stdout).toMatch(/Imported 1 assessments and 2 audit entries/)
    expect(cli(empty, 'export', '--out', second).status).toBe(0)
    expect(readFileSync(second, 'utf8')).toBe(readFileSync(first, 'utf8'))
    expect(cli(empty, 'import', first).stderr).toMatch(/Import needs an empty store/)
  }, 60_000)
})
