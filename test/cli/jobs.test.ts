import { describe, expect, it } from 'vitest'
import { cli, tempDataDir } from '../support/cli.js'
import { SEEDS_PRESENT, seedNames } from '../support/seeds.js'
import { SEEDS_DIR } from '../support/shared.js'

/** Long work from the command line: submitted as a job, worked on in this process, followed to its end. */
describe.runIf(SEEDS_PRESENT)('inspectorate ingest --job, and jobs list|show', () => {
  it('reads the seeds as one job, lists it and shows what became of each file', () => {
    const dir = tempDataDir()
    const files = seedNames().map(n => `${SEEDS_DIR}${n}`)
    const run = cli(dir, 'ingest', '--job', '--publish', ...files)
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout.trim().split('\n')).toHaveLength(files.length)
    expect(run.stdout).toContain('\tcreated')

    const list = cli(dir, 'jobs', 'list', '--json')
    expect(list.status).toBe(0)
    const [job] = JSON.parse(list.stdout) as { id: string; state: string; done: number; total: number }[]
    expect(job).toMatchObject({ state: 'completed', done: files.length, total: files.length })
    const show = cli(dir, 'jobs', 'show', job?.id ?? '')
    expect(show.status).toBe(0)
    expect(show.stdout).toContain('completed')
    expect(show.stdout).toContain('"created": 5')

    // Another person does not learn of it; a dry run is no job.
    expect(cli(dir, 'jobs', 'show', job?.id ?? '', '--as', 'inspector', '--user', 'someone').status).toBe(3)
    const dry = cli(dir, 'ingest', '--job', '--dry-run', files[0] as string)
    expect(dry.status).toBe(2)
    expect(dry.stderr).toContain('leave out --dry-run')
  })
})

describe('inspectorate jobs show', () => {
  it("says a job is not there, whether the id is no job's or not an id at all", () => {
    const dir = tempDataDir()
    for (const id of ['00000000-0000-4000-8000-000000000000', 'nope'])
      expect(cli(dir, 'jobs', 'show', id)).toEqual({ status: 3, stdout: '', stderr: `Error: No job ${id}\n` })
  })
})
