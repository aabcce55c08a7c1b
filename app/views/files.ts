/**
 * /files: choose up to five files (images, PDF, text; 8 MB each) with the live file
 * input or drop them; each uploads at once with its progress bar and a Cancel, and
 * Upload keeps them; download what was stored. A file over the limit or of another type
 * shows its error beside it and is never sent.
 */
import { consumeUploadedEntries, defineView, html, liveFileInput, uploadErrors, type Upload, type UploadEntry, type Uploads } from "lagoon";
import type { AuthAssigns } from "../auth.js";
import { FILE_LIMITS, type Files, type StoredFile } from "../files.js";

const MESSAGES: Record<string, string> = {
  too_large: `Too large: at most ${FILE_LIMITS.maxFileSize / 1_000_000} MB`,
  not_accepted: "Not an image, PDF or text file",
  too_many_files: `At most ${FILE_LIMITS.maxEntries} files at once`,
  invalid_name: "The file name cannot be used",
  not_an_image: "Not an image: its contents say otherwise",
  writer_error: "The server could not store it",
};
const message = (reason: string) => MESSAGES[reason] ?? "Upload failed";

const size = (bytes: number) =>
  bytes < 1000 ? `${bytes} B` : bytes < 1_000_000 ? `${(bytes / 1000).toFixed(1)} kB` : `${(bytes / 1_000_000).toFixed(1)} MB`;

const entry = (upload: Upload, e: UploadEntry) => html`<li id=${`entry-${e.ref}`} class="entry">
  <span class="name">${e.clientName}</span> <span class="size">${size(e.clientSize)}</span>
  <progress value=${e.progress} max="100" aria-label=${`${e.clientName} uploaded`}>${e.progress}%</progress> <span class="pct">${e.progress}%</span>
  ${uploadErrors(upload, e).map((r) => html`<span class="error" role="alert">${message(r)}</span>`)}
  <button type="button" phx-click="cancel" phx-value-ref=${e.ref} aria-label=${`Cancel ${e.clientName}`}>Cancel</button>
</li>`;

type FilesAssigns = AuthAssigns & { uploads: Uploads<"files">; stored: StoredFile[]; pageTitle: string };

export function filesLive(files: Files) {
  return defineView<FilesAssigns>({
    name: "FilesLive",
    async mount(_params, _session, socket) {
      // requireUser ran first: only logged-in users get here
      socket.assign({ pageTitle: "Files", stored: await files.list(socket.assigns.currentUser!) });
      socket.allowUpload("files", files.uploadOptions());
    },
    events: {
      validate: () => {},
      cancel: (params: { ref?: unknown }, socket) => {
        socket.cancelUpload("files", params.ref);
      },
      save: async (_params, socket) => {
        const user = socket.assigns.currentUser!;
        await consumeUploadedEntries(socket, "files", (file, e) => files.add(user, file, e));
        socket.assign({ stored: await files.list(user) });
      },
    },
    render: (a) => {
      const upload = a.uploads.files;
      return html`<main>
  <h1>Files</h1>
  <form id="upload-form" phx-change="validate" phx-submit="save">
    <div id="drop-zone" class="drop-zone" phx-drop-target=${upload.ref}>
      <label for=${upload.ref}>Choose files</label> or drop them here: up to ${FILE_LIMITS.maxEntries}, ${FILE_LIMITS.maxFileSize / 1_000_000} MB each (images, PDF, text).
      ${liveFileInput(upload)}
    </div>
    <ul id="entries">${upload.entries.map((e) => entry(upload, e))}</ul>
    ${uploadErrors(upload).map((r) => html`<p class="error" role="alert">${message(r)}</p>`)}
    <button type="submit">Upload</button>
  </form>
  <h2>Your files</h2>
  <ul id="files">${a.stored.map((f) => html`<li><a href=${`/files/${f.id}/download`}>${f.name}</a> <small>${size(f.size)}</small></li>`)}</ul>
</main>`;
    },
  });
}
