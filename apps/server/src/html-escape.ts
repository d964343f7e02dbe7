/** Text and attribute values inside the server-rendered pages: every character HTML gives a meaning to, as a numeric reference. */
export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
