import {
  type Area,
  areaTitle,
  type Finding,
  type Framework,
  pointsBestFirst,
  type ScalePoint,
} from '../../../domain/index.js'

/**
 * The descriptor a framework gives a grade of an area: from the area's own descriptor set, or, where the area names
 * none, from the scale's only set (the 2012 reports print one key for every judgement). Null where there is none.
 */
export function descriptorOf(f: Framework, area: Area, point: ScalePoint): string | null {
  const sets = f.scale.descriptorSets
  const set = area.descriptorSet ?? (sets.length === 1 ? sets[0]?.id : undefined)
  return (set && point.descriptors?.[set]) || null
}

/** A grade as a choice: "3: Performs well"; the word alone on a scale whose reports print no numbers. */
export const gradeChoice = (f: Framework, p: ScalePoint) =>
  f.scale.numbersPrinted === false ? p.label : `${p.value}: ${p.label}`

/** The grade radios of an area's editor, best first, each with its descriptor as hint, then "No grade yet". */
export function gradeItems(f: Framework, area: Area, chosen: string) {
  return [
    ...pointsBestFirst(f.scale).map(p => {
      // A descriptor that only repeats the grade's word (the 2006 capacity to improve) is no hint.
      const written = descriptorOf(f, area, p)
      const descriptor = written?.toLowerCase() === p.label.toLowerCase() ? null : written
      return {
        value: String(p.value),
        text: gradeChoice(f, p),
        ...(descriptor ? { hint: { text: descriptor } } : {}),
        checked: chosen === String(p.value),
      }
    }),
    { divider: 'or' },
    { value: '', text: 'No grade yet', checked: chosen === '' },
  ]
}

/** Where "Save and continue" goes from an area: the framework's next area, or null after the last. */
export function nextArea(f: Framework, areaId: string): Area | null {
  const i = f.areas.findIndex(a => a.id === areaId)
  return i >= 0 ? (f.areas[i + 1] ?? null) : null
}

export interface RulesLine {
  /** Must be resolved before the report goes to the authority (and is published), or advice. */
  blocking: boolean
  text: string
}

/**
 * The rules panel in words: only what needs a person, each line once. Areas still to grade are one line, since the
 * table of areas shows which; notes that need nothing (a best fit that agrees, an override already recorded) are
 * kept apart. No rule ids, framework ids or section numbers: a stated rule says whose it is in words.
 */
export function rulesPanel(f: Framework, findings: readonly Finding[]): { act: RulesLine[]; notes: string[] } {
  const ungraded = findings.filter(x => x.kind === 'missing' && x.areaId)
  const act: RulesLine[] = []
  if (ungraded.length)
    act.push({
      blocking: ungraded.some(x => x.blocking),
      text:
        ungraded.length === 1
          ? `${areaTitle(f, ungraded[0]?.areaId as string)} has no grade yet. The framework requires one before the report goes to the authority.`
          : `${ungraded.length} areas have no grade yet. The framework requires each of them before the report goes to the authority: the table above shows which.`,
    })
  const rest = findings.filter(x => !ungraded.includes(x))
  for (const x of rest.filter(y => y.severity !== 'info'))
    act.push({
      blocking: x.blocking,
      text: x.status === 'stated' ? `${x.message} Ofsted’s ${f.year} framework says so.` : x.message,
    })
  return { act, notes: rest.filter(y => y.severity === 'info').map(y => y.message) }
}

/** The rules panel's lines that stop a move, as the error summary lists them when a move is refused. */
export function blockingLines(f: Framework, findings: readonly Finding[]): string[] {
  return rulesPanel(
    f,
    findings.filter(x => x.blocking),
  ).act.map(l => l.text)
}
