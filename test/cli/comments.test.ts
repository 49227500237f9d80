import { describe, expect, it } from 'vitest'
import { type CliResult, cli, cliWithInput, tempDataDir } from '../support/cli.js'

const PASSWORD = 'a long enough password\n'
const OFFICER = 'officer@example.org'
const OTHER_OFFICER = 'elsewhere@example.org'
const INSPECTOR = 'inspector@example.org'
const AREA = 'childrens-services-rating'

function ok(r: CliResult): string {
  expect(r.stderr).toBe('')
  expect(r.status).toBe(0)
  return r.stdout
}

/** Registered users, and a 2009 rating of Camden (E09000020) sent to its factual accuracy check. */
function atFactualCheck(dir: string): string {
  const user = (email: string, role: string, ...more: string[]) =>
    ok(
      cliWithInput(
        dir,
        PASSWORD,
        'users',
        'add',
        '--email',
        email,
        '--name',
        email.split('@')[0] ?? '',
        '--role',
        role,
        ...more,
      ),
    )
  user('admin@example.org', 'admin')
  user(OFFICER, 'authority-officer', '--authority', 'E09000020')
  user(OTHER_OFFICER, 'authority-officer', '--authority', 'E09000007')
  user(INSPECTOR, 'inspector')
  const { id } = JSON.parse(
    ok(cli(dir, 'assessment', 'create', '--framework', 'rating-2009', '--authority', 'E09000020', '--json')),
  ) as { id: string }
  ok(
    cli(
      dir,
      'assessment',
      'details',
      id,
      '--version',
      '1',
      '--letter-date',
      '2009-12-09',
      '--addressee-name',
      'Ms A Director',
    ),
  )
  ok(
    cli(
      dir,
      'assessment',
      'judge',
      id,
      '--version',
      '2',
      '--area',
      AREA,
      '--grade',
      '3',
      '--narrative',
      'The council performs well.',
    ),
  )
  ok(cli(dir, 'assessment', 'move', id, '--version', '3', '--to', 'quality-assurance'))
  ok(cli(dir, 'assessment', 'move', id, '--version', '4', '--to', 'factual-accuracy-check', '--as', 'quality-assurer'))
  return id
}

interface Listed {
  check: { unanswered: string[]; ended: { authorName: string } | null; open: boolean }
  comments: {
    id: string
    section: string
    text: string
    authorName: string
    answer: { outcome: string; text: string } | null
  }[]
}

describe('inspectorate comments list|add|answer|done', () => {
  it('lets an officer comment and end, an inspector answer, each as the registered user named; refuses bad input, storing nothing', () => {
    const dir = tempDataDir()
    const id = atFactualCheck(dir)
    const list = (email: string): Listed => JSON.parse(ok(cli(dir, 'comments', 'list', id, '--user', email, '--json')))

    const added = JSON.parse(
      ok(
        cli(
          dir,
          'comments',
          'add',
          id,
          '--user',
          OFFICER,
          '--section',
          AREA,
          '--text',
          'The date of the visit is wrong.',
          '--json',
        ),
      ),
    ) as { id: string; authorName: string }
    expect(added.authorName).toBe('officer')
    ok(cli(dir, 'comments', 'add', id, '--user', OFFICER, '--text', 'A name is misspelt.'))

    // Bad input: a clear message, its exit code, and nothing stored.
    const refusals: [string[], number, RegExp][] = [
      [['add', id, '--user', OFFICER, '--text', '   '], 2, /Enter your comment/],
      [
        ['add', id, '--user', OFFICER, '--section', 'no-such-area', '--text', 'x'],
        2,
        /"no-such-area" is not a section/,
      ],
      [['add', id, '--user', 'nobody@example.org', '--text', 'x'], 3, /No user nobody@example\.org/],
      // Another authority's officer, and an inspector, may not comment: the draft is not found for them.
      [['add', id, '--user', OTHER_OFFICER, '--text', 'x'], 3, /No assessment/],
      [['add', id, '--user', INSPECTOR, '--text', 'x'], 3, /No assessment/],
      [['add', id, '--text', 'x'], 1, /--user <email>' not specified/],
      // An officer may not answer.
      [['answer', id, added.id, '--user', OFFICER, '--outcome', 'accepted', '--text', 'x'], 3, /No assessment/],
      [
        ['answer', id, added.id, '--user', INSPECTOR, '--outcome', 'maybe', '--text', 'x'],
        1,
        /Allowed choices are accepted, not-accepted/,
      ],
      [
        ['answer', id, added.id, '--user', INSPECTOR, '--outcome', 'not-accepted', '--text', ' '],
        2,
        /Enter the reason it is not accepted/,
      ],
      [
        ['answer', id, 'no-such-comment', '--user', INSPECTOR, '--outcome', 'accepted', '--text', 'x'],
        3,
        /No comment no-such-comment/,
      ],
      [['done', id, '--user', INSPECTOR], 3, /No assessment/],
    ]
    for (const [args, status, message] of refusals) {
      const r = cli(dir, 'comments', ...args)
      expect([args.join(' '), r.status]).toEqual([args.join(' '), status])
      expect(r.stderr).toMatch(message)
    }
    const before = list(INSPECTOR)
    expect(before.comments.map(c => [c.section, c.text, c.answer])).toEqual([
      [AREA, 'The date of the visit is wrong.', null],
      ['general', 'A name is misspelt.', null],
    ])
    expect(before.check.unanswered).toHaveLength(2)
    // The other authority's officer sees nothing of it.
    expect(cli(dir, 'comments', 'list', id, '--user', OTHER_OFFICER).status).toBe(3)

    const answer = (text: string) =>
      cli(dir, 'comments', 'answer', id, added.id, '--user', INSPECTOR, '--outcome', 'accepted', '--text', text)
    expect(ok(answer('The date is corrected.'))).toContain('Accepted: the report is changed')
    const twice = answer('Again.')
    expect([twice.status, twice.stderr]).toEqual([2, expect.stringContaining('answered already')])

    expect(ok(cli(dir, 'comments', 'done', id, '--user', OFFICER))).toContain('No more comments')
    const late = cli(dir, 'comments', 'add', id, '--user', OFFICER, '--text', 'One more.')
    expect([late.status, late.stderr]).toEqual([2, expect.stringContaining('the comments are closed')])
    expect(cli(dir, 'comments', 'done', id, '--user', OFFICER).status).toBe(2)

    const mine = list(OFFICER)
    expect(mine.check).toMatchObject({
      ended: { authorName: 'officer' },
      open: false,
      unanswered: [expect.any(String)],
    })
    expect(mine.comments.map(c => c.answer?.text ?? null)).toEqual(['The date is corrected.', null])
    const text = ok(cli(dir, 'comments', 'list', id, '--user', OFFICER))
    expect(text).toContain('answer: Accepted: the report is changed (inspector): The date is corrected.')
    expect(text).toContain('on the report as a whole')
    expect(text).toContain('2 comment(s), 1 unanswered; no more comments (officer, ')
  }, 600_000)
})
