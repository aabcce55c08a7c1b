/**
 * The upload pages of issues 2965, 3647, 4078 and 4368: uploads through a hook, an input's
 * attributes changing under its files, a writer of the page's own (the others are in uploads.ts).
 */
import { consumeUploadedEntries, defineView, EventRejected, html, liveFileInput, uploadErrors, type Uploads } from "lagoon";
import { atom, inspect, Tuple } from "../elixir.js";
import { inspectError } from "./uploads.js";

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
