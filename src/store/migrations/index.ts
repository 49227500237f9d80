import type { Migration, MigrationProvider } from 'kysely'
import * as initial from './20261123090000_initial.js'
import * as documents from './20261123100000_documents.js'
import * as web from './20261124090000_web.js'
import * as profile from './20261124100000_profile.js'
import * as levels from './20261201090000_levels.js'
import * as constraints from './20261201100000_constraints.js'
import * as auditChain from './20261201110000_audit_chain.js'
import * as serviceAccounts from './20261201120000_service_accounts.js'
import * as auditExtendsChain from './20261201130000_audit_extends_chain.js'
import * as overridesPerFinding from './20261201140000_overrides_per_finding.js'
import * as documentOriginals from './20261202090000_document_originals.js'
import * as recommendationUpdates from './20261203090000_recommendation_updates.js'
import * as evidence from './20261204090000_evidence.js'
import * as commentAnswers from './20261204100000_comment_answers.js'
import * as jobs from './20261204120000_jobs.js'
import * as reportPdfs from './20261204130000_report_pdfs.js'
import * as recommendationLinks from './20261204140000_recommendation_links.js'
import * as profileDataVersion from './20261205090000_profile_data_version.js'
import * as uncompressedPdfs from './20261206090000_uncompressed_pdfs.js'

/** Every migration, named by timestamp; the list is static so that built and source runs see the same set. */
const MIGRATIONS: Record<string, Migration> = {
  '20261123090000_initial': initial,
  '20261123100000_documents': documents,
  '20261124090000_web': web,
  '20261124100000_profile': profile,
  '20261201090000_levels': levels,
  '20261201100000_constraints': constraints,
  '20261201110000_audit_chain': auditChain,
  '20261201120000_service_accounts': serviceAccounts,
  '20261201130000_audit_extends_chain': auditExtendsChain,
  '20261201140000_overrides_per_finding': overridesPerFinding,
  '20261202090000_document_originals': documentOriginals,
  '20261203090000_recommendation_updates': recommendationUpdates,
  '20261204090000_evidence': evidence,
  '20261204100000_comment_answers': commentAnswers,
  '20261204120000_jobs': jobs,
  '20261204130000_report_pdfs': reportPdfs,
  '20261204140000_recommendation_links': recommendationLinks,
  '20261205090000_profile_data_version': profileDataVersion,
  '20261206090000_uncompressed_pdfs': uncompressedPdfs,
}

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
}
