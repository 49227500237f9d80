import { readdirSync, readFileSync } from 'node:fs'

const FOLDERS = [new URL('../../frameworks/', import.meta.url), new URL('../fixtures/frameworks/', import.meta.url)]

/** Every framework's data as its folder holds it (the fixture's too), unparsed. */
export const frameworkFiles = FOLDERS.flatMap(root =>
  readdirSync(root, { withFileTypes: true })
    .filter(d => d.isDirectory())
    .map(d => JSON.parse(readFileSync(new URL(`${d.name}/framework.json`, root), 'utf8')) as Record<string, unknown>),
)

/** The TypeScript sources of a folder under src/, each with its name. */
export function sourcesOf(folder: string): { name: string; text: string }[] {
  const dir = new URL(`../../src/${folder}/`, import.meta.url)
  return readdirSync(dir)
    .filter(name => name.endsWith('.ts'))
    .map(name => ({ name, text: readFileSync(new URL(name, dir), 'utf8') }))
}
