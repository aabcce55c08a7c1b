/** What a user whose change lost a race reads: the todo changed, and what it is now. */
import type { Todo } from "../todos.js";

export function changedBy(current: Todo, retry = ""): string {
  return `Changed by someone else: it now reads “${current.title}”${current.done ? " (done)" : ""}.${retry && ` ${retry}`}`;
}

export const SAVE_AGAIN = "Save again to replace it.";
