/**
 * What the S3 uploader (uploaders.ts) does once its code has loaded, with a page's first
 * direct upload: each entry's file to the storage, its progress to the view.
 */
import type { ExternalEntry } from "./uploader.js";

/** Uploads `entries`; `onViewError` registers what stops them when the view fails. */
export function uploadToS3(entries: ExternalEntry[], onViewError: (callback: () => void) => void): void {
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
}
