export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

/** A phrase as it may be printed: any white space between its words, either apostrophe. */
export function phrasePattern(phrase: string): string {
  return escapeRegExp(phrase).replace(/\s+/g, '\\s+').replace(/['’]/g, "['’]")
}
