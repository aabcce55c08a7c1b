/**
 * The upload pages: /upload (E2E.UploadLive, `?auto_upload`, `?external_upload`), 2835,
 * 3319, 3368 and 3391 (2965, 3647, 4078 and 4368 are in upload-issues.ts). Reasons are
 * Lagoon's strings; the pages print them as Elixir atoms where upstream prints `inspect(error)`.
 */
import { copyFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  component,
  consumeUploadedEntries,
  defineComponent,
  defineView,
  html,
  liveFileInput,
  liveImgPreview,
  raw,
  uploadErrors,
  type Uploads,
} from "lagoon";
import { atom, inspect, link } from "../elixir.js";

/** Where /upload copies what it consumes (upstream: `System.tmp_dir!()/lvupload`), served at /tmp/lvupload/<name>. */
export const UPLOADED_DIR = join(tmpdir(), "lvupload");
/** The names copies get (an entry's uuid): the only names /tmp/lvupload serves. */
export const UPLOADED_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `inspect(error)` of an upload error: the reason as an atom. */
export const inspectError = (reason: string) => inspect(atom(reason));

const UPLOAD_STYLE = `<style>
      #drop-target {
        box-sizing: border-box;
        min-height: 260px;
        margin: 1rem 0;
        padding: 2rem;
        border: 4px dashed #475569;
        background: #e2e8f0;
        transition: background 150ms ease, border-color 150ms ease;
      }

      #drop-target.phx-drop-target-active {
        border-color: #15803d;
        background: #bbf7d0;
      }

      #drop-target-inner {
        min-height: 140px;
        display: flex;
        flex-direction: column;
        align-items: center;
        justify-content: center;
        gap: 0.5rem;
        border: 2px solid #94a3b8;
        background: white;
      }

      #drop-target.phx-drop-target-active #drop-target-inner {
        border-color: #16a34a;
        background: #f0fdf4;
      }
    </style>`;

const ERROR_TEXT: Record<string, string> = {
  too_large: "Too large",
  too_many_files: "You have selected too many files",
  not_accepted: "You have selected an unacceptable file type",
};
const errorToString = (reason: string) => ERROR_TEXT[reason] ?? reason;

const AVATAR = { accept: [".txt", ".md"], maxEntries: 2 } as const;

/** /upload (E2E.UploadLive) */
export const UploadLive = defineView<{ uploads: Uploads<"avatar">; uploadedFiles: string[] }>({
  name: "UploadLive",
  mount(_p, _s, socket) {
    socket.assign({ uploadedFiles: [] }).allowUpload("avatar", AVATAR);
  },
  handleParams(params, _url, socket) {
    if (params.auto_upload !== undefined) socket.allowUpload("avatar", { ...AVATAR, autoUpload: true });
    else if (params.external_upload !== undefined) {
      socket.allowUpload("avatar", { ...AVATAR, autoUpload: true, external: () => ({ uploader: "TestExternal" }) });
    }
  },
  events: {
    validate: () => undefined,
    "cancel-upload": (p: { ref?: string }, socket) => void socket.cancelUpload("avatar", p.ref),
    async save(_p, socket) {
      await mkdir(UPLOADED_DIR, { recursive: true });
      const files = await consumeUploadedEntries(socket, "avatar", async (file, entry) => {
        await copyFile(file.path, join(UPLOADED_DIR, entry.uuid));
        return `/tmp/lvupload/${entry.uuid}`;
      });
      socket.update("uploadedFiles", (list) => [...list, ...files]);
    },
  },
  render: (a) => {
    const avatar = a.uploads.avatar;
    return html`${raw(UPLOAD_STYLE)}

    ${link({ navigate: "/upload?replaced=1" }, "Replace view")}
    <form id="upload-form" phx-submit="save" phx-change="validate">
      ${liveFileInput(avatar)}
      <button type="submit">Upload</button>

      <section id="drop-target" phx-drop-target=${avatar.ref}>
        <div id="drop-target-inner">
          <strong>Inner drop target child</strong>
          <span>Drag a file across the outer padding and this inner element.</span>
        </div>

        ${avatar.entries.map(
          (entry) => html`<article class="upload-entry">
          <figure>
            ${liveImgPreview(entry)}
            <figcaption>${entry.clientName}</figcaption>
          </figure>
          <progress value=${entry.progress} max="100">${entry.progress}%</progress>
          <button
            type="button"
            phx-click="cancel-upload"
            phx-value-ref=${entry.ref}
            aria-label="cancel"
          >
            &times;
          </button>
          ${uploadErrors(avatar, entry).map((err) => html`<p class="alert alert-danger">${errorToString(err)}</p>`)}
        </article>`,
        )}
        ${uploadErrors(avatar).map((err) => html`<p class="alert alert-danger">${errorToString(err)}</p>`)}
      </section>

      <ul>
        ${a.uploadedFiles.map((file) => html`<li><a href=${file}>${file.slice(file.lastIndexOf("/") + 1)}</a></li>`)}
      </ul>
    </form>`;
  },
});

const entryName = (names: string[]) => names.join(",");

/** /issues/3319: a required input with two files submits */
export const Issue3319Live = defineView<{ uploads: Uploads<"documents">; submitted: string[] }>({
  name: "Issue3319Live",
  mount(_p, _s, socket) {
    socket.assign({ submitted: [] }).allowUpload("documents", { accept: "any", maxEntries: 2 });
  },
  events: {
    validate: () => undefined,
    async submit(_p, socket) {
      socket.assign({ submitted: await consumeUploadedEntries(socket, "documents", (_f, entry) => entry.clientName) });
    },
  },
  render: (a) => html`<form id="upload-form" phx-change="validate" phx-submit="submit">
      ${liveFileInput(a.uploads.documents, { required: true })}
      <button type="submit">Submit</button>

      ${a.uploads.documents.entries.map(
        (entry) => html`<p class="upload-entry">
        ${entry.clientName}
      </p>`,
      )}
    </form>

    <p id="submitted">${entryName(a.submitted)}</p>`,
});

const Issue3368UploadComponent = defineComponent<{ uploads: Uploads<"file">; savedFiles: string[] }>({
  name: "Issue3368Live.UploadComponent",
  mount(socket) {
    socket.allowUpload("file", { accept: [".jpg", ".jpeg", ".png", ".gif"], maxEntries: 1 }).assign({ savedFiles: [] });
  },
  events: {
    validate: () => undefined,
    async save(_p, socket) {
      socket.assign({ savedFiles: await consumeUploadedEntries(socket, "file", (_f, entry) => entry.clientName) });
    },
  },
  render: (a) => html`<div>
        <form id="upload-form" phx-change="validate" phx-submit="save" phx-target=${a.myself}>
          <div id="dropzone" phx-drop-target=${a.uploads.file.ref}>Drop files here</div>
          ${liveFileInput(a.uploads.file)}
          <button type="submit">Upload</button>
        </form>

        ${a.uploads.file.entries.map((entry) => html`<p class="upload-entry">${entry.clientName}</p>`)}
        ${uploadErrors(a.uploads.file).map(
          (err) => html`<p class="upload-error">
          ${inspectError(err)}
        </p>`,
        )}
        <p id="saved-files">${entryName(a.savedFiles)}</p>
      </div>`,
});

/** /issues/3368: an upload in a live component; a new drop replaces entries after too_many_files */
export const Issue3368Live = defineView({
  name: "Issue3368Live",
  render: () => html`${component(Issue3368UploadComponent, { id: "uploader" })}`,
});

/** /issues/3391: an invalid auto-upload does not lock the form it would submit */
export const Issue3391Live = defineView<{ uploads: Uploads<"document">; submitted: boolean; uploaded: boolean }>({
  name: "Issue3391Live",
  mount(_p, _s, socket) {
    socket.assign({ submitted: false, uploaded: false }).allowUpload("document", {
      accept: [".txt"],
      autoUpload: true,
      maxEntries: 1,
      async progress(name, entry, s) {
        if (!entry.done) return;
        await consumeUploadedEntries(s, name, () => undefined);
        s.assign({ uploaded: true });
      },
    });
  },
  events: {
    validate: () => undefined,
    cancel: (p: { ref?: string }, socket) => void socket.cancelUpload("document", p.ref),
    submit: (_p, socket) => void socket.assign({ submitted: true }),
  },
  render: (a) => html`<form id="upload-form" phx-change="validate" phx-submit="submit">
      ${liveFileInput(a.uploads.document)}
      <button type="submit">Submit</button>

      ${a.uploads.document.entries.map(
        (entry) => html`<article class="upload-entry">
        <span>${entry.clientName}: ${entry.progress}%</span>
        <button type="button" phx-click="cancel" phx-value-ref=${entry.ref}>Cancel</button>
        ${uploadErrors(a.uploads.document, entry).map(
          (err) => html`<p class="upload-error">
          ${inspectError(err)}
        </p>`,
        )}
      </article>`,
      )}
    </form>

    <p id="uploaded">uploaded: ${String(a.uploaded)}</p>
    <p id="submitted">submitted: ${String(a.submitted)}</p>`,
});

/** /issues/2835: `max_entries_mode: :total` counts the entries an auto upload consumed */
export const Issue2835Live = defineView<{ uploads: Uploads<"documents">; uploadedFiles: string[] }>({
  name: "Issue2835Live",
  mount(_p, _s, socket) {
    socket.assign({ uploadedFiles: [] }).allowUpload("documents", {
      accept: "any",
      autoUpload: true,
      maxEntries: 2,
      maxEntriesMode: "total",
      async progress(name, entry, s) {
        if (!entry.done) return;
        const names = await consumeUploadedEntries(s, name, (_f, e) => e.clientName);
        s.update("uploadedFiles", (list: string[]) => [...list, ...names]);
      },
    });
  },
  events: { validate: () => undefined },
  render: (a) => html`<form id="upload-form" phx-change="validate">
      ${liveFileInput(a.uploads.documents)}

      ${a.uploads.documents.entries.map(
        (entry) => html`<article
        class="upload-entry"
        data-name=${entry.clientName}
      >
        ${entry.clientName}: ${entry.progress}%
      </article>`,
      )}

      ${uploadErrors(a.uploads.documents).map(
        (err) => html`<p class="upload-error">
        ${inspectError(err)}
      </p>`,
      )}
    </form>

    <ul id="uploaded-files">
      ${a.uploadedFiles.map((name) => html`<li>${name}</li>`)}
    </ul>`,
});
