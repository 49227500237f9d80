// The API's import of the data import limit, until it takes it from its page (admin/data/schemas.ts).
export { MAX_DATA_BYTES } from './admin/data/schemas.js'
