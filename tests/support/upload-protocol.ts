/** The upload steps of the official client as frames over a real WebSocket: a view's upload, its preflight, its channel's join, chunks and progress reports. */
import { encodeBinaryPush } from "../../shell/upload-channel.js";
import { rendering } from "../hardening/helpers.js";
import { joinView, type Joined, type ProtocolClient } from "./protocol.js";

/** A joined view with a file input: its upload's ref, and the next entry ref to declare. */
export type UploadView = Joined & { uploadRef: string; entryRef: () => string };

/** Joins the view at `path` on `base` and finds its file input. */
export async function uploadView(base: string, path = "/uploads"): Promise<UploadView> {
  const j = await joinView(base, path);
  let n = 0;
  const input = rendering(j).dom().querySelector("input[type=file]")!;
  return { ...j, uploadRef: input.getAttribute("id")!, entryRef: () => String(n++) };
}

/** An entry as the client declares it. */
export const declare = (ref: string, name: string, size: number, type = "text/plain") => ({
  ref,
  name,
  size,
  type,
  last_modified: 1_700_000_000_000,
  relative_path: "",
});

/** allow_upload for `entries`; resolves with the reply's response. */
export async function preflight(j: UploadView, entries: unknown[]): Promise<any> {
  return (await j.client.push(j.joinRef, j.topic, "allow_upload", { ref: j.uploadRef, entries }))[4].response;
}

/** Declares one entry and preflights it: its token and the upload config the client gets. */
export async function tokenFor(j: UploadView, size: number, name = "a.txt", type = "text/plain") {
  const ref = j.entryRef();
  const response = await preflight(j, [declare(ref, name, size, type)]);
  return { ref, token: response.entries?.[ref] as string, response };
}

/** Joins `lvu:<ref>` with `token`; resolves with the join reply's payload. */
export async function joinUpload(client: ProtocolClient, ref: string, token: unknown, joinRef = client.nextRef()) {
  const reply = await client.push(joinRef, `lvu:${ref}`, "phx_join", { token }, joinRef);
  return { joinRef, topic: `lvu:${ref}`, reply: reply[4] };
}

/** Sends one chunk as a binary push; resolves with its reply's payload. */
export async function chunk(
  client: ProtocolClient,
  joinRef: string,
  topic: string,
  bytes: Uint8Array,
  event = "chunk",
  timeoutMs?: number,
): Promise<any> {
  const ref = client.nextRef();
  const reply = client.waitFor((f) => f[1] === ref && f[3] === "phx_reply", timeoutMs);
  client.ws.send(encodeBinaryPush({ joinRef, ref, topic, event, payload: bytes }));
  return (await reply)[4];
}

/** A progress report for entry `ref`, as the client sends one per new percent; resolves with its reply's payload. */
export async function report(j: UploadView, ref: string, progress: number, timeoutMs?: number): Promise<any> {
  const payload = { event: null, ref: j.uploadRef, entry_ref: ref, progress };
  return (await j.client.push(j.joinRef, j.topic, "progress", payload, undefined, timeoutMs))[4];
}
