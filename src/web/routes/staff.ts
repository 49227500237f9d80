// The API's import of the upload limit, until it takes it from its page (staff/upload/schemas.ts).
export { MAX_UPLOAD_BYTES } from './staff/upload/schemas.js'
