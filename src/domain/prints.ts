import { type Area, type Framework, getArea, type LayoutBlock, type LayoutConditions } from './framework.js'

/**
 * What a framework's layout prints of what a person enters. Everything entered is printed: a value the layout never
 * prints is refused when it is entered, and the forms do not offer it.
 */
export interface Prints {
  /** The values its templates print anywhere ("summary", "salutation", "inspector.title"). */
  values: ReadonlySet<string>
  /** An addressee block: the addressee's name, title and organisation. */
  addressee: boolean
  /** The addressee's address lines, below the organisation. */
  addressLines: boolean
  /** Signature blocks: each signatory's name, title and organisation. */
  signatories: boolean
  /** Paragraphs it numbers through the document when the assessment asks for numbered paragraphs. */
  numbered: boolean
  /** Each area's strengths, and its areas for development (in a table or in lists of their own). */
  strengths: boolean
  areasForDevelopment: boolean
  /** The timescales whose recommendations it prints with their progress ('all': any timescale). */
  progress: ReadonlySet<string> | 'all'
}

const VALUE = /\{([A-Za-z][\w.-]*)(?::\w+)?\}/g

const known = new WeakMap<Framework, Prints>()

/** What the framework's documentStructure prints of what a person enters. */
export function printsOf(framework: Framework): Prints {
  const cached = known.get(framework)
  if (cached) return cached
  const layout = framework.documentStructure
  const templates: string[] = Object.values(layout.phrases).flatMap(p =>
    p.map(alt => (typeof alt === 'string' ? alt : alt.text)),
  )
  let addressee = false
  let addressLines = false
  let signatories = false
  let numbered = false
  let strengths = false
  let areasForDevelopment = false
  let progress: Set<string> | 'all' = new Set()
  const visit = (blocks: readonly LayoutBlock[]) => {
    for (const b of blocks) {
      visit(b.before ?? [])
      switch (b.block) {
        case 'heading':
        case 'paragraph':
        case 'paragraphs':
          templates.push(b.text)
          if (b.block !== 'heading' && b.numbered) numbered = true
          break
        case 'lines':
          templates.push(...b.lines)
          break
        case 'list':
          for (const item of b.items)
            templates.push(typeof item === 'string' ? item : 'forEachPart' in item ? item.forEachPart : item.text)
          break
        case 'people':
          if (b.of === 'addressee') addressee = true
          else signatories = true
          for (const line of b.lines)
            if (typeof line !== 'string') {
              if (b.of === 'addressee') addressLines = true
            } else templates.push(line)
          break
        case 'strengths':
          strengths = true
          areasForDevelopment = true
          break
        case 'items':
          if (b.of === 'strengths') strengths = true
          else areasForDevelopment = true
          break
        case 'recommendations': {
          const items = b.eachItem ?? []
          if (JSON.stringify(items).includes('{progress}') && progress !== 'all')
            progress = b.timescales ? new Set([...progress, ...b.timescales]) : 'all'
          visit([...(b.eachTimescale ?? []), ...(b.eachArea ?? []), ...items])
          break
        }
        case 'forEachArea':
        case 'forEachPart':
        case 'forEachGroup':
          visit(b.blocks)
          break
        default:
          break
      }
    }
  }
  visit(layout.blocks)
  const values = new Set(templates.flatMap(t => [...t.matchAll(VALUE)].map(m => m[1] ?? '')))
  const prints: Prints = {
    values,
    addressee,
    addressLines,
    signatories,
    numbered,
    strengths,
    areasForDevelopment,
    progress,
  }
  known.set(framework, prints)
  return prints
}

/** Whether the layout prints a recommendation's progress under this timescale. */
export function printsProgress(framework: Framework, timescaleId: string): boolean {
  const p = printsOf(framework).progress
  return p === 'all' || p.has(timescaleId)
}

/** What the layout prints of one area's judgement. */
export interface AreaPrints {
  narrative: boolean
  strengths: boolean
  areasForDevelopment: boolean
}

type Printed = keyof AreaPrints

/**
 * Whether the conditions of the loops an area is printed in may hold for it: those on what the area is (its id, role,
 * how it is graded, its group) are decided here; those on what is entered (a grade, a narrative) may hold.
 */
function mayHold(conditions: readonly LayoutConditions[], area: Area, framework: Framework): boolean {
  const known: Record<string, string | undefined> = {
    id: area.id,
    label: area.label,
    number: area.number,
    role: area.role,
    gradedAs: area.grade,
    part: framework.parts.find(p => p.id === area.part)?.label,
    group: framework.groups.find(g => g.id === area.group)?.label,
    'alsoPrintedAs.first': area.alsoPrintedAs?.[0],
    'alsoPrintedAs.last': area.alsoPrintedAs?.at(-1),
  }
  return conditions.every(c =>
    Object.entries(c).every(([key, test]) => {
      if (!Object.hasOwn(known, key)) return true
      const v = known[key]
      return typeof test === 'boolean' ? test === (v !== undefined) : v !== undefined && new RegExp(test, 'i').test(v)
    }),
  )
}

const areaPlaces = new WeakMap<Framework, { what: Printed; conditions: LayoutConditions[] }[]>()

/** Every place the layout prints an area's narrative, strengths or areas for development, with its conditions. */
function placesOf(framework: Framework) {
  const known = areaPlaces.get(framework)
  if (known) return known
  const places: { what: Printed; conditions: LayoutConditions[] }[] = []
  const visit = (blocks: readonly LayoutBlock[], conditions: LayoutConditions[], inArea: boolean) => {
    for (const b of blocks) {
      const here = b.when && inArea ? [...conditions, b.when] : conditions
      visit(b.before ?? [], here, inArea)
      if (b.block === 'forEachArea') visit(b.blocks, [...conditions, ...(b.areas ? [b.areas] : [])], true)
      else if (b.block === 'forEachGroup') visit(b.blocks, [...conditions, { group: true }], inArea)
      else if (b.block === 'forEachPart') visit(b.blocks, conditions, inArea)
      else if (b.block === 'strengths') {
        const rows = [...here, ...(b.areas ? [b.areas] : [])]
        places.push({ what: 'strengths', conditions: rows }, { what: 'areasForDevelopment', conditions: rows })
      } else if (b.block === 'items' && inArea) places.push({ what: b.of, conditions: here })
      else if ((b.block === 'paragraph' || b.block === 'paragraphs') && inArea && b.text.includes('{narrative}'))
        places.push({ what: 'narrative', conditions: here })
    }
  }
  visit(framework.documentStructure.blocks, [], false)
  areaPlaces.set(framework, places)
  return places
}

/** What the framework's layout prints of an area's judgement: an area judged only in a table prints no narrative. */
export function printsOfArea(framework: Framework, areaId: string): AreaPrints {
  const area = getArea(framework, areaId)
  const places = area ? placesOf(framework).filter(p => mayHold(p.conditions, area, framework)) : []
  const has = (what: Printed) => places.some(p => p.what === what)
  return { narrative: has('narrative'), strengths: has('strengths'), areasForDevelopment: has('areasForDevelopment') }
}

/** A framing paragraph of the layout in the place an area is printed in: its own, or its part's. */
export interface FramingPlace {
  /** What the inspector's own wording is kept under: the paragraph's id and the area or part ("opening:being-healthy"). */
  key: string
  label: string
}

/** The key of a framing paragraph in a place: its id, with the area or part it stands in. */
export const framingKey = (id: string, placeId: string | undefined) => (placeId ? `${id}:${placeId}` : id)

/**
 * The framework's framing paragraphs printed around an area's words, whose place its editor offers the inspector's
 * own wording for: those in the loops the area is printed in (keyed by the area), and those of its part's (keyed by
 * the part).
 */
export function framingsOfArea(framework: Framework, areaId: string): FramingPlace[] {
  const area = getArea(framework, areaId)
  if (!area) return []
  const out = new Map<string, FramingPlace>()
  const visit = (blocks: readonly LayoutBlock[], conditions: LayoutConditions[], place: 'area' | 'part' | null) => {
    for (const b of blocks) {
      visit(b.before ?? [], conditions, place)
      if (b.block === 'forEachArea') visit(b.blocks, [...conditions, ...(b.areas ? [b.areas] : [])], 'area')
      else if (b.block === 'forEachPart') visit(b.blocks, conditions, place ?? 'part')
      else if (b.block === 'forEachGroup') visit(b.blocks, [...conditions, { group: true }], place)
      else if (b.block === 'recommendations')
        visit([...(b.eachTimescale ?? []), ...(b.eachArea ?? []), ...(b.eachItem ?? [])], conditions, place)
      else if (b.block === 'paragraph' && b.framing) {
        const placeId = place === 'area' ? area.id : place === 'part' ? area.part : undefined
        if (place === 'area' && !mayHold(conditions, area, framework)) continue
        if (place === 'part' && !placeId) continue
        const key = framingKey(b.framing.id, placeId)
        out.set(key, { key, label: b.framing.label })
      }
    }
  }
  visit(framework.documentStructure.blocks, [], null)
  return [...out.values()]
}

/** Every place a framing paragraph of the layout may be written in by the inspector, by its key. */
export function framingKeys(framework: Framework): Set<string> {
  return new Set(framework.areas.flatMap(a => framingsOfArea(framework, a.id).map(p => p.key)))
}
