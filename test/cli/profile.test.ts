import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli, tempDataDir } from '../support/cli.js'

describe('the performance profile on the command line', () => {
  it('generates plausible synthetic data for every 2009 council and calls the rating the inspector’s judgement', () => {
    const dir = tempDataDir()
    const out = join(mkdtempSync(join(tmpdir(), 'inspectorate-synthetic-')), 'files')
    const generated = cli(
      dir,
      ...['data', 'generate', '--out', out, '--years', '2009', '--indicators', '30', '--settings', '4000', '--import'],
    )
    expect(generated.stderr).toBe('')
    expect(generated.stdout).toMatch(/Wrote 5 SYNTHETIC files/)

    // Dorset county, abolished in 2019, has invented neighbours: its profile is compared and banded.
    const show = cli(dir, 'profile', 'show', 'E10000009', '--year', '2009')
    expect(show.stdout).toMatch(/: 10 similar areas/)
    expect(show.stdout).toMatch(
      /NI 70 .*similar areas .*\((well above, much worse|above, worse|in line|below, better|well below, much better)\)/,
    )

    const suggest = cli(dir, 'profile', 'suggest', '--year', '2009')
    expect(suggest.stdout.split('\n')[0]).toMatch(
      /^Suggested ratings, to inform each inspector's judgement\. The rating is the inspector's holistic judgement\./,
    )
    expect(suggest.stdout).toMatch(/^E10000009 {2}Performs \w+ \(\d\)$/m)

    const created = cli(dir, 'assessment', 'create', '--framework', 'rating-2009', '--authority', 'E10000009', '--json')
    const { id } = JSON.parse(created.stdout) as { id: string }
    const kept = cli(dir, 'assessment', 'suggest', id, '--version', '1')
    expect(kept.stdout).toMatch(/^The profile suggests: Performs \w+ \(\d\);/)
    expect(kept.stdout).toContain("The rating is the inspector's holistic judgement.")
    expect(kept.stdout).toMatch(/\* Starting point: the weakest block \[hypothesis\]: /)
    expect(kept.stdout).toMatch(
      /Inspected services and settings \[inferred\]: \d+% of \d+ inspected services and settings judged good or better/,
    )
  }, 300_000)
})
