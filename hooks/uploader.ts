/**
 * What a client uploader for direct uploads (a view's `external`) is: the official client
 * calls one with the entries whose `meta` names it, and a way to learn that the view failed.
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
