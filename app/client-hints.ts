/**
 * What the browser told the live socket, for every view of the demo: the time zone its
 * bundle connected with (so times show in the user's own) and whether the page is from an
 * older build than the running server (the layout then offers a reload).
 */
import type { OnMount } from "lagoon";

export interface ClientHints {
  /** An IANA time zone the browser reported, or "UTC" (also in the HTTP render). */
  timeZone: string;
  /** The page's tracked assets are not this server's: a new version was deployed. */
  newVersion: boolean;
}

const zones = new Map<string, Intl.DateTimeFormat>();

/** The clock format of a time zone, for a zone name the browser sent (untrusted): UTC when it is not a zone. */
export function clock(timeZone: string): Intl.DateTimeFormat {
  let format = zones.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    } catch {
      format = clock("UTC");
    }
    // bounded: the valid IANA zones are a few hundred
    if (zones.size < 1000) zones.set(timeZone, format);
  }
  return format;
}

export const clientHints: OnMount = (_params, _session, socket) => {
  const zone = socket.connectParams?.timezone;
  const timeZone = typeof zone === "string" && zone.length <= 64 && clock(zone).resolvedOptions().timeZone !== "UTC" ? zone : "UTC";
  socket.assign({ timeZone, newVersion: socket.staticChanged } satisfies ClientHints);
};
