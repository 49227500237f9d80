import type { AuthorityIndex, Person, Reading } from '../domain/index.js'

type Letter = Reading['letter']

import { dateLine } from './dates.js'
import type { Line, Text } from './text.js'

export interface Found<T> {
  value: T
  start: number
  end: number
}

/** The words of job titles a framework's documents print, as one pattern: a person's name has none of them. */
export function jobWordsPattern(words: readonly string[]): RegExp | undefined {
  return words.length ? new RegExp(`\\b(?:${words.join('|')})\\b`, 'i') : undefined
}

/** A line that is a person's name as letters print it: two to five capitalised words, no job words. */
function looksLikeName(text: string, jobWords: RegExp | undefined): boolean {
  const t = text.trim()
  if (t.length > 60 || /\d/.test(t) || jobWords?.test(t)) return false
  const words = t.split(/\s+/)
  return words.length >= 2 && words.length <= 5 && words.every(w => /^(?:[A-Z][A-Za-z'’.-]*|[A-Z]\.?)$/.test(w))
}

/** "J. Winstarley" beside "Juliet Winstanley": the text a scanner read from the handwritten signature. */
function isScannedSignature(text: string, names: readonly string[]): boolean {
  const m = /^([A-Z])\.\s?([A-Z][a-z]+)$/.exec(text.trim())
  return m !== null && names.some(n => n.startsWith(m[1] ?? '') && n.split(/\s+/).length >= 2)
}

function block(lines: readonly Line[]): string[] {
  return lines.map(l => l.text.trim())
}

/** The letter's salutation as printed ("Dear Ms Carrie"): the first line its framework's salutation pattern fits. */
export function findSalutation(text: Text, letter: Letter | undefined): Found<string> | undefined {
  if (!letter) return undefined
  const salutation = new RegExp(letter.salutation, 'i')
  const line = text.lines.find(l => !l.blank && salutation.test(l.text.trim()))
  if (!line) return undefined
  const value = line.text.trim()
  const at = line.text.indexOf(value)
  return { value, ...text.span(line, at, at + value.length) }
}

/** A line of an address block: short, and not a sentence. */
const addressLike = (l: Line | undefined) => l !== undefined && !l.blank && l.text.length < 100 && !/\.$/.test(l.text)

/** The block of lines a letter is addressed to: above its salutation, else (a letter with none) below its date. */
function addresseeBlock(text: Text, letter: NonNullable<Letter>): Line[] {
  const salutation = new RegExp(letter.salutation, 'i')
  const dear = text.lines.findIndex(l => salutation.test(l.text.trim()))
  if (dear >= 0) {
    let i = dear - 1
    while (i >= 0 && (text.lines[i]?.blank || dateLine(text.lines[i]?.text ?? ''))) i--
    const end = i
    while (i >= 0 && !text.lines[i]?.blank && !dateLine(text.lines[i]?.text ?? '')) i--
    return text.lines.slice(i + 1, end + 1)
  }
  const date = text.lines.slice(0, 40).findIndex(l => !l.blank && dateLine(l.text) !== undefined)
  if (date < 0) return []
  let k = date + 1
  while (text.lines[k]?.blank) k++
  const lines: Line[] = []
  for (; addressLike(text.lines[k]); k++) lines.push(text.lines[k] as Line)
  return lines
}

/**
 * The addressee: the block of lines above the salutation ("Dear …"; a date between them is skipped), its name, its
 * title, the organisation, and the address printed below the organisation, a line each.
 */
export function findAddressee(
  text: Text,
  letter: Letter | undefined,
  index: AuthorityIndex,
  onDate?: string,
): (Found<Person> & { address: Found<string[]> | undefined }) | undefined {
  if (!letter) return undefined
  const lines = addresseeBlock(text, letter)
  const [first, second] = block(lines)
  if (!first || lines.length < 2 || letter.notAddressee.some(p => new RegExp(p, 'i').test(first))) return undefined
  const orgIndex = lines.findIndex((l, k) => k >= 1 && index.match(l.text.trim(), onDate))
  const organisation = orgIndex >= 0 ? (lines[orgIndex]?.text.trim() ?? null) : (block(lines)[2] ?? null)
  const title = orgIndex === 1 ? null : (second ?? null)
  const last = lines[Math.max(orgIndex, 2, 0)] ?? lines[lines.length - 1]
  const span = text.spanOf(lines[0] as Line, last as Line)
  const below = lines.slice(orgIndex >= 0 ? orgIndex + 1 : 3)
  const address = below.length
    ? { value: block(below), ...text.spanOf(below[0] as Line, below.at(-1) as Line) }
    : undefined
  return { value: { name: first, title, organisation }, ...span, address }
}

/** The people who signed: the name, title and organisation lines after the sign-off ("Yours sincerely"). */
export function findSignatories(
  text: Text,
  letter: Letter | undefined,
  stopAt: (line: Line) => boolean,
  jobWords: RegExp | undefined,
): Found<Person>[] {
  if (!letter) return []
  const signOff = new RegExp(letter.signOff, 'i')
  const from = text.lines.findIndex(l => signOff.test(l.text.trim()))
  if (from < 0) return []
  const lines: Line[] = []
  for (const l of text.lines.slice(from + 1)) {
    if (l.blank) continue
    if (stopAt(l) || l.text.includes('\t') || lines.length >= 16) break
    if (/\bsignature\b/i.test(l.text)) continue
    lines.push(l)
  }
  const names = lines.map(l => l.text.trim()).filter(t => looksLikeName(t, jobWords))
  const people: { lines: Line[] }[] = []
  for (const l of lines) {
    const t = l.text.trim()
    if (isScannedSignature(t, names)) continue
    if (looksLikeName(t, jobWords)) people.push({ lines: [l] })
    else people.at(-1)?.lines.push(l)
  }
  return people.map(p => {
    const [name, title, ...rest] = block(p.lines)
    const span = text.spanOf(p.lines[0] as Line, p.lines.at(-1) as Line)
    return {
      value: { name: name ?? '', title: title ?? null, organisation: rest.length ? rest.join(', ') : null },
      ...span,
    }
  })
}

const INSPECTOR_TITLE = /^(.*?)[,\s]+(HMI|HM Inspector|Her Majesty['’]s Inspector|His Majesty['’]s Inspector)\.?$/i
const TITLE_LINE = /^(?:HMI|HM Inspector|Her Majesty['’]s Inspector|His Majesty['’]s Inspector)\.?$/i

/**
 * The inspector a report names after one of its framework's labels ("Reporting inspector: Stephen Hart HMI",
 * "Lead inspector: Tracey Scott" with "Her Majesty's Inspector" on the next line).
 */
export function findReportingInspector(
  text: Text,
  labels: readonly string[],
  jobWords: RegExp | undefined,
): Found<Person> | undefined {
  if (!labels.length) return undefined
  const label = new RegExp(`(?:${labels.join('|')})\\s*:?\\s*(.+)$`, 'i')
  for (const l of text.lines) {
    const m = label.exec(l.text)
    const raw = m?.[1]?.trim()
    if (!m || !raw) continue
    const hmi = INSPECTOR_TITLE.exec(raw)
    const name = (hmi?.[1] ?? raw).trim()
    if (!looksLikeName(name, jobWords)) continue
    const next = text.lines[l.index + 1]
    const title = hmi?.[2] ?? (next && TITLE_LINE.test(next.text.trim()) ? next.text.trim() : null)
    const at = l.text.indexOf(raw, m.index)
    return { value: { name, title, organisation: null }, ...text.span(l, at, at + raw.length) }
  }
  return undefined
}
