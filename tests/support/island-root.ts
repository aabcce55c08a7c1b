/** Reading island roots in the test client's page. */
import type { HTMLElement } from "node-html-parser";

/** What an island root shows: its text without the state script the HTTP render put first in it (the hook removes it). */
export const shown = (root: HTMLElement): string =>
  root.childNodes
    .filter((n) => (n as HTMLElement).tagName !== "SCRIPT")
    .map((n) => n.text)
    .join("");
