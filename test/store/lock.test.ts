import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const CHILD = new URL('../support/lock-child.ts', import.meta.url).pathname

function child(
  dir: string,
  startAt: number,
): Promise<{ locked: boolean; ownerWasMe?: boolean; stillMine?: boolean; from?: number; to?: number; error?: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, '400', String(startAt)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    p.stdout.on('data', d => {
      out += d
    })
    p.on('error', reject)
    p.on('close', () => resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}')))
  })
}

/** A pid no process has: the highest possible, never handed out. */
const GONE = 4_194_303

describe("the embedded store's lock (issue 11, point 3)", () => {
  it('lets one process at a time of several started together take a stale lock, and nobody takes it from the owner', async () => {
    for (let trial = 0; trial < 6; trial++) {
      const dir = mkdtempSync(join(tmpdir(), 'lock-'))
      writeFileSync(join(dir, 'inspectorate.lock'), String(GONE)) // left by a process killed with -9
      const startAt = Date.now() + 2500
      const results = await Promise.all(Array.from({ length: 6 }, () => child(dir, startAt)))
      // A process the machine started late may take the lock after its first holder released it: one at a time,
      // never two together.
      const winners = results.filter(r => r.locked).sort((a, b) => (a.from ?? 0) - (b.from ?? 0))
      expect(winners.length, JSON.stringify(results)).toBeGreaterThanOrEqual(1)
      for (const w of winners) expect(w).toMatchObject({ ownerWasMe: true, stillMine: true })
      for (let i = 1; i < winners.length; i++)
        expect(winners[i]?.from, JSON.stringify(results)).toBeGreaterThanOrEqual(winners[i - 1]?.to ?? 0)
      for (const r of results.filter(x => !x.locked)) expect(r.error).toMatch(/is in use by process \d+/)
    }
  }, 120_000)
})
