/**
 * A scalar dynamic as escaped HTML for its hole: text, an attribute's value, a whole
 * attribute, names between a tag's attributes, or JSON in a script. The one place values
 * become markup, in the diff and in the dead render alike (diff.ts).
 */
import { isAttrs } from "./attrs.js";
import { isCustom } from "./custom.js";
import { BLOCKED_URL, escapeHtml, safeJson, sanitizeUrl } from "./escape.js";
import { warnOnce, TemplateError } from "./errors.js";
import { isJS, jsAttribute } from "./js.js";
import { isEach } from "./keyed.js";
import { isComponentRef, isNestedRef, isStreamRender } from "./refs.js";
import { Hole, isKeep, isRaw, isTemplate, type HoleInfo } from "./template.js";

const ATTR_NAMES = /^\s*(?:[A-Za-z_:][-A-Za-z0-9_:.]*\s*)*$/;

/** A scalar dynamic as escaped HTML for its position. */
export function leaf(value: unknown, hole: HoleInfo): string {
  switch (hole.kind) {
    case Hole.Text:
      return text(value, false);
    case Hole.AttrValue:
      if (Array.isArray(value))
        return value
          .map((v) => text(v, false))
          .filter((s) => s !== "")
          .join(" ");
      return hole.url ? text(value, true) : text(value, false);
    case Hole.Attr: {
      if (value === false || value === null || value === undefined) return "";
      if (value === true) return " " + hole.name!;
      if (isRaw(value)) return ` ${hole.name!}="${value.html}"`;
      const v = Array.isArray(value)
        ? value
            .map((x) => text(x, false))
            .filter((s) => s !== "")
            .join(" ")
        : text(value, !!hole.url);
      return ` ${hole.name!}="${v}"`;
    }
    case Hole.Tag: {
      if (value === false || value === null || value === undefined) return "";
      if (isRaw(value) || isAttrs(value)) return value.html;
      const s = String(value);
      if (ATTR_NAMES.test(s)) return s === "" ? "" : " " + s.trim();
      warnOnce("tag-hole", "a ${} between attributes takes attribute names or attrs({...}); other values are dropped.");
      return "";
    }
    case Hole.Script: {
      if (isRaw(value)) return value.html;
      const json = safeJson(value === undefined ? null : value);
      return hole.inAttr ? escapeHtml(json) : json;
    }
  }
}

/** Values that render only in element content. */
const CONTENT_ONLY = [isTemplate, isComponentRef, isStreamRender, isKeep, isNestedRef, isEach, isCustom];

function text(value: unknown, url: boolean): string {
  switch (typeof value) {
    case "string":
      return escapeHtml(url ? sanitizeUrl(value) : value);
    case "number":
    case "bigint":
      return String(value);
    case "boolean":
      return value ? "true" : "";
    case "undefined":
      return "";
    case "object":
      if (value === null) return "";
      if (isRaw(value)) return value.html;
      // JS commands: the JSON the client reads, escaped for the attribute
      if (isJS(value)) return jsAttribute(value);
      if (isAttrs(value)) throw new TemplateError("attrs() goes between a tag's attributes: <input ${attrs({...})}>");
      if (CONTENT_ONLY.some((is) => is(value))) {
        throw new TemplateError(
          "templates, components, nested views, streams, each() and keep() can only be placed in element content, not in attributes",
        );
      }
      return escapeHtml(url ? sanitizeUrl(String(value)) : String(value));
    default:
      return url ? BLOCKED_URL : escapeHtml(String(value));
  }
}
