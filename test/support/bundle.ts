import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const BUILT: string[] = []

/** Removes the bundles built in this process (their links, not what they point at). */
export function removeBundles(): void {
  for (const dir of BUILT.splice(0)) rmSync(dir, { recursive: true, force: true })
}

/**
 * A TypeScript entry point of the project (a path from its root), and any others it starts (`beside`), each built
 * with the source it imports into one JavaScript file, for a test to start as a plain `node` process: a fraction of
 * the start-up of `node --import tsx`, which transforms every file it loads. Packages are not built in: they load
 * from the project's node_modules, and one whose imports the program never uses is not loaded at all (the source
 * imports none for its side effects alone). The files sit side by side two folders down in a directory of their own
 * that links the project's node_modules, frameworks and src, so that what the source finds beside itself
 * (`new URL('../../frameworks/', import.meta.url)`, the PDF worker next to its pool) is found there as from dist/.
 * Returns the entry's path; `removeBundles` removes what was built.
 */
export async function bundle(entry: string, ...beside: string[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'inspectorate-bundle-'))
  BUILT.push(dir)
  for (const name of ['node_modules', 'frameworks', 'src']) symlinkSync(join(ROOT, name), join(dir, name))
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n')
  const outdir = join(dir, 'build', 'bundle')
  mkdirSync(outdir, { recursive: true })
  await build({
    entryPoints: [entry, ...beside].map(e => join(ROOT, e)),
    outdir,
    entryNames: '[name]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    plugins: [
      {
        name: 'packages-outside',
        setup: b => b.onResolve({ filter: /^[^./]/ }, a => ({ path: a.path, external: true, sideEffects: false })),
      },
    ],
  })
  return join(outdir, `${basename(entry, extname(entry))}.js`)
}

/** The command line (src/cli/entry.ts) so built, with the PDF reader's worker beside it. */
export const bundleCli = () => bundle('src/cli/entry.ts', 'src/ingest/pdf-worker.ts')

/** The flags bin/inspectorate.js starts Node with, for a test that starts the built command line as it runs. */
export const CLI_NODE_FLAGS = ['--single-threaded-gc']
