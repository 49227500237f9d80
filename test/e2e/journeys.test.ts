import { describe, expect, it } from 'vitest'
import { JOURNEY_PAGES } from '../support/browser.js'

/**
 * Every kind of page the browser journeys check (axe and a screenshot), in the order they come to them. The journeys
 * are split between files (journeys-public.test.ts, journeys-assessments.test.ts) so that both workers run them;
 * each file checks that it visited its share of JOURNEY_PAGES, and this that the shares together are every kind.
 */
const EVERY_KIND = [
  ...['home', 'search-results', 'authority', 'report', 'national', 'frameworks', 'contact', 'not-found'],
  ...['authority-paged', 'authority-page-2', 'bad-request'],
  ...['sign-in', 'staff-dashboard', 'create', 'create-errors', 'work', 'judgement-editor', 'details'],
  ...['work-complete', 'work-factual-accuracy', 'publish-check', 'work-published'],
  ...['officer-home', 'officer-draft', 'officer-commented', 'officer-denied'],
  ...['upload', 'review', 'uploaded-report', 'verify-upload'],
  ...['check-officer', 'check-officer-commented', 'check-comments', 'check-answered', 'check-ended'],
  ...['check-your-answers', 'check-published'],
  ...['admin-users', 'admin-users-error', 'admin-user', 'account-tokens', 'admin-authorities'],
  ...['admin-data', 'admin-data-imported', 'rating', 'rating-suggested', 'what-if', 'what-if-result', 'profile'],
]

describe('the browser journeys', () => {
  it('visit every kind of page between their files', () => {
    const shares = Object.values(JOURNEY_PAGES).flat()
    expect([...new Set(shares)].sort()).toEqual([...new Set(EVERY_KIND)].sort())
  })
})
