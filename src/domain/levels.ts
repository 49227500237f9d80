/** The normalised levels every framework's grades map onto, best first. */
export const LEVELS = ['outstanding', 'good', 'adequate', 'inadequate'] as const
export type Level = (typeof LEVELS)[number]

/** 1 for outstanding … 4 for inadequate, whatever the framework printed. */
export function levelRank(level: Level): number {
  return LEVELS.indexOf(level) + 1
}

export function isBetter(a: Level, b: Level): boolean {
  return levelRank(a) < levelRank(b)
}

export function worstLevel(levels: readonly Level[]): Level | null {
  return levels.reduce<Level | null>((worst, l) => (worst === null || isBetter(worst, l) ? l : worst), null)
}
