import { describe, expect, it } from 'vitest'
import { getFramework } from '../../src/domain/index.js'
import { isStructuralHeading } from '../../src/ingest/judgements.js'
import { findRecommendationBlocks } from '../../src/ingest/recommendations.js'
import { Text } from '../../src/ingest/text.js'

// A SIF report numbers every paragraph; its recommendations stand under the council's "need to improve" heading.
const sif = getFramework('sif-2013')
const ilacs = getFramework('ilacs-2018')

function recommendations(lines: string[], framework = sif): { timescale: string; text: string }[] {
  const text = new Text(lines.join('\n'))
  return findRecommendationBlocks(
    text,
    framework,
    () => undefined,
    l => isStructuralHeading(framework, l),
  ).flatMap(b => b.items.map(i => ({ timescale: b.timescale.id, text: i.text })))
}

describe('recommendations as printed in numbered paragraphs', () => {
  it('reads on past a note at the foot of a page and a topic heading when the numbering goes on', () => {
    const got = recommendations([
      'Areas for improvement',
      '',
      '7. Make sure that every plan has a date by which it is reviewed.',
      '',
      '',
      'In this council children in care are called our children; this report uses that name.',
      '',
      'Quality of practice',
      '',
      '8. Check that visits to children happen as often as their plans say.',
      '',
      'The council has these strengths:',
      '',
      '9. Leaders know their services well.',
    ])
    expect(got.map(r => r.text)).toEqual([
      'Make sure that every plan has a date by which it is reviewed.',
      'Check that visits to children happen as often as their plans say.',
    ])
  })

  it('stops at a heading over numbered paragraphs after a list of bullets', () => {
    const got = recommendations(
      [
        'What needs to improve?',
        '• Tracking of children in pre-proceedings.',
        '• Oversight of permanence for children in long-term foster care.',
        '',
        'Experiences and progress of children who need help and protection: good',
        '1. Leaders reviewed early help services and now target them at need.',
        '2. Contacts and referrals are managed well.',
      ],
      ilacs,
    )
    expect(got.map(r => r.text)).toEqual([
      'Tracking of children in pre-proceedings.',
      'Oversight of permanence for children in long-term foster care.',
    ])
  })

  it('stops where the numbering does not go on, or a list of another kind begins', () => {
    const item = 'Make sure that every plan has a date by which it is reviewed.'
    const after = [
      ['A paragraph about something else entirely.', '', '12. Leaders know their services well.'],
      ['Summary for the young', '• Most workers see children often.', '• Plans are clear.'],
    ]
    for (const lines of after)
      expect(recommendations(['Areas for improvement', '', `7. ${item}`, '', ...lines]).map(r => r.text)).toEqual([
        item,
      ])
  })

  it('joins an item across a page break that falls before a name', () => {
    const got = recommendations([
      'Areas for improvement',
      '',
      '7. Make sure that in planning for permanence thought is given to',
      '',
      '',
      'Early Permanence placements where they suit the child.',
      '',
      '8. Check that visits happen as often as plans say.',
    ])
    expect(got.map(r => r.text)).toEqual([
      'Make sure that in planning for permanence thought is given to Early Permanence placements where they suit the child.',
      'Check that visits happen as often as plans say.',
    ])
  })

  it('does not take a sentence saying there are none of a kind for a recommendation', () => {
    const got = recommendations([
      'What does the local authority need to improve?',
      '',
      'There are no priority or immediate actions.',
      '',
      'Priority and immediate action',
      '',
      '6. No areas for priority and immediate action were found by inspectors.',
      '',
      'Areas for improvement',
      '',
      '7. Ensure that no areas for improvement named at the last inspection are left without a plan to meet them.',
    ])
    expect(got).toEqual([
      {
        timescale: 'area-for-improvement',
        text: 'Ensure that no areas for improvement named at the last inspection are left without a plan to meet them.',
      },
    ])
  })

  it('does not run on into the numbered paragraphs of the report under a heading, or past a grade', () => {
    const item = 'Ensure that the board audits the work of every agency.'
    const after = [
      ['Inspection judgement about the Board', 'The effectiveness of the Board requires improvement.'],
      ['Requires improvement'],
    ]
    for (const lines of after)
      expect(
        recommendations([
          'Areas for improvement',
          '',
          `145. ${item}`,
          '',
          ...lines,
          '',
          '146. The Board has a new chair who has made a good start.',
          '147. Audits are not yet used well.',
        ]).map(r => r.text),
      ).toEqual([item])
  })

  it('reads an item on past a note printed across it, and keeps its timescale under a heading of its own', () => {
    const got = recommendations([
      'What does the local authority need to improve?',
      'Areas for improvement',
      '• Ensure that in planning for permanence thought is given to the',
      '',
      'The council was given the chance to check this section of the report.',
      '',
      'needs of brothers and sisters.',
      '• Check that visits happen as often as plans say.',
    ])
    expect(got).toEqual([
      {
        timescale: 'area-for-improvement',
        text: 'Ensure that in planning for permanence thought is given to the needs of brothers and sisters.',
      },
      { timescale: 'area-for-improvement', text: 'Check that visits happen as often as plans say.' },
    ])
  })

  it('reads a bullet’s wrapped last line as its own, even one that looks like a heading', () => {
    const got = recommendations(
      [
        'What needs to improve?',
        '',
        '◼ Safety planning with children and families. (Outcome 3, National',
        'Framework)',
        '◼ Help for care leavers. (Outcome 4, National Framework)',
      ],
      ilacs,
    )
    expect(got.map(r => r.text)).toEqual([
      'Safety planning with children and families. (Outcome 3, National Framework)',
      'Help for care leavers. (Outcome 4, National Framework)',
    ])
  })

  it('takes a bare "None" and a sentence naming the kind in fewer words for saying there are none', () => {
    for (const none of [
      'None.',
      'Nil',
      'There are no priority actions.',
      '6. Inspectors found no need for priority action.',
    ])
      expect(
        recommendations([
          'Priority and immediate action',
          '',
          none,
          '',
          'Areas for improvement',
          '',
          '7. Check that visits happen as often as plans say.',
        ]).map(r => r.timescale),
        none,
      ).toEqual(['area-for-improvement'])
  })

  it('keeps an item that reads like a sentence of none when the list holds others: it is one of them', () => {
    const items = [
      '1. Check that visits happen as often as plans say.',
      '2. Ensure that no priority action is delayed.',
      '3. Make sure that every plan has a date by which it is reviewed.',
    ]
    const got = recommendations(['Priority and immediate action', '', ...items.flatMap(i => [i, ''])])
    expect(got.map(r => r.text)).toEqual(items.map(i => i.slice(3)))
  })

  it('reads items printed straight under the council’s heading, with no timescale of their own', () => {
    const got = recommendations([
      'What does the local authority need to improve?',
      '',
      '13. Make sure that every plan has a date by which it is reviewed.',
      '',
      '14. Check that visits happen as often as plans say.',
    ])
    expect(got.map(r => r.timescale)).toEqual(['recommendation', 'recommendation'])
  })
})
