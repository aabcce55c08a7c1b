/**
 * Rules for the text users type into the demo: no NUL anywhere (Postgres refuses it in
 * text, and it truncates strings in C tools), and in display names none of the invisible
 * controls that reorder what follows them (bidi overrides and isolates: "Bob\u202Enimda"
 * shows as "Bobadmin"). Names are unique ignoring case and compatibility forms, by key.
 */
import { z } from "zod";

const NUL = /\0/;
// LRE RLE PDF LRO RLO, LRI RLI FSI PDI, LRM RLM, ALM
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;

/** A trimmed string of 1 to `max` characters without NUL. */
export function plainText(max: number) {
  return z
    .string()
    .trim()
    .min(1, "can't be blank")
    .max(max, `should be at most ${max} characters`)
    .refine((s) => !NUL.test(s), "can't contain NUL characters");
}

/** A display name: plain text without bidi controls. */
export const DisplayName = plainText(80).refine((s) => !BIDI_CONTROLS.test(s), "can't contain text direction controls");

/** What makes two names the same: "ALICE", "alice" and "ａｌｉｃｅ" share one. */
export function nameKey(name: string): string {
  return name.normalize("NFKC").toLowerCase();
}
