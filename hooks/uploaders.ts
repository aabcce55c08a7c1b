/**
 * Lagoon's client uploaders for direct uploads (a view's `external`): the browser sends
 * the file itself to object storage, and reports progress to the view.
 *
 * `S3` takes `{ uploader: "S3", url, fields }` (an S3-compatible presigned POST: the form
 * fields, then the file, last as S3 requires), or `{ uploader: "S3", url, method: "PUT",
 * headers }` (a presigned PUT of the raw file). Any 2xx completes the entry.
 */

/** What an uploader gets of each entry (the official client's upload_entry.js). */
export interface ExternalEntry {
  readonly file: File;
  readonly meta: {
    readonly uploader: string;
    readonly url: string;
    readonly fields?: Readonly<Record<string, string>>;
    readonly method?: string;
    readonly headers?: Readonly<Record<string, string>>;
  };
  progress(percent: number): void;
  error(reason?: string): void;
  onCancel(callback: () => void): void;
}

/** A client uploader for direct uploads: sends each entry's file where its `meta` says, reporting progress (100 completes it) or an error. */
export type Uploader = (entries: ExternalEntry[], onViewError: (callback: () => void) => void) => void;

/** Uploads to S3-compatible storage with a presigned POST (`fields`) or PUT; see the module comment. */
export const S3: Uploader = (entries, onViewError) => {
  for (const entry of entries) {
    const { url, fields, method, headers } = entry.meta;
    const xhr = new XMLHttpRequest();
    onViewError(() => xhr.abort());
    entry.onCancel(() => xhr.abort());
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? entry.progress(100) : entry.error(`http_${xhr.status}`));
    xhr.onerror = () => entry.error("network_error");
    // 100 only once the storage answered: the view takes 100 as done
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) entry.progress(Math.min(99, Math.floor((e.loaded / e.total) * 100)));
    };
    if (fields) {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      form.append("file", entry.file);
      xhr.open("POST", url);
      xhr.send(form);
    } else {
      xhr.open(method ?? "PUT", url);
      for (const [name, value] of Object.entries(headers ?? {})) xhr.setRequestHeader(name, value);
      xhr.send(entry.file);
    }
  }
};

/** Lagoon's uploaders, by the name `external` returns as `uploader`. */
export const uploaders: Readonly<Record<string, Uploader>> = { S3 };
