/** The largest report file an upload (the page's or the API's) takes. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024

/** The largest profile data file an import (the page's or the API's) takes. */
export const MAX_DATA_BYTES = 50 * 1024 * 1024
