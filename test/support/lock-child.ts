// One process of the lock test: says when it is loaded, is then told the moment to try (on standard input), takes
// the data directory's lock at that moment, holds it a while and says what happened.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { lockDataDir } from '../../src/store/connection.js'

const [dir = '', hold = '300'] = process.argv.slice(2)
process.stdout.write('ready\n')
let startAt = ''
for await (const chunk of process.stdin) startAt += chunk
// Every process of a trial tries at the same moment, as processes started together by a supervisor would.
while (Date.now() < Number(startAt)) {}
try {
  const release = lockDataDir(dir)
  const from = Date.now()
  const owner = Number(readFileSync(join(dir, 'inspectorate.lock'), 'utf8'))
  await new Promise(resolve => setTimeout(resolve, Number(hold)))
  const still = Number(readFileSync(join(dir, 'inspectorate.lock'), 'utf8'))
  const to = Date.now()
  release()
  console.log(
    JSON.stringify({ locked: true, ownerWasMe: owner === process.pid, stillMine: still === process.pid, from, to }),
  )
} catch (e) {
  console.log(JSON.stringify({ locked: false, error: (e as Error).message }))
}
