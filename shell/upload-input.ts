/**
 * Template helpers for uploads (Phoenix's live_file_input, live_img_preview and
 * upload_errors): the file input the official client's LiveFileUpload hook drives, an
 * image preview of a selected file, and the errors to show.
 *
 *   <form id="upload-form" phx-change="validate" phx-submit="save">
 *     <div phx-drop-target=${a.uploads.avatar.ref}>${liveFileInput(a.uploads.avatar)}</div>
 *     ${a.uploads.avatar.entries.map((e) => html`<progress value=${e.progress} max="100"></progress>`)}
 *   </form>
 */
import { html, type Template } from "./template.js";
import type { Upload, UploadEntry } from "./upload-types.js";

/** Attributes a file input may carry besides those the hook needs. */
export interface FileInputAttrs {
  readonly class?: string;
  /** Inline style: a hidden input a hook uploads through (`this.upload(name, files)`), say. */
  readonly style?: string;
  /** Overrides the upload's `accept` in the markup (the server still checks the upload's own). */
  readonly accept?: string;
  readonly required?: boolean;
  readonly disabled?: boolean;
  /** The id of the form the input belongs to, when it is not inside it. */
  readonly form?: string;
  readonly capture?: string;
  readonly webkitdirectory?: boolean;
  readonly "aria-label"?: string;
  readonly "aria-describedby"?: string;
}

const refs = (entries: readonly UploadEntry[]) => entries.map((e) => e.ref).join(",");

/**
 * The upload's file input, inside a form with `phx-change`: its id is the upload's ref,
 * and its data attributes tell the client which entries are active, preflighted, done or
 * refused. `multiple` when the upload takes more than one file.
 */
export function liveFileInput(upload: Upload, attrs: FileInputAttrs = {}): Template {
  const accept = attrs.accept ?? (upload.accept === "any" ? false : upload.accept.join(","));
  const errorRefs = upload.errors.length ? [...new Set(upload.errors.map(([ref]) => ref))].join(",") : false;
  return html`<input id=${upload.ref} type="file" name=${upload.name} accept=${accept} data-phx-hook="Phoenix.LiveFileUpload" data-phx-upload-ref=${upload.ref} data-phx-active-refs=${refs(upload.entries)} data-phx-done-refs=${refs(upload.entries.filter((e) => e.done))} data-phx-preflighted-refs=${refs(upload.entries.filter((e) => e.preflighted))} data-phx-error-refs=${errorRefs} data-phx-auto-upload=${upload.autoUpload} multiple=${upload.maxEntries > 1} class=${attrs.class ?? false} style=${attrs.style ?? false} required=${!!attrs.required} disabled=${!!attrs.disabled} form=${attrs.form ?? false} capture=${attrs.capture ?? false} webkitdirectory=${!!attrs.webkitdirectory} aria-label=${attrs["aria-label"] ?? false} aria-describedby=${attrs["aria-describedby"] ?? false}>`;
}

/** A preview of a selected image, drawn by the client from the file itself (nothing is uploaded for it). */
export function liveImgPreview(
  entry: UploadEntry,
  attrs: { id?: string; width?: number; height?: number; alt?: string; class?: string } = {},
): Template {
  return html`<img id=${attrs.id ?? `phx-preview-${entry.ref}`} data-phx-upload-ref=${entry.uploadRef} data-phx-entry-ref=${entry.ref} data-phx-hook="Phoenix.LiveImgPreview" data-phx-update="ignore" width=${attrs.width ?? false} height=${attrs.height ?? false} alt=${attrs.alt ?? false} class=${attrs.class ?? false}>`;
}

/**
 * The reasons an entry was refused (`too_large`, `not_accepted`, `invalid_name`,
 * `not_an_image`, `writer_error`, a reason `external` rejected with), or, without an
 * entry, the upload's own (`too_many_files`).
 */
export function uploadErrors(upload: Upload, entry?: UploadEntry): string[] {
  const ref = entry ? entry.ref : upload.ref;
  return upload.errors.filter(([r]) => r === ref).map(([, reason]) => reason);
}
