import { afterEach, beforeEach } from 'vitest'
import type { Context } from '../../src/app/assessments.js'
import { Jobs } from '../../src/app/jobs.js'
import type { QueueTimings } from '../../src/store/queue.js'

/**
 * Opens the test's store's queue under a worker's name, with these timings; every queue a test opened is stopped
 * when it ends. Call inside a describe, after storePerTest.
 */
export function jobsPerTest(current: { ctx: Context }, timings: QueueTimings): (workerName: string) => Promise<Jobs> {
  let opened: Jobs[] = []
  beforeEach(() => {
    opened = []
  })
  afterEach(async () => {
    for (const j of opened) await j.stop()
  })
  return async workerName => {
    const j = await Jobs.open(current.ctx, { ...timings, workerName })
    opened.push(j)
    return j
  }
}
