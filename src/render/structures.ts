import {
  type Area,
  type Assessment,
  areasOf,
  type Edition,
  editionFor,
  type Framework,
  framingKey,
  headlineJudgement,
  type LayoutBlock,
  labelIn,
  longDate,
  type Person,
  pointFor,
  pointForLevel,
  pointsBestFirst,
  type Recommendation,
} from '../domain/index.js'
import type { Block } from './document.js'
import { fill, holds, Scope } from './template.js'

/** "10-20 April 2012", "28 March – 8 April 2011". */
function dateRange(start: string, end: string): string {
  const [a, b] = [longDate(start).split(' '), longDate(end).split(' ')]
  if (a[1] === b[1] && a[2] === b[2]) return `${a[0]}-${longDate(end)}`
  return `${longDate(start)} – ${longDate(end)}`
}

export interface Context {
  a: Assessment
  f: Framework
  authorityName: string
}

/**
 * A draft carries no publication mark, even with its planned date recorded; nor does a report whose date was not
 * printed in it (taken from its file's name).
 */
const printsPublication = (a: Assessment) =>
  a.status === 'published' && a.provenance['dates.published']?.kind !== 'file-name'

/*
 * A framework's documentStructure is its layout: blocks printed in order, every word of them the framework's own
 * or the inspector's: where a person wrote a sentence (a salutation, a section), it is printed as written, and
 * none is made up in its place.
 * The values templates print, by where they stand:
 *   anywhere: framework, year, authority, organisation (the addressee's, else the authority), letterDate,
 *     periodStart, periodEnd, published (on a published report that prints it), inspectionDates ("5 May 2012",
 *     "10-20 April 2012"), inspectionRange (a range even for one day), summary, salutation (as written), about
 *     (the section about the inspection, as written), serviceInformation (as written), addressee.name, addressee.title,
 *     addressee.organisation, addressee.firstWord, addressee.lastWord, inspector.name, inspector.title, set.<id>
 *     (a descriptor set's label);
 *   an area (forEachArea, table rows, strengths, a recommendation's area): id, label (as its edition prints it),
 *     number, role, gradedAs (number, narrative, none), part, group, value (the grade's number), grade (its label),
 *     levelWord (the first word of its level), narrative, written (it has a narrative, strengths or areas for
 *     development), statedJudgement (the judgement its narrative states in its opening), alsoPrintedAs.first,
 *     alsoPrintedAs.last;
 *   a part or a group: part, group; a scale point: value, label, descriptor.<set>; a person: name, title,
 *     organisation; an address line: line; a recommendation: text, progress, timescale, n (its number in the
 *     block); a figure: value.
 * Blocks: heading, paragraph, paragraphs (a text split at blank lines; only its first or the rest), either of them
 * numbered (1., 2., … through the document, where the assessment asks for numbered paragraphs), lines, list (items,
 * an item per part, items printed only where their conditions hold), people (the addressee, with the address lines
 * of an item per line, or each signatory, as lines), gradeTable (a row per area; under part and group rows where it
 * has them), scaleTable (a row per point, best first), scaleSentence (the points in one sentence), strengths (a row
 * per area with strengths or areas for development), items (the area's strengths, or its areas for development, as
 * a list), figures (the sentences of the figures recorded, as one paragraph), recommendations (those of the area or
 * part the block stands in, else all; under each timescale or area; as a list, or as blocks per item), forEachArea,
 * forEachPart, forEachGroup. A paragraph marked as framing (the framework's fixed paragraph that frames what the
 * inspector wrote, a grade's opening sentence say) prints the inspector's own wording for its place where they wrote
 * one, whatever its conditions, and else the framework's: never both.
 */

interface Place {
  scope: Scope
  partId?: string
  groupId?: string
  areaId?: string
}

/** A framing paragraph of the layout in one place, and what it prints there. */
export interface FramingPrint {
  key: string
  /** The framework's paragraph as it would print here, where its conditions hold and its values are there. */
  fixed: string | undefined
  /** The inspector's own, printed instead of it. */
  own: string | undefined
  /** What the report prints here, number and all; undefined where it prints nothing (the block it heads is empty). */
  printed: string | undefined
}

const AREA_VALUES = [
  'id',
  'label',
  'number',
  'role',
  'gradedAs',
  'part',
  'group',
  'value',
  'grade',
  'levelWord',
  'narrative',
  'written',
  'statedJudgement',
  'alsoPrintedAs.first',
  'alsoPrintedAs.last',
]

function paragraphs(text: string): { kind: 'paragraph'; text: string }[] {
  return text
    .split(/\n\s*\n/)
    .map(p => p.trim())
    .filter(Boolean)
    .map(p => ({ kind: 'paragraph', text: p }))
}

class Printer {
  private readonly edition: Edition | undefined
  private readonly areas: Area[]
  /** The number of the last paragraph numbered. */
  private numbered = 0
  /** Framing paragraphs met, whether printed or not. */
  readonly framings: FramingPrint[] = []
  /** Laying out what is not printed (the blocks before an empty one), only to see the framing paragraphs in it. */
  private unprinted = false

  constructor(private readonly c: Context) {
    this.edition = editionFor(c.f, c.a.dates)
    this.areas = areasOf(c.f, this.edition)
  }

  document(): Block[] {
    const { a, f, authorityName } = this.c
    const { dates } = a
    const person = (p: Person | null, key: keyof Person) => () => p?.[key] ?? undefined
    const words = () => a.addressee?.name.split(/\s+/) ?? []
    const values: Record<string, string | undefined | (() => string | undefined)> = {
      framework: f.name,
      year: String(f.year),
      authority: authorityName,
      organisation: a.addressee?.organisation ?? authorityName,
      letterDate: () => (dates.letter ? longDate(dates.letter) : undefined),
      periodStart: () => (dates.periodStart && dates.periodEnd ? longDate(dates.periodStart) : undefined),
      periodEnd: () => (dates.periodStart && dates.periodEnd ? longDate(dates.periodEnd) : undefined),
      published: () => (dates.published && printsPublication(a) ? longDate(dates.published) : undefined),
      inspectionDates: () => {
        if (!dates.inspectionStart || !dates.inspectionEnd) return undefined
        return dates.inspectionStart === dates.inspectionEnd
          ? longDate(dates.inspectionStart)
          : dateRange(dates.inspectionStart, dates.inspectionEnd)
      },
      inspectionRange: () =>
        dates.inspectionStart && dates.inspectionEnd
          ? dateRange(dates.inspectionStart, dates.inspectionEnd)
          : undefined,
      summary: a.summary,
      salutation: a.salutation,
      about: a.about,
      serviceInformation: a.serviceInformation,
      'addressee.name': person(a.addressee, 'name'),
      'addressee.title': person(a.addressee, 'title'),
      'addressee.organisation': person(a.addressee, 'organisation'),
      'addressee.firstWord': () => words()[0],
      'addressee.lastWord': () => words().at(-1),
      'inspector.name': person(a.reportingInspector, 'name'),
      'inspector.title': person(a.reportingInspector, 'title'),
    }
    for (const s of f.scale.descriptorSets) values[`set.${s.id}`] = s.label
    const scope = new Scope(values, undefined, f.documentStructure.phrases)
    return this.blocks(f.documentStructure.blocks, { scope })
  }

  /** A paragraph's text with its number in front, where the block is numbered and the assessment numbers them. */
  private number(text: string, numbered: boolean | undefined): string {
    return numbered && this.c.a.numberedParagraphs ? `${++this.numbered}. ${text}` : text
  }

  private blocks(list: LayoutBlock[], at: Place): Block[] {
    return list.flatMap(b => this.block(b, at))
  }

  private block(b: LayoutBlock, at: Place): Block[] {
    if (b.block === 'paragraph' && b.framing) return this.framing(b, b.framing.id, at)
    if (!holds(b.when, at.scope)) return []
    const [printed, shown] = this.print(b, at)
    if (shown && b.before) return [...this.blocks(b.before, at), ...printed]
    if (b.before) this.unprintedBlocks(b.before, at)
    return printed
  }

  /** Goes through blocks that are not printed, for the framing paragraphs in them. */
  private unprintedBlocks(list: LayoutBlock[], at: Place): void {
    const [numbered, unprinted] = [this.numbered, this.unprinted]
    this.unprinted = true
    this.blocks(list, at)
    ;[this.numbered, this.unprinted] = [numbered, unprinted]
  }

  /**
   * A framing paragraph: the inspector's own wording where they wrote one (printed whatever the framework's
   * conditions say: everything entered is printed), else the framework's paragraph where its conditions hold.
   */
  private framing(b: Extract<LayoutBlock, { block: 'paragraph' }>, id: string, at: Place): Block[] {
    const key = framingKey(id, at.areaId ?? at.partId)
    const own = this.c.a.framing[key]
    const fixed = holds(b.when, at.scope) ? fill(b.text, at.scope) : undefined
    const text = own ?? fixed
    const printed = text ? this.number(text, b.numbered) : undefined
    this.framings.push({ key, fixed, own, printed: this.unprinted ? undefined : printed })
    return printed ? [{ kind: 'paragraph', text: printed }] : []
  }

  /** What a block prints, and whether it has something to show (what the blocks before it introduce). */
  private print(b: LayoutBlock, at: Place): [Block[], boolean] {
    const out = this.content(b, at)
    if (Array.isArray(out)) return [out, out.length > 0]
    return [out.blocks, out.shown]
  }

  private content(b: LayoutBlock, at: Place): Block[] | { blocks: Block[]; shown: boolean } {
    const { a, f } = this.c
    const scope = at.scope
    switch (b.block) {
      case 'heading': {
        const text = fill(b.text, scope)
        return text === undefined ? [] : [{ kind: 'heading', level: b.level, text }]
      }
      case 'paragraph': {
        const text = fill(b.text, scope)
        return text ? [{ kind: 'paragraph', text: this.number(text, b.numbered) }] : []
      }
      case 'paragraphs': {
        const all = paragraphs(fill(b.text, scope) ?? '')
        const shown = b.only === 'first' ? all.slice(0, 1) : b.only === 'rest' ? all.slice(1) : all
        return shown.map(p => ({ kind: 'paragraph', text: this.number(p.text, b.numbered) }))
      }
      case 'lines': {
        const lines = filled(b.lines, scope)
        return lines.length ? [{ kind: 'lines', lines }] : []
      }
      case 'list': {
        const items = b.items.flatMap(item => {
          if (typeof item === 'string') return filled([item], scope)
          if ('forEachPart' in item)
            return f.parts.flatMap(p => filled([item.forEachPart], scope.child({ part: p.label })))
          return holds(item.when, scope) ? filled([item.text], scope) : []
        })
        return items.length ? [{ kind: 'list', items }] : []
      }
      case 'people': {
        const people = b.of === 'addressee' ? (a.addressee ? [a.addressee] : []) : a.signatories
        const address = b.of === 'addressee' ? a.addressLines : []
        return people.map(p => {
          const s = scope.child({ name: p.name, title: p.title ?? '', organisation: p.organisation ?? '' })
          return {
            kind: 'lines',
            lines: b.lines.flatMap(line =>
              typeof line === 'string'
                ? filled([line], s)
                : address.flatMap(l => filled([line.forEachAddressLine], s.child({ line: l }))),
            ),
          }
        })
      }
      case 'gradeTable': {
        const rows: string[][] = []
        const add = (cells: string[], s: Scope) => {
          const row = cells.map(cell => fill(cell, s))
          if (row.every(x => x !== undefined)) rows.push(row as string[])
        }
        const areas = (inner: Place) =>
          this.areasAt(inner, b.areas).forEach(({ scope: s }) => {
            add(b.row, s)
          })
        if (!b.partRow) areas(at)
        else
          for (const part of this.partsAt(at)) {
            add(b.partRow, part.scope)
            areas({ ...part, groupId: '' })
            for (const group of this.groupsAt(part)) {
              if (b.groupRow) add(b.groupRow, group.scope)
              areas(group)
            }
          }
        return rows.length
          ? [{ kind: 'table', header: b.header === null ? null : filledAll(b.header, scope), rows }]
          : []
      }
      case 'scaleTable': {
        const rows = pointsBestFirst(f.scale)
          .map(p => b.row.map(cell => fill(cell, this.pointScope(p, scope))))
          .filter((row): row is string[] => row.every(x => x !== undefined))
        return rows.length
          ? [{ kind: 'table', header: b.header === null ? null : filledAll(b.header, scope), rows }]
          : []
      }
      case 'scaleSentence': {
        const points = pointsBestFirst(f.scale).map(p => fill(b.point, this.pointScope(p, scope)))
        const text = fill(b.text, scope.child({ points: points.filter(p => p !== undefined).join(b.separator) }))
        return text ? [{ kind: 'paragraph', text }] : []
      }
      case 'strengths': {
        const rows = this.areasAt(at, b.areas).flatMap(({ scope: s, areaId }) => {
          const j = a.judgements.find(x => x.areaId === areaId)
          if (!j || !(j.strengths.length || j.areasForDevelopment.length)) return []
          const cell = (items: string[]) =>
            [fill(b.label, s) ?? '', ...items.map(text => fill(b.item, s.child({ text })) ?? '')].join(' ')
          return [[cell(j.strengths), cell(j.areasForDevelopment)]]
        })
        return rows.length ? [{ kind: 'table', header: filledAll(b.header, scope), rows }] : []
      }
      case 'items': {
        const j = at.areaId === undefined ? undefined : a.judgements.find(x => x.areaId === at.areaId)
        const items = j?.[b.of] ?? []
        return items.length ? [{ kind: 'list', items }] : []
      }
      case 'figures': {
        const sentences = a.figures
          .map(x => {
            const template = b.sentences[x.key]
            return template === undefined ? undefined : fill(template, scope.child({ value: String(x.value) }))
          })
          .filter((s): s is string => Boolean(s))
        return sentences.length ? [{ kind: 'paragraph', text: sentences.join(' ') }] : []
      }
      case 'recommendations':
        return this.recommendations(b, at)
      case 'forEachArea':
        return this.areasAt(at, b.areas).flatMap(inner => this.blocks(b.blocks, inner))
      case 'forEachPart':
        return this.partsAt(at).flatMap(inner => this.blocks(b.blocks, inner))
      case 'forEachGroup':
        return this.groupsAt(at).flatMap(inner => this.blocks(b.blocks, inner))
    }
  }

  private recommendations(
    b: Extract<LayoutBlock, { block: 'recommendations' }>,
    at: Place,
  ): { blocks: Block[]; shown: boolean } {
    const { a, f } = this.c
    const owner = at.areaId ?? at.partId
    const items = a.recommendations.filter(
      r =>
        (owner === undefined || r.areaId === owner) &&
        (!b.timescales || b.timescales.includes(r.timescaleId)) &&
        !(r.areaId !== null && b.except?.includes(r.areaId)),
    )
    let n = 0
    const print = (list: Recommendation[], scope: Scope): Block[] => {
      if (!b.eachItem) return [{ kind: 'list', items: list.map(r => r.text) }]
      return list.flatMap(r =>
        this.blocks(b.eachItem ?? [], {
          ...at,
          scope: scope.child({
            text: r.text,
            progress: r.progress ?? undefined,
            timescale: f.timescales.find(t => t.id === r.timescaleId)?.label ?? r.timescaleId,
            n: String(++n),
          }),
        }),
      )
    }
    const byArea = (list: Recommendation[], scope: Scope): Block[] => {
      if (!b.eachArea) return print(list, scope)
      return [...new Set(list.map(r => r.areaId))].flatMap(areaId => {
        const area = f.areas.find(x => x.id === areaId)
        const inner = area
          ? this.areaScope(area, scope)
          : scope.child(Object.fromEntries(AREA_VALUES.map(k => [k, ''])))
        const mine = list.filter(r => r.areaId === areaId)
        return [...this.blocks(b.eachArea ?? [], { ...at, scope: inner }), ...print(mine, scope)]
      })
    }
    const blocks = !b.eachTimescale
      ? byArea(items, at.scope)
      : f.timescales.flatMap(t => {
          const mine = items.filter(r => r.timescaleId === t.id)
          if (!mine.length) return []
          const inner = at.scope.child({ timescale: t.label })
          return [...this.blocks(b.eachTimescale ?? [], { ...at, scope: inner }), ...byArea(mine, at.scope)]
        })
    return { blocks: items.length ? blocks : [], shown: items.length > 0 }
  }

  /** The areas a block in this place goes through: those of its part or group, and of the assessment's edition. */
  private areasAt(at: Place, conditions: LayoutBlock['when']): (Place & { areaId: string })[] {
    return this.areas
      .filter(
        x =>
          (at.partId === undefined || x.part === at.partId) &&
          (at.groupId === undefined || (x.group ?? '') === at.groupId),
      )
      .map(x => ({ ...at, areaId: x.id, scope: this.areaScope(x, at.scope) }))
      .filter(x => holds(conditions, x.scope))
  }

  private partsAt(at: Place): Place[] {
    return this.c.f.parts.map(p => ({ scope: at.scope.child({ part: p.label }), partId: p.id }))
  }

  private groupsAt(at: Place): Place[] {
    return this.c.f.groups
      .filter(g => at.partId === undefined || g.part === at.partId)
      .map(g => ({ ...at, scope: at.scope.child({ group: g.label }), groupId: g.id }))
  }

  private areaScope(area: Area, parent: Scope): Scope {
    const { a, f } = this.c
    const j = a.judgements.find(x => x.areaId === area.id)
    return parent.child({
      id: area.id,
      label: labelIn(area, this.edition),
      number: area.number,
      role: area.role,
      gradedAs: area.grade,
      part: () => f.parts.find(p => p.id === area.part)?.label,
      group: () => f.groups.find(g => g.id === area.group)?.label,
      value: j?.grade == null ? undefined : String(j.grade),
      grade: () => (j?.grade == null ? undefined : pointFor(f.scale, j.grade)?.label),
      levelWord: () => (j?.level ? (pointForLevel(f.scale, j.level)?.words[0] ?? j.level) : undefined),
      narrative: j?.narrative,
      written: () =>
        j && (j.narrative.trim() || j.strengths.length || j.areasForDevelopment.length) ? 'written' : undefined,
      statedJudgement: () => headlineJudgement(j?.narrative ?? '', f.scale)?.quote,
      'alsoPrintedAs.first': area.alsoPrintedAs?.[0],
      'alsoPrintedAs.last': area.alsoPrintedAs?.at(-1),
    })
  }

  private pointScope(p: Framework['scale']['points'][number], parent: Scope): Scope {
    const values: Record<string, string | undefined> = { value: String(p.value), label: p.label }
    for (const s of this.c.f.scale.descriptorSets) values[`descriptor.${s.id}`] = undefined
    for (const [id, text] of Object.entries(p.descriptors ?? {})) values[`descriptor.${id}`] = text
    return parent.child(values)
  }
}

/** Every cell, one with a missing value left empty. */
function filledAll(templates: string[], scope: Scope): string[] {
  return templates.map(t => fill(t, scope) ?? '')
}

function filled(templates: string[], scope: Scope): string[] {
  return templates.map(t => fill(t, scope)).filter((x): x is string => Boolean(x))
}

/** Lays out an assessment as its framework's documentStructure says. */
export function layout(c: Context): Block[] {
  return new Printer(c).document()
}

/** The framing paragraphs of an assessment's layout, each with what it prints in its place (or would, once shown). */
export function framingsOf(c: Context): FramingPrint[] {
  const printer = new Printer(c)
  printer.document()
  return printer.framings
}
