import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli, tempDataDir } from '../support/cli.js'

const version = (dir: string, id: string) =>
  (JSON.parse(cli(dir, 'assessment', 'show', id, '--json').stdout) as { version: number }).version

describe('writing a report from scratch at the command line', () => {
  it('writes a 2012 report’s sections, its inspector’s title and its numbered paragraphs', () => {
    const dir = tempDataDir()
    const created = cli(dir, 'assessment', 'create', '--framework', 'slac-2012', '--authority', 'E09000020', '--json')
    const { id } = JSON.parse(created.stdout) as { id: string }
    const about = join(dir, '..', 'about.txt')
    writeFileSync(about, 'The inspection team met staff.\n\nInspectors read case files.\n')
    const service = join(dir, '..', 'service.txt')
    writeFileSync(service, 'The borough has 38 schools.\n')
    const details = cli(
      dir,
      'assessment',
      'details',
      id,
      '--version',
      '1',
      ...['--published', '2012-05-29', '--inspection-start', '2012-04-10', '--inspection-end', '2012-04-20'],
      ...['--inspector-name', 'Stephen Hart', '--inspector-title', 'HMI'],
      ...['--about-file', about, '--service-information-file', service, '--numbered-paragraphs'],
    )
    expect(details.stderr).toBe('')
    expect(details.status).toBe(0)
    const judged = cli(
      dir,
      'assessment',
      'judge',
      id,
      '--version',
      '2',
      ...['--area', 'safeguarding.overall-effectiveness', '--grade', '2'],
      ...['--narrative', 'The overall effectiveness of safeguarding services is good.'],
      ...['--strength', 'Strong partnerships', '--strength', 'Timely assessments'],
      ...['--area-for-development', 'Recording of decisions'],
    )
    expect(judged.stderr).toBe('')
    const shown = JSON.parse(cli(dir, 'assessment', 'show', id, '--json').stdout)
    expect(shown).toMatchObject({
      version: 3,
      reportingInspector: { name: 'Stephen Hart', title: 'HMI' },
      about: 'The inspection team met staff.\n\nInspectors read case files.\n',
      serviceInformation: 'The borough has 38 schools.\n',
      numberedParagraphs: true,
      judgements: [
        { strengths: ['Strong partnerships', 'Timely assessments'], areasForDevelopment: ['Recording of decisions'] },
      ],
    })
    const text = cli(dir, 'assessment', 'show', id)
    expect(text.stdout).toContain('reporting inspector: Stephen Hart, HMI')
    expect(text.stdout).toContain('about this inspection: 2 paragraph(s)')
  }, 120_000)

  it('writes a letter’s address, salutation, signature and progress on an earlier recommendation', () => {
    const dir = tempDataDir()
    const { id } = JSON.parse(
      cli(dir, 'assessment', 'create', '--framework', 'apa-2007', '--authority', 'E09000020', '--json').stdout,
    ) as { id: string }
    const details = cli(
      dir,
      'assessment',
      'details',
      id,
      '--version',
      '1',
      ...['--letter-date', '2007-11-26', '--addressee-name', 'Mrs Anne Marie Carrie'],
      ...[
        '--addressee-title',
        'Executive Director',
        '--addressee-organisation',
        'Royal Borough of Kensington and Chelsea',
      ],
      ...['--address-line', 'Town Hall', '--address-line', 'Hornton Street', '--salutation', 'Dear Ms Carrie'],
    )
    expect(details.stderr).toBe('')
    const recommended = cli(
      dir,
      'assessment',
      'recommend',
      id,
      '--version',
      '2',
      ...['--timescale', 'in-the-next-six-months', '--area', 'staying-safe', '--text', 'Reduce re-referrals.'],
      ...['--progress', 'Re-referrals have fallen.'],
    )
    expect(recommended.stderr).toBe('')
    const signed = cli(
      dir,
      'assessment',
      'sign',
      id,
      '--version',
      '3',
      ...[
        '--name',
        'Juliet Winstanley',
        '--title',
        'Divisional Manager',
        '--organisation',
        'Local Services Inspection',
      ],
    )
    expect(signed.stderr).toBe('')
    const shown = JSON.parse(cli(dir, 'assessment', 'show', id, '--json').stdout)
    expect(shown).toMatchObject({
      version: 4,
      addressee: { name: 'Mrs Anne Marie Carrie', title: 'Executive Director' },
      addressLines: ['Town Hall', 'Hornton Street'],
      salutation: 'Dear Ms Carrie',
      signatories: [
        { name: 'Juliet Winstanley', title: 'Divisional Manager', organisation: 'Local Services Inspection' },
      ],
      recommendations: [{ text: 'Reduce re-referrals.', progress: 'Re-referrals have fallen.' }],
    })
    // A part not given keeps what was there.
    expect(cli(dir, 'assessment', 'details', id, '--version', '4', '--addressee-title', 'Director').status).toBe(0)
    expect(JSON.parse(cli(dir, 'assessment', 'show', id, '--json').stdout).addressee).toEqual({
      name: 'Mrs Anne Marie Carrie',
      title: 'Director',
      organisation: 'Royal Borough of Kensington and Chelsea',
    })
  }, 120_000)

  it('refuses what the framework does not print, and bad input, with exit 2 naming the problem', () => {
    const dir = tempDataDir()
    const { id } = JSON.parse(
      cli(dir, 'assessment', 'create', '--framework', 'rating-2009', '--authority', 'E09000020', '--json').stdout,
    ) as { id: string }
    const numbered = cli(dir, 'assessment', 'details', id, '--version', '1', '--numbered-paragraphs')
    expect(numbered.status).toBe(2)
    expect(numbered.stderr).toMatch(/prints no numbered paragraphs/)
    const salutation = cli(dir, 'assessment', 'details', id, '--version', '1', '--salutation', 'Hello there')
    expect(salutation.status).toBe(2)
    expect(salutation.stderr).toMatch(/A salutation is written as the letter prints it/)
    const date = cli(dir, 'assessment', 'details', id, '--version', '1', '--letter-date', '2009-02-30')
    expect(date.status).toBe(2)
    expect(date.stderr).toMatch(/--letter-date must be a real date/)
    const strengths = cli(
      dir,
      'assessment',
      'judge',
      id,
      ...['--version', '1', '--area', 'childrens-services-rating', '--strength', 'Strong'],
    )
    expect(strengths.status).toBe(2)
    expect(strengths.stderr).toMatch(/prints no strengths/)
    const progress = cli(
      dir,
      'assessment',
      'recommend',
      id,
      ...['--version', '1', '--timescale', 'area-for-development', '--text', 'Act.', '--progress', 'Some'],
    )
    expect(progress.status).toBe(2)
    expect(progress.stderr).toMatch(/prints no progress under "Area for development"/)
    expect(version(dir, id)).toBe(1)
  }, 120_000)
})
