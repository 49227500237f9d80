import { FRAMEWORKS, type Framework, loadFrameworkFolder, registerFramework } from '../../src/domain/index.js'

/** The fixture framework (test/fixtures/frameworks/moon-2031/): one that exists only as a folder of data. */
export const FIXTURE_ID = 'moon-2031'

/**
 * The fixture framework, registered beside the shipped ones. A test file that needs it registers it through this, so
 * that it has it whichever files ran before it: the unit project's files share one process (isolate: false), so another
 * may have registered it already.
 */
export function registerFixtureFramework(): Framework {
  const registered = FRAMEWORKS.find(f => f.id === FIXTURE_ID)
  if (registered) return registered
  const framework = loadFrameworkFolder(new URL(`../fixtures/frameworks/${FIXTURE_ID}/`, import.meta.url))
  registerFramework(framework)
  return framework
}
