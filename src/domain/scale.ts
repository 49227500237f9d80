import { z } from 'zod'
import { LEVELS, type Level } from './levels.js'

export const ScalePointSchema = z.strictObject({
  value: z.int(),
  label: z.string().min(1),
  level: z.enum(LEVELS),
  /** Words a narrative uses for this point, lower case, the printed word first. */
  words: z.array(z.string().min(1)).min(1),
  descriptors: z.record(z.string(), z.string()).optional(),
})

export const ScaleSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string().min(1),
    direction: z.enum(['higherIsBetter', 'lowerIsBetter']),
    /** False for scales whose documents print only words (SIF, ILACS): the value is then an internal order. */
    numbersPrinted: z.boolean().optional(),
    /** True for scales whose documents print the word before the number: "Performs excellently (4)" (the 2009 rating). */
    wordBeforeNumber: z.boolean().optional(),
    descriptorSets: z.array(z.strictObject({ id: z.string(), label: z.string() })),
    points: z.array(ScalePointSchema).min(2),
  })
  .superRefine((scale, ctx) => {
    const values = scale.points.map(p => p.value)
    if (new Set(values).size !== values.length)
      ctx.addIssue({ code: 'custom', message: `${scale.id}: duplicate values` })
    const sets = new Set(scale.descriptorSets.map(s => s.id))
    for (const p of scale.points)
      for (const key of Object.keys(p.descriptors ?? {}))
        if (!sets.has(key)) ctx.addIssue({ code: 'custom', message: `${scale.id}: unknown descriptor set ${key}` })
  })

export type Scale = z.infer<typeof ScaleSchema>
export type ScalePoint = z.infer<typeof ScalePointSchema>

export function pointFor(scale: Scale, value: number): ScalePoint | undefined {
  return scale.points.find(p => p.value === value)
}

export function pointForLevel(scale: Scale, level: Level): ScalePoint | undefined {
  return scale.points.find(p => p.level === level)
}

/** Points best first, whatever the scale's direction. */
export function pointsBestFirst(scale: Scale): ScalePoint[] {
  return [...scale.points].sort((a, b) =>
    scale.direction === 'higherIsBetter' ? b.value - a.value : a.value - b.value,
  )
}

/**
 * "4 outstanding/excellent, 3 good, 2 adequate, 1 inadequate": for messages that name the scale. A scale whose
 * reports print only words is described in its words.
 */
export function describeScale(scale: Scale): string {
  return pointsBestFirst(scale)
    .map(p => (scale.numbersPrinted === false ? p.label : `${p.value} ${p.label}`))
    .join(', ')
}

/**
 * A grade as its reports print it: "2 (Good)", "Performs excellently (4)" where the word comes first, or "Requires
 * improvement to be good" where no number is printed.
 */
export function gradeLabel(scale: Scale, value: number): string {
  const p = pointFor(scale, value)
  if (!p) return String(value)
  if (scale.numbersPrinted === false) return p.label
  return scale.wordBeforeNumber ? `${p.label} (${p.value})` : `${p.value} (${p.label})`
}

/** A level in the scale's own words, as its documents print a grade: "Performs excellently (4)", "Good". */
export function inScaleWords(scale: Scale, level: Level): string {
  const p = pointForLevel(scale, level)
  if (!p) return level
  return scale.numbersPrinted === false ? p.label : `${p.label} (${p.value})`
}

/** The level a word or phrase of a narrative stands for on this scale, if any ("excellent" → outstanding). */
export function levelOfWord(scale: Scale, word: string): Level | undefined {
  const w = word.toLowerCase().replace(/\s+/g, ' ').trim()
  return scale.points.find(p => p.words.includes(w))?.level
}
