import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli, tempDataDir } from '../support/cli.js'

describe('inspectorate evidence add|list|link|purge', () => {
  it('records case audits with a file, links them, lists the log with its summary, and refuses what it must', () => {
    const dir = tempDataDir()
    const { id } = JSON.parse(
      cli(dir, 'assessment', 'create', '--framework', 'slac-2012', '--authority', 'E09000020', '--json').stdout,
    ) as { id: string }
    const judged = cli(
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
    expect(judged.status).toBe(0)
    const notes = join(dir, '..', 'audit-4471.txt')
    writeFileSync(notes, 'Plan reviewed monthly.\n')
    const added = cli(
      dir,
      'evidence',
      'add',
      id,
      ...['--kind', 'case-audit', '--title', 'Case file 4471', '--case-ref', 'CF-4471'],
      ...['--finding', 'planning=good', '--finding', 'childs-voice=adequate'],
      ...['--area', 'safeguarding.overall-effectiveness', '--file', notes, '--json'],
    )
    expect(added.stderr).toBe('')
    const item = JSON.parse(added.stdout)
    expect(item).toMatchObject({
      caseReference: 'CF-4471',
      findings: [
        { aspect: 'planning', rating: 'good' },
        { aspect: 'childs-voice', rating: 'adequate' },
      ],
      files: [{ fileName: 'audit-4471.txt', bytes: 23 }],
    })
    const meeting = cli(
      dir,
      'evidence',
      'add',
      id,
      '--kind',
      'meeting',
      '--title',
      'Team managers',
      '--participant',
      'Team manager=4',
    )
    expect(meeting.status).toBe(0)
    const meetingId = /^Recorded (\S+)/.exec(meeting.stdout)?.[1] as string
    const linked = cli(dir, 'evidence', 'link', id, meetingId, '--area', 'safeguarding.safe-and-feel-safe')
    expect(linked.stdout).toContain('informs: safeguarding.safe-and-feel-safe')

    const list = JSON.parse(cli(dir, 'evidence', 'list', id, '--kind', 'meeting', '--json').stdout)
    expect(list.summary).toBe('1 case file and 1 meeting or interview')
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([meetingId])

    // A name is not a case reference; nothing is stored.
    const named = cli(dir, 'evidence', 'add', id, '--kind', 'case-audit', '--title', 'x', '--case-ref', 'Jane Smith')
    expect([named.status, named.stderr]).toEqual([2, expect.stringMatching(/never a child’s name/)])
    const badPair = cli(
      dir,
      'evidence',
      'add',
      id,
      '--kind',
      'case-audit',
      '--title',
      'x',
      '--case-ref',
      '9',
      '--finding',
      'planning',
    )
    expect([badPair.status, badPair.stderr]).toEqual([2, expect.stringMatching(/NAME=VALUE/)])
    // Only the team sees it; only an administrator purges.
    expect(cli(dir, 'evidence', 'list', id, '--as', 'authority-officer').status).toBe(3)
    expect(cli(dir, 'evidence', 'purge', '--as', 'inspector').status).toBe(5)
  }, 600_000)
})
