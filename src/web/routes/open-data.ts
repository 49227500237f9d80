// The API's import of the downloads' filter, until it takes it from its page (public/open-data/schemas.ts).
export { downloadFilter } from './public/open-data/schemas.js'
