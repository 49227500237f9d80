// The API's imports of the search form's schema, until it takes it from its page (public/home/schemas.ts).
export { SearchQuerySchema } from './public/home/schemas.js'
