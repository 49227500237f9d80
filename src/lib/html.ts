const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Text made safe to place in HTML content or a quoted attribute. */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, c => ENTITIES[c] as string)
