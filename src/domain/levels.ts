import levelData from './data/levels.json' with { type: 'json' }

/**
 * The normalised levels every framework's grades map onto, best first. "Requires improvement" (2013 onwards) is a
 * level of its own, ranked beside "adequate" on the one series; each level's place and its source are data.
 */
export const LEVELS = ['outstanding', 'good', 'adequate', 'requires-improvement', 'inadequate'] as const
export type Level = (typeof LEVELS)[number]

export interface LevelInfo {
  id: Level
  label: string
  rank: number
  source: string
}

export const LEVEL_INFO: readonly LevelInfo[] = levelData.map(l => {
  if (!(LEVELS as readonly string[]).includes(l.id)) throw new Error(`levels.json: unknown level ${l.id}`)
  return l as LevelInfo
})
if (LEVEL_INFO.length !== LEVELS.length) throw new Error('levels.json must describe every level')

const RANK = new Map(LEVEL_INFO.map(l => [l.id, l.rank]))

/** 1 for outstanding … 4 for inadequate, whatever the framework printed; adequate and requires improvement share 3. */
export function levelRank(level: Level): number {
  return RANK.get(level) ?? 0
}

export function levelLabel(level: Level): string {
  return LEVEL_INFO.find(l => l.id === level)?.label ?? level
}

/** The level of a rank: used where a rule computes a rank, worded for the scale it concerns. */
export function levelOfRank(rank: number, preferred: readonly Level[] = LEVELS): Level | undefined {
  return preferred.find(l => levelRank(l) === rank) ?? LEVELS.find(l => levelRank(l) === rank)
}

export function isBetter(a: Level, b: Level): boolean {
  return levelRank(a) < levelRank(b)
}

export function worstLevel(levels: readonly Level[]): Level | null {
  return levels.reduce<Level | null>((worst, l) => (worst === null || isBetter(worst, l) ? l : worst), null)
}
