import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrationProvider } from '../../src/store/migrations/index.js'
import { cli, tempDataDir } from '../support/cli.js'
import { SEEDS_PRESENT } from '../support/seeds.js'
import { SEEDS_DIR } from '../support/shared.js'

describe('inspectorate command line', () => {
  it('db migrate applies the migrations once and then says the store is up to date', async () => {
    const dir = tempDataDir({ migrated: false })
    const first = cli(dir, 'db', 'migrate')
    // Every migration there is, in order, once.
    const all = Object.keys(await migrationProvider.getMigrations()).sort()
    expect(all.length).toBeGreaterThan(12)
    expect(first.stdout).toMatch(new RegExp(`: up to date \\(applied ${all.join(', ')}\\)\n$`))
    expect(cli(dir, 'db', 'migrate').stdout).toMatch(/: up to date\n$/)
  })

  it('verifies the audit log’s hash chain', () => {
    const dir = tempDataDir()
    expect(cli(dir, 'assessment', 'create', '--framework', 'rating-2009', '--authority', 'E08000025').status).toBe(0)
    const r = cli(dir, 'audit', 'verify')
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/^The audit log is intact: 1 chained entries\n$/)
  })

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
      ['lac-2013', 12],
      ['sif-2013', 7],
      ['ilacs-2018', 5],
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

describe('inspectorate ingest', () => {
  it.runIf(SEEDS_PRESENT)(
    'prints one JSON array with an entry per file, errors included, and exits 2 when a file failed',
    () => {
      const dir = tempDataDir()
      const bad = join(dir, '..', 'broken.pdf')
      writeFileSync(bad, '<!DOCTYPE html><html><body>Error 404</body></html>')
      const r = cli(dir, 'ingest', '--json', SEEDS_DIR, bad)
      expect(r.status).toBe(2)
      const out = JSON.parse(r.stdout) as Record<string, unknown>[]
      expect(out).toHaveLength(6)
      expect(out.at(-1)).toEqual({
        file: bad,
        error: 'the file is named .pdf but is an HTML page (a saved web or error page, not the report)',
      })
      const kent = out.find(o => o.framework === 'apa-2006') as {
        authority: unknown
        date: string
        judgements: { area: string; grade: number; level: string; source: { kind: string } }[]
        recommendations: { area: string | null; timescale: string; text: string }[]
      }
      expect(kent.authority).toEqual({ code: 'E10000016', name: 'Kent' })
      expect(kent.date).toBe('2006-11-01')
      expect(kent.judgements[1]).toMatchObject({
        area: "The council's overall capacity to improve its services for children and young people",
        grade: 4,
        level: 'outstanding',
        source: { kind: 'ingested' },
      })
      expect(kent.recommendations[0]).toMatchObject({
        area: null,
        timescale: 'Aspect for focus in a future joint area review or the next APA',
      })
      const text = cli(dir, 'ingest', '--dry-run', SEEDS_DIR)
      expect(text.status).toBe(0)
      expect(text.stdout.split('\n').filter(Boolean)).toHaveLength(5)
      expect(text.stdout).toMatch(
        /dry-run\tawaiting verification\tKent\tapa-2006\t2006-11-01\t8 judgements\t5 recommendations/,
      )
    },
    90_000,
  )
})

describe('inspectorate render', () => {
  it.runIf(SEEDS_PRESENT)(
    'writes one report as text and every published one as HTML; refuses without an id',
    () => {
      const dir = tempDataDir()
      expect(cli(dir, 'ingest', '--publish', SEEDS_DIR).status).toBe(0)
      const list = cli(dir, 'assessment', 'list', '--framework', 'apa-2008').stdout
      const id = list.split(' ')[0] ?? ''
      const file = join(dir, '..', 'letter.txt')
      expect(cli(dir, 'render', id, '--format', 'text', '--out', file).status).toBe(0)
      expect(readFileSync(file, 'utf8')).toMatch(/^17 December 2008\n\nMr Patrick Leeson/)
      const folder = join(dir, '..', 'html')
      const all = cli(dir, 'render', '--all', '--format', 'html', '--out', folder)
      expect(all.stdout).toMatch(/Wrote 5 HTML file\(s\)/)
      const none = cli(dir, 'render', '--format', 'html', '--out', folder)
      expect(none.status).toBe(2)
      expect(none.stderr).toMatch(/Name an assessment id, or use --all/)
    },
    90_000,
  )
})
