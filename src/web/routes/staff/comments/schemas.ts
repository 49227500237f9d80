import type { FieldProblem } from '../../../form.js'

/** The answer form's problems, each on its field: "Select whether…" on the radios, the rest on the text. */
export const answerProblems = (problems: readonly string[], commentId: string): FieldProblem[] =>
  problems.map(text => ({
    field: `${/^Select|answered already/.test(text) ? 'outcome' : 'text'}-${commentId}`,
    text,
  }))
