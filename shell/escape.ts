const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
const NEEDS_ESCAPE = /[&<>"']/;
const ESCAPE_ALL = /[&<>"']/g;

/** Escapes text for HTML text and quoted-attribute positions. */
export function escapeHtml(text: string): string {
  // fast path: most dynamics (numbers, plain words) need no work
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(ESCAPE_ALL, (c) => ESCAPES[c]!);
}

/** Attributes whose value is a URL the browser may navigate to or load. */
export const URL_ATTRIBUTES = new Set([
  "href",
  "src",
  "action",
  "formaction",
  "xlink:href",
  "poster",
  "cite",
  "background",
  "ping",
  "data",
  "codebase",
]);

// Browsers drop ASCII tab/newline anywhere in a URL and ignore leading control chars and spaces.
const URL_NOISE = /[\u0000-\u0020\u007f]/g;
const SAFE_DATA_URL = /^data:image\/(?:png|gif|jpe?g|webp|avif);/i;
const SCRIPTABLE_SCHEME = /^(?:javascript|vbscript|data):/i;

/** The value used in place of a URL that could run script. */
export const BLOCKED_URL = "about:blank#blocked";

/** Neutralises `javascript:`-style URLs; everything else passes unchanged. */
export function sanitizeUrl(url: string): string {
  // a path of this site, the common case: a scheme starts with a letter
  if (url.charCodeAt(0) === 0x2f) return url;
  const probe = url.replace(URL_NOISE, "");
  if (SCRIPTABLE_SCHEME.test(probe) && !SAFE_DATA_URL.test(probe)) return BLOCKED_URL;
  return url;
}

/**
 * Serialises a value to JSON that can sit inside an HTML attribute or a <script> element:
 * `<`, `>`, `&`, U+2028 and U+2029 become \u escapes, so neither `</script>` nor an entity can form.
 */
export function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
}
