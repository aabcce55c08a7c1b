/**
 * The Shelf fixture island: the view's header slot and children inside React's layout, a
 * local counter (React state that must survive), a button that hides the header slot, and
 * its notes stream, each note a memoized component counting renders in `window.__notes`.
 */
import { memo, useState } from "react";
import { useStream, type IslandProps } from "../../../../islands/contract-entry.js";
import { Shelf } from "./shelf.contract.js";

export { Shelf as contract };

const NoteLine = memo(function NoteLine({ note }: { note: { id: number; text: string; at: Date } }) {
  if (typeof window !== "undefined") {
    const renders = ((window as unknown as { __notes?: Record<number, number> }).__notes ??= {});
    renders[note.id] = (renders[note.id] ?? 0) + 1;
  }
  return (
    <li id={`note-${note.id}`} data-at={note.at instanceof Date ? note.at.toISOString() : "not a date"}>
      {note.text}
    </li>
  );
});

export default function ShelfIsland({ props, slots, children, connected }: IslandProps<typeof Shelf>) {
  const [local, setLocal] = useState(0);
  const [showHeader, setShowHeader] = useState(true);
  const notes = useStream(Shelf, "notes");
  return (
    <article className="shelf">
      <h2 className="shelf-title">{props.title}</h2>
      {showHeader ? <header className="shelf-header">{slots.header}</header> : null}
      <button type="button" disabled={!connected} onClick={() => setLocal((n) => n + 1)}>
        Local {local}
      </button>
      <button type="button" onClick={() => setShowHeader((s) => !s)}>
        Toggle header
      </button>
      <div className="shelf-body">{children}</div>
      <ul className="shelf-notes">
        {notes.map((note) => (
          <NoteLine key={note.id} note={note} />
        ))}
      </ul>
    </article>
  );
}
