/**
 * Lagoon's client uploaders for direct uploads (a view's `external`): the browser sends
 * the file itself to object storage, and reports progress to the view.
 *
 * `S3` takes `{ uploader: "S3", url, fields }` (an S3-compatible presigned POST: the form
 * fields, then the file, last as S3 requires), or `{ uploader: "S3", url, method: "PUT",
 * headers }` (a presigned PUT of the raw file). Any 2xx completes the entry.
 */
import type { Uploader } from "./uploader.js";

/**
 * Uploads to S3-compatible storage with a presigned POST (`fields`) or PUT; see the module
 * comment. Its code (s3-upload.ts) loads with the page's first direct upload; a view that
 * fails meanwhile stops the upload before it starts, as it aborts one under way.
 */
export const S3: Uploader = (entries, onViewError) => {
  let failed = false;
  const aborts: (() => void)[] = [];
  onViewError(() => {
    failed = true;
    for (const abort of aborts) abort();
  });
  import("./s3-upload.js").then(
    ({ uploadToS3 }) => failed || uploadToS3(entries, (abort) => aborts.push(abort)),
    () => {
      for (const entry of entries) entry.error("uploader_unavailable");
    },
  );
};

/** Lagoon's uploaders, by the name `external` returns as `uploader`. */
export const uploaders: Readonly<Record<string, Uploader>> = { S3 };
