/**
 * The upload pages: /upload (E2E.UploadLive, `?auto_upload`, `?external_upload`), 2835,
 * 2965, 3319, 3368, 3391, 3647, 4078 and 4368. Reasons are Lagoon's strings; the pages print
 * them as Elixir atoms where upstream prints `inspect(error)`.
 */
import { copyFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  component,
  consumeUploadedEntries,
  defineComponent,
  defineView,
  EventRejected,
  html,
  liveFileInput,
  liveImgPreview,
  raw,
  uploadErrors,
  type Uploads,
} from "lagoon";
import { atom, inspect, link, Tuple } from "../elixir.js";

/** Where /upload copies what it consumes (upstream: `System.tmp_dir!()/lvupload`), served at /tmp/lvupload/<name>. */
export const UPLOADED_DIR = join(tmpdir(), "lvupload");
/** The names copies get (an entry's uuid): the only names /tmp/lvupload serves. */
export const UPLOADED_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `inspect(error)` of an upload error: the reason as an atom. */
const inspectError = (reason: string) => inspect(atom(reason));

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

/** Issue3647Live's layout: the JsUpload hook uploads a file through `uploadTo`, typing into another form before or after. */
export const ISSUE_3647_SCRIPT = `<script>
  window.hooks.JsUpload = {
    mounted() {
      this.el.addEventListener("click", () => {
        const fillBefore = "before" in this.el.dataset;
        if (fillBefore) this.fill_input();
        this.js_upload();
        if (!fillBefore) this.fill_input();
      });
    },

    js_upload() {
      const content = "x".repeat(1024).repeat(1024);
      const file = new File([content], "1mb_of_x.txt", {
        type: "text/plain",
      });
      const input = document.querySelector("input[type=file]");
      this.uploadTo(input.form, input.name, [file]);
    },

    fill_input() {
      const input = document.querySelector("input[type=text]");
      input.value = input.value + input.value.length;
      const event = new Event("input", { bubbles: true });
      input.dispatchEvent(event);
    },
  };
</script>
<style>
  * { font-size: 1.1em; }
</style>`;

/** /issues/3647: an upload whose input belongs to another form than the one a hook types into */
export const Issue3647Live = defineView<{ uploads: Uploads<"avatar">; uploadedFiles: string[]; name: string }>({
  name: "Issue3647Live",
  mount(_p, _s, socket) {
    socket.assign({ uploadedFiles: [], name: "" }).allowUpload("avatar", {
      accept: [".txt", ".md"],
      maxEntries: 2,
      autoUpload: true,
      async progress(name, entry, s) {
        if (!entry.done) return;
        const uuids = await consumeUploadedEntries(s, name, (_f, e) => e.uuid);
        s.update("uploadedFiles", (list: string[]) => [...uuids, ...list]);
      },
    });
  },
  handleParams() {},
  events: {
    "validate-user": (p: { user?: { name?: unknown } }, socket) => void socket.assign({ name: String(p.user?.name ?? "") }),
    validate: () => undefined,
    "cancel-upload": (p: { ref?: string }, socket) => void socket.cancelUpload("avatar", p.ref),
  },
  render: (a) => html`<main><form phx-change="validate-user" id="user-form">
      <input id="user_name" name="user[name]" value=${a.name} type="text" />
      <button id="x" type="button" phx-hook="JsUpload">
        Upload then Input
      </button>
      <button id="y" type="button" phx-hook="JsUpload" data-before>
        Input then Upload
      </button>
      ${liveFileInput(a.uploads.avatar, { form: "auto-form" })}
    </form>

    <form id="auto-form" phx-change="validate"></form>
    <section class="pending-uploads" phx-drop-target=${a.uploads.avatar.ref} style="min-height: 100%;">
      <h3>Pending Uploads (${a.uploads.avatar.entries.length})</h3>

      ${a.uploads.avatar.entries.map(
        (entry) => html`<div>
          <progress value=${entry.progress} max="100">${entry.progress}%</progress>
          <div>
            ${entry.uuid}<br />
            <a
              href="#"
              phx-click="cancel-upload"
              phx-value-ref=${entry.ref}
              class="upload-entry__cancel"
            >
              Cancel Upload
            </a>
          </div>
        </div>`,
      )}
    </section>

    <ul>
      ${a.uploadedFiles.map((file) => html`<li><a href=${file}>${file}</a></li>`)}
    </ul></main>`,
});

/** /issues/4078: the file input's disabled and class follow the assigns without losing its files */
export const Issue4078Live = defineView<{ uploads: Uploads<"avatar">; disabled: boolean; customClass: string }>({
  name: "Issue4078Live",
  mount(_p, _s, socket) {
    socket.assign({ disabled: true, customClass: "initial-class" }).allowUpload("avatar", {
      accept: [".jpg", ".jpeg", ".png", ".txt"],
      maxEntries: 2,
    });
  },
  events: {
    validate: () => undefined,
    "toggle-disabled": (_p, socket) => void socket.update("disabled", (d) => !d),
    "toggle-class": (_p, socket) => void socket.update("customClass", (c) => (c === "initial-class" ? "updated-class" : "initial-class")),
  },
  render: (a) => html`<form id="upload-form" phx-change="validate">
      ${liveFileInput(a.uploads.avatar, { disabled: a.disabled, class: a.customClass })}
    </form>

    <button id="toggle-disabled" type="button" phx-click="toggle-disabled">Toggle Disabled</button>
    <button id="toggle-class" type="button" phx-click="toggle-class">Toggle Class</button>

    ${a.uploads.avatar.entries.map(
      (entry) => html`<article class="upload-entry">
      <span class="entry-name">${entry.clientName}</span>
    </article>`,
    )}`,
});

/** Issue2965Live's layout: QueuedUploaderHook uploads the chosen files three at a time through `this.upload`. */
export const ISSUE_2965_SCRIPT = `<script>
  window.hooks.QueuedUploaderHook = {
    async mounted() {
      const maxConcurrency = this.el.dataset.maxConcurrency || 3;
      let filesRemaining = [];

      this.el.addEventListener("input", async (event) => {
        event.preventDefault();

        if (event.target instanceof HTMLInputElement) {
          const files_html = event.target.files;
          if (files_html) {
            const rawFiles = Array.from(files_html);
            const fileNames = rawFiles.map((f) => {
              return f.name;
            });

            this.pushEvent(
              "upload_scrub_list",
              { file_names: fileNames },
              ({ deduped_filenames }, ref) => {
                const files = rawFiles.filter((f) => {
                  return deduped_filenames.includes(f.name);
                });
                filesRemaining = files;
                const firstFiles = files.slice(0, maxConcurrency);
                this.upload("files", firstFiles);

                filesRemaining.splice(0, maxConcurrency);
              },
            );
          }
        }
      });

      this.handleEvent("upload_send_next_file", () => {
        if (filesRemaining.length > 0) {
          const nextFile = filesRemaining.shift();
          if (nextFile != undefined) {
            this.upload("files", [nextFile]);
          }
        } else {
          console.log("Done uploading, noop!");
        }
      });
    },
  };
</script>`;

const ERROR_2965: Record<string, string> = {
  too_large: "Too large",
  not_accepted: "You have selected an unacceptable file type",
  s3_error: "Error on writing to cloudflare",
};
const error2965 = (reason: string) => ERROR_2965[reason] ?? "unknown error";

/** /issues/2965: a hook queues 20 files through `this.upload`, three at a time, the next on each one done */
export const Issue2965Live = defineView<{ uploads: Uploads<"files"> }>({
  name: "Issue2965Live",
  mount(_p, _s, socket) {
    socket.allowUpload("files", {
      accept: "any",
      maxEntries: 1500,
      // minimum 5 mb for multipart
      chunkSize: 5 * 1_024 * 1_024,
      maxFileSize: 10_000_000_000,
      autoUpload: true,
      // NoOpWriter: keeps nothing, and takes up to 200 ms a chunk
      writer: () => ({
        write: () => new Promise((resolve) => setTimeout(resolve, Math.ceil(Math.random() * 200))),
        close: () => ({}),
      }),
      progress(_name, entry, s) {
        if (entry.done) s.pushEvent("upload_send_next_file", {});
      },
    });
  },
  events: {
    // dedupes against s3 upstream: a no-op here, to keep the original uploader hook
    upload_scrub_list: (p: { file_names?: unknown }) => ({ deduped_filenames: p.file_names }),
    validate: () => undefined,
    "cancel-upload": (p: { ref?: string }, socket) => void socket.cancelUpload("files", p.ref),
    save: () => undefined,
  },
  render: (a) => {
    const files = a.uploads.files;
    return html`<main>
      <h1>Uploader reproduction</h1>
      <form phx-submit="save" phx-change="validate">
        <section>
          ${liveFileInput(files, { style: "display: none;" })}
          <input
            id="fileinput"
            type="file"
            multiple
            phx-hook="QueuedUploaderHook"
            disabled=${files.entries.some((e) => !e.done)}
          />
          ${files.entries.length > 0 ? html`<h2>Currently uploading files</h2>` : ""}
          <div>
            <table>
              <!-- head -->
              <thead>
                <tr>
                  <th>File Name</th>
                  <th>Progress</th>
                  <th>Cancel</th>
                  <th>Errors</th>
                </tr>
              </thead>
              <tbody>
                ${files.entries.map(
                  (entry) => html`<tr>
                    <td>${entry.clientName}</td>
                    <td>
                      <progress value=${entry.progress} max="100">
                        ${entry.progress}%
                      </progress>
                    </td>

                    <td>
                      <button
                        type="button"
                        phx-click="cancel-upload"
                        phx-value-ref=${entry.ref}
                        aria-label="cancel"
                      >
                        <span>&times;</span>
                      </button>
                    </td>
                    <td>
                      ${uploadErrors(files, entry).map((err) => html`<p style="color: red;">${error2965(err)}</p>`)}
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>
          ${uploadErrors(files).map((err) => html`<p style="text-red">${error2965(err)}</p>`)}
        </section>
      </form>
    </main>`;
  },
});

/** Issue4368Live.Writer's refusal: upstream `{:error, :invalid_pdf, name}`, shown as `{:writer_failure, :invalid_pdf}`. */
const INVALID_PDF = "invalid_pdf";
const inspect4368 = (reason: string) =>
  reason === INVALID_PDF ? inspect(new Tuple(atom("writer_failure"), atom(reason))) : inspectError(reason);

/** /issues/4368: a writer failing on the chunk "error" (and sleeping on "delay"), 5-byte chunks */
export const Issue4368Live = defineView<{ uploads: Uploads<"documents">; consumed: string[]; submitted: boolean }>({
  name: "Issue4368Live",
  mount(_p, _s, socket) {
    socket.assign({ consumed: [], submitted: false }).allowUpload("documents", {
      accept: "any",
      autoUpload: true,
      chunkSize: 5,
      maxEntries: 2,
      async progress(name, entry, s) {
        if (!entry.done) return;
        const names = await consumeUploadedEntries(s, name, (_f, e) => e.clientName);
        s.update("consumed", (list: string[]) => [...names, ...list]);
      },
      writer: (entry) => ({
        async write(chunk) {
          const text = new TextDecoder().decode(chunk);
          if (text === "error") throw new EventRejected(INVALID_PDF, `${entry.clientName} is not a PDF`);
          if (text === "delay") await new Promise((resolve) => setTimeout(resolve, 500));
        },
        close: () => ({ name: entry.clientName }),
      }),
    });
  },
  events: {
    validate: () => undefined,
    cancel: (p: { ref?: string }, socket) => void socket.cancelUpload("documents", p.ref),
    submit: (_p, socket) => void socket.assign({ submitted: true }),
  },
  render: (a) => html`<div id="issue-4368">
      <form id="upload-form" phx-change="validate" phx-submit="submit">
        ${liveFileInput(a.uploads.documents)}
        <button type="submit">Submit</button>
      </form>

      <p id="submitted">submitted: ${String(a.submitted)}</p>
      <p id="consumed">consumed: ${a.consumed.join(",")}</p>

      ${a.uploads.documents.entries.map(
        (entry) => html`<article
        class="upload-entry"
        data-name=${entry.clientName}
      >
        <span>${entry.clientName}: ${entry.progress}%</span>
        <button type="button" phx-click="cancel" phx-value-ref=${entry.ref}>Cancel</button>
        ${uploadErrors(a.uploads.documents, entry).map(
          (err) => html`<p class="upload-error">
          ${inspect4368(err)}
        </p>`,
        )}
      </article>`,
      )}
    </div>`,
});
