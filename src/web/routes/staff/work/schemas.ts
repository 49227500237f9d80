import { type Framework, printsProgress, signaturePrints, ValidationError } from '../../../../domain/index.js'
import { fieldText } from '../form.js'

/** The work page's new recommendation: its words, the area it is about, its timescale and any progress printed. */
export function recommendationForm(body: unknown, f: Framework) {
  const [text, areaId, timescaleId, progress] = ['text', 'areaId', 'timescaleId', 'progress'].map(name =>
    fieldText(body, name),
  ) as [string, string, string, string]
  return {
    text,
    areaId,
    timescaleId,
    progress,
    // A problem with the progress is shown at the progress; any other at the recommendation.
    progressWrong:
      progress.length > 10_000 || (progress !== '' && timescaleId !== '' && !printsProgress(f, timescaleId)),
  }
}

/** What the recommendation form itself refuses, before the domain's checks. */
export function checkRecommendation(r: ReturnType<typeof recommendationForm>): void {
  if (!r.text) throw new ValidationError('Enter the recommendation')
  if (!r.timescaleId) throw new ValidationError('Choose a timescale')
  if (r.progress.length > 10_000) throw new ValidationError('The progress must be 10,000 characters or fewer')
}

/** The signature the form describes, for the signed-in person; a title where the framework prints one. */
export function signatureForm(body: unknown, name: string, f: Framework) {
  const person = {
    name,
    title: fieldText(body, 'title') || null,
    organisation: fieldText(body, 'organisation') || null,
  }
  if (signaturePrints(f).title && !person.title)
    throw new ValidationError('Enter your title as it is printed under your signature')
  if ((person.title?.length ?? 0) > 200 || (person.organisation?.length ?? 0) > 200)
    throw new ValidationError('Your title and organisation must each be 200 characters or fewer')
  return person
}
