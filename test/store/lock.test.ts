import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bundle, removeBundles } from '../support/bundle.js'

interface Outcome {
  locked: boolean
  ownerWasMe?: boolean
  stillMine?: boolean
  from?: number
  to?: number
  error?: string
}

/** test/support/lock-child.ts, built once for the file: each process of a trial starts as plain node. */
let script = ''
beforeAll(async () => {
  script = await bundle('test/support/lock-child.ts')
})
afterAll(removeBundles)

/** One process started against `dir`: `ready` once it is loaded; `go(at)` tells it the moment to take the lock. */
function child(dir: string) {
  const p = spawn(process.execPath, [script, dir, '400'], { stdio: ['pipe', 'pipe', 'inherit'] })
  let out = ''
  let loaded: () => void = () => {}
  const ready = new Promise<void>(resolve => {
    loaded = resolve
  })
  p.stdout.on('data', d => {
    out += d
    if (out.startsWith('ready\n')) loaded()
  })
  const outcome = new Promise<Outcome>((resolve, reject) => {
    p.on('error', reject)
    p.on('close', code => {
      if (!out.startsWith('ready\n')) reject(new Error(`the lock child ended (${code}) before it was ready: ${out}`))
      resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}'))
    })
  })
  return { ready, outcome, go: (at: number) => p.stdin.end(String(at)) }
}

/** A pid no process has: the highest possible, never handed out. */
const GONE = 4_194_303

describe("the embedded store's lock (issue 11, point 3)", () => {
  it('lets one process at a time of several started together take a stale lock, and nobody takes it from the owner', async () => {
    for (let trial = 0; trial < 6; trial++) {
      const dir = mkdtempSync(join(tmpdir(), 'lock-'))
      writeFileSync(join(dir, 'inspectorate.lock'), String(GONE)) // left by a process killed with -9
      const children = Array.from({ length: 6 }, () => child(dir))
      // All six loaded, then all six told one moment a little ahead, at which each tries.
      await Promise.all(children.map(c => c.ready))
      const startAt = Date.now() + 100
      for (const c of children) c.go(startAt)
      const results = await Promise.all(children.map(c => c.outcome))
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
