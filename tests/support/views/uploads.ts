/**
 * Views used as fixtures by the upload tests: a form with the live file input (channel
 * uploads on submit), the same with auto upload and a progress callback, one inside a
 * live component, and direct uploads to a receiver (`external`).
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import {
  component,
  consumeUploadedEntries,
  defineComponent,
  defineView,
  EventRejected,
  html,
  live,
  liveFileInput,
  liveImgPreview,
  liveSession,
  uploadErrors,
  type Upload,
  type UploadOptions,
  type Uploads,
  type ViewSocket,
} from "../../../shell/index.js";

export interface Saved {
  readonly name: string;
  readonly type: string;
  readonly size: number;
  readonly sha256: string;
  /** The temporary file the handler got (removed after the consume). */
  readonly path: string;
  readonly uuid: string;
  readonly external?: Record<string, unknown>;
}

/** What the fixture views saw, for assertions from the test. */
export const uploadStats = {
  /** Calls of the progress callback, `<ref>:<progress>`. */
  progress: [] as string[],
  /** Where direct uploads go (set by the test that runs a receiver). */
  receiverUrl: "http://127.0.0.1:9/upload",
};

export const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

type A = { uploads: Uploads<"docs">; saved: Saved[]; note: string };

/** The entries of an upload: name, progress, errors, a cancel button. */
export function entries(upload: Upload, cancel = "cancel", target?: number) {
  return html`<ul class="entries">${upload.entries.map(
    (e) =>
      html`<li id=${`entry-${e.ref}`} class="entry" data-ref=${e.ref}>${e.clientType.startsWith("image/") ? liveImgPreview(e, { width: 40, alt: "" }) : ""}<span class="name">${e.clientName}</span> <progress value=${e.progress} max="100"></progress> <span class="pct">${e.progress}%</span>${uploadErrors(upload, e).map((r) => html` <span class="error">${r}</span>`)} <button type="button" phx-click=${cancel} phx-value-ref=${e.ref} phx-target=${target ?? false}>Cancel</button></li>`,
  )}</ul><p class="upload-errors">${uploadErrors(upload).join(" ")}</p>`;
}

const savedList = (saved: readonly Saved[]) =>
  html`<ul id="saved">${saved.map((s) => html`<li data-sha=${s.sha256}>${s.name} (${s.size} bytes)</li>`)}</ul>`;

async function save(socket: ViewSocket<A>) {
  const saved = await consumeUploadedEntries(socket, "docs", async (file, entry) => {
    const bytes = file.path ? await readFile(file.path) : new Uint8Array();
    const s: Saved = {
      name: entry.clientName,
      type: entry.clientType,
      size: file.size,
      sha256: sha256(bytes),
      path: file.path,
      uuid: entry.uuid,
    };
    return file.external ? { ...s, external: { ...file.external } } : s;
  });
  socket.update("saved", (list) => [...list, ...saved]);
}

function uploadsView(name: string, opts: (params: Record<string, unknown>) => UploadOptions) {
  return defineView<A>({
    name,
    mount(params, _s, socket) {
      socket.assign({ saved: [], note: "" });
      socket.allowUpload("docs", opts(params));
    },
    events: {
      validate: () => {},
      save: (_p, socket) => save(socket),
      cancel: (p: { ref?: string }, socket) => {
        socket.cancelUpload("docs", p.ref);
      },
    },
    render: (a) => html`<main>
<form id="upload-form" phx-change="validate" phx-submit="save">
  <div id="drop" class="drop" phx-drop-target=${a.uploads.docs.ref}>${liveFileInput(a.uploads.docs)}</div>
  ${entries(a.uploads.docs)}
  <button type="submit">Upload</button>
</form>
${savedList(a.saved)}
</main>`,
  });
}

/** Text, images and PDFs, 3 files of 1 MB at most (`?max=` bytes), 64 KiB chunks unless `?chunk=`. */
export const UploadsLive = uploadsView("UploadsLive", (params) => ({
  accept: [".txt", ".png", "image/jpeg", ".pdf"],
  maxEntries: 3,
  maxFileSize: Number(params.max ?? 1_000_000),
  chunkSize: Number(params.chunk ?? 64_000),
  chunkTimeout: Number(params.timeout ?? 10_000),
}));

/** One file at a time, uploaded as soon as it is chosen, with a progress callback. */
export const AutoUploadLive = uploadsView("AutoUploadLive", (params) => ({
  accept: "any",
  autoUpload: true,
  chunkSize: Number(params.chunk ?? 64_000),
  progress(_name, entry) {
    uploadStats.progress.push(`${entry.ref}:${entry.progress}`);
  },
}));

/** Two files in all (maxEntriesMode "total"), each consumed as soon as it is done. */
export const TotalUploadLive = defineView<{ uploads: Uploads<"docs">; consumed: string[] }>({
  name: "TotalUploadLive",
  mount(_p, _s, socket) {
    socket.assign({ consumed: [] });
    socket.allowUpload("docs", {
      accept: "any",
      maxEntries: 2,
      maxEntriesMode: "total",
      autoUpload: true,
      async progress(name, entry, s) {
        if (!entry.done) return;
        const names = await consumeUploadedEntries(s, name, (_file, e) => e.clientName);
        s.update("consumed", (list: string[]) => [...list, ...names]);
      },
    });
  },
  events: { validate: () => {} },
  render: (a) => html`<main>
<form id="upload-form" phx-change="validate">${liveFileInput(a.uploads.docs)}${entries(a.uploads.docs)}</form>
<p id="consumed">${a.consumed.join(",")}</p>
</main>`,
});

/** What WriterUploadLive's writers saw: `<file>:<event>`. */
export const writerLog: string[] = [];

/** An upload with its own writer: chunks kept in memory; "error" refuses the file, a name starting "nostart" cannot start. */
export const WriterUploadLive = defineView<{ uploads: Uploads<"docs">; consumed: string[] }>({
  name: "WriterUploadLive",
  mount(_p, _s, socket) {
    socket.assign({ consumed: [] });
    socket.allowUpload("docs", {
      accept: "any",
      maxEntries: 2,
      chunkSize: 5,
      writer(entry) {
        if (entry.clientName.startsWith("nostart")) throw new EventRejected("no_bucket", "the bucket is gone");
        const chunks: string[] = [];
        return {
          write(chunk) {
            const text = new TextDecoder().decode(chunk);
            if (text === "error") throw new EventRejected("invalid_pdf", "not a PDF");
            chunks.push(text);
          },
          close(reason) {
            writerLog.push(`${entry.clientName}:${reason}`);
            return { name: entry.clientName, text: chunks.join("") };
          },
        };
      },
    });
  },
  events: {
    validate: () => {},
    cancel: (p: { ref?: string }, socket) => void socket.cancelUpload("docs", p.ref),
    async save(_p, socket) {
      const got = await consumeUploadedEntries(socket, "docs", (file) => {
        const meta = file.meta as { name: string; text: string };
        return `${meta.name}=${meta.text}:${file.path === "" ? "no file" : file.path}`;
      });
      socket.update("consumed", (list) => [...list, ...got]);
    },
  },
  render: (a) => html`<main>
<form id="upload-form" phx-change="validate" phx-submit="save">${liveFileInput(a.uploads.docs)}${entries(a.uploads.docs)}</form>
<p id="consumed">${a.consumed.join(",")}</p>
</main>`,
});

/** Direct uploads: the browser posts each file to the receiver with Lagoon's S3 uploader. */
export const ExternalUploadLive = uploadsView("ExternalUploadLive", () => ({
  accept: [".txt", ".png"],
  maxEntries: 2,
  external(entry) {
    if (entry.clientName.startsWith("refuse")) throw new EventRejected("storage_refused", "the storage refused it");
    return { uploader: "S3", url: uploadStats.receiverUrl, fields: { key: `uploads/${entry.uuid}`, "Content-Type": entry.clientType } };
  },
}));

/** An upload of a live component's own. */
const UploadBox = defineComponent<{ uploads: Uploads<"docs">; saved: Saved[] }>({
  name: "UploadBox",
  mount(socket) {
    socket.assign({ saved: [] });
    socket.allowUpload("docs", { accept: "any", maxEntries: 2 });
  },
  events: {
    validate: () => {},
    save: async (_p, socket) => {
      const saved = await consumeUploadedEntries(socket, "docs", async (file, entry) => ({
        name: entry.clientName,
        type: entry.clientType,
        size: file.size,
        sha256: sha256(await readFile(file.path)),
        path: file.path,
        uuid: entry.uuid,
      }));
      socket.update("saved", (list) => [...list, ...saved]);
    },
    cancel: (p: { ref?: string }, socket) => {
      socket.cancelUpload("docs", p.ref);
    },
  },
  render: (a) => html`<section id="box">
<form id="box-form" phx-change="validate" phx-submit="save" phx-target=${a.myself}>${liveFileInput(a.uploads.docs)}${entries(a.uploads.docs, "cancel", a.myself)}</form>
${savedList(a.saved)}
</section>`,
});

/** An upload owned by a live component, which `hide` removes. */
export const ComponentUploadLive = defineView<{ shown: boolean }>({
  name: "ComponentUploadLive",
  mount: (_p, _s, socket) => void socket.assign({ shown: true }),
  events: { hide: (_p, socket) => void socket.assign({ shown: false }) },
  render: (a) => html`<main>${a.shown ? component(UploadBox, { id: "box" }) : ""}</main>`,
});

export function uploadRoutes() {
  return [
    liveSession({ name: "uploads" }, [
      live("/uploads", UploadsLive),
      live("/uploads/auto", AutoUploadLive),
      live("/uploads/total", TotalUploadLive),
      live("/uploads/writer", WriterUploadLive),
      live("/uploads/external", ExternalUploadLive),
      live("/uploads/component", ComponentUploadLive),
    ]),
  ];
}
