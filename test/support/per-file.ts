import { afterAll } from 'vitest'
import { closeSharedContexts } from './chromium.js'
import { closeCliStores } from './cli.js'
import { trimPgliteCopies } from './stores.js'

// Test files of the stores project share their worker process (isolate: false): what one file started ends with it.
afterAll(async () => {
  closeCliStores()
  await closeSharedContexts()
  await trimPgliteCopies()
})
