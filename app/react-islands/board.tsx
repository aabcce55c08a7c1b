/**
 * The board island: the viewer's todos in two columns, reordered by drag and drop with
 * @dnd-kit, by pointer or keyboard (Tab to a card's handle, Space to pick it up, arrows to
 * move it, within or across columns, Space to drop, Escape to cancel).
 *
 * A drop shows the new order at once and emits `move`; the server's props, which follow
 * every committed change (this user's and everyone else's), are the truth: they replace the
 * local order as soon as they arrive, and a refused move falls back to them.
 */
import { useEffect, useId, useRef, useState, type CSSProperties } from "react";
import {
  closestCorners,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragOverEvent,
  type UniqueIdentifier,
} from "@dnd-kit/core";
import { arrayMove, SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import type { IslandProps, PropsOf } from "lagoon/islands/contract";
import { Board } from "./board.contract.js";

export { Board as contract };

type Columns = PropsOf<typeof Board>;
type Column = keyof Columns;
type Card = Columns[Column][number];

const COLUMNS: readonly [Column, string][] = [
  ["todo", "To do"],
  ["done", "Done"],
];
const TITLES: Record<Column, string> = { todo: "To do", done: "Done" };

/** The column holding `id` (a card id or a column id). */
function columnOf(columns: Columns, id: UniqueIdentifier): Column | undefined {
  if (id === "todo" || id === "done") return id;
  if (columns.todo.some((c) => c.id === id)) return "todo";
  if (columns.done.some((c) => c.id === id)) return "done";
  return undefined;
}

function findCard(columns: Columns, id: UniqueIdentifier): Card | undefined {
  return columns.todo.find((c) => c.id === id) ?? columns.done.find((c) => c.id === id);
}

/**
 * Where card `active` would land over `over` (a card or a column), as the screen reader
 * hears it. Within a column the list keeps its order until the drop, so the place is read
 * from the card it is over.
 */
function place(columns: Columns, active: UniqueIdentifier, over: UniqueIdentifier): string {
  const column = columnOf(columns, over);
  if (!column) return "";
  const list = columns[column];
  const inList = list.some((c) => c.id === active);
  const at = over === column ? (inList ? list.findIndex((c) => c.id === active) : list.length) : list.findIndex((c) => c.id === over);
  return `${TITLES[column]}, position ${at + 1} of ${list.length + (inList ? 0 : 1)}`;
}

export default function BoardIsland({ props, emit, on, connected }: IslandProps<typeof Board>) {
  // the order shown while dragging and until the server answers; dropped when new props arrive
  const [local, setLocal] = useState<{ base: Columns; columns: Columns } | null>(null);
  const columns = local && local.base === props ? local.columns : props;
  const [start, setStart] = useState<{ column: Column; index: number } | null>(null);
  const [note, setNote] = useState("");
  const [highlighted, setHighlighted] = useState<number | null>(null);
  // dnd-kit's own ids count up per process, so the server's and the browser's would differ
  const dndId = useId();

  useEffect(
    () =>
      on("highlight", ({ id }) => {
        setHighlighted(id);
        setTimeout(() => setHighlighted((current) => (current === id ? null : current)), 1500);
      }),
    [on],
  );

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const title = (id: UniqueIdentifier) => findCard(columns, id)?.title ?? "card";
  // announce a move only when the card's place changed (dnd-kit also reports "over" for the pick-up itself)
  const announcedPlace = useRef("");
  const announcements: Announcements = {
    onDragStart: ({ active }) => {
      announcedPlace.current = place(columns, active.id, active.id);
      return `Picked up ${title(active.id)}, ${announcedPlace.current}.`;
    },
    onDragOver: ({ active, over }) => {
      const now = over ? place(columns, active.id, over.id) : "";
      if (!now || now === announcedPlace.current) return undefined;
      announcedPlace.current = now;
      return `${title(active.id)} is over ${now}.`;
    },
    onDragEnd: ({ active, over }) =>
      over ? `Dropped ${title(active.id)} at ${place(columns, active.id, over.id)}.` : `Dropped ${title(active.id)}.`,
    onDragCancel: ({ active }) => `Cancelled. ${title(active.id)} is back where it was.`,
  };

  /** Moves the active card into another column as it crosses over (the multi-list pattern). */
  const onDragOver = ({ active, over }: DragOverEvent) => {
    if (!over) return;
    const from = columnOf(columns, active.id);
    const to = columnOf(columns, over.id);
    if (!from || !to || from === to) return;
    const card = findCard(columns, active.id)!;
    const target = columns[to];
    const overIndex = target.findIndex((c) => c.id === over.id);
    const at = overIndex < 0 ? target.length : overIndex;
    setLocal({
      base: props,
      columns: {
        ...columns,
        [from]: columns[from].filter((c) => c.id !== active.id),
        [to]: [...target.slice(0, at), card, ...target.slice(at)],
      },
    });
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const from = start;
    setStart(null);
    const column = columnOf(columns, active.id);
    if (!over || !from || !column) return setLocal(null);
    let next = columns;
    const overColumn = columnOf(columns, over.id);
    if (overColumn === column && over.id !== column) {
      const list = columns[column];
      next = {
        ...columns,
        [column]: arrayMove(
          list,
          list.findIndex((c) => c.id === active.id),
          list.findIndex((c) => c.id === over.id),
        ),
      };
    }
    const index = next[column].findIndex((c) => c.id === active.id);
    if (column === from.column && index === from.index) return setLocal(null);
    setLocal({ base: props, columns: next });
    setNote("");
    const id = active.id as number;
    emit("move", { id, to: column, index }).then(
      (reply) => {
        if (!reply.ok) setNote(`Not moved: ${reply.error ?? "refused"}`);
        setLocal(null);
      },
      (error: unknown) => {
        setNote(`Not moved: ${error instanceof Error ? error.message : String(error)}`);
        setLocal(null);
      },
    );
  };

  return (
    <div className="board">
      <DndContext
        id={dndId}
        sensors={sensors}
        collisionDetection={closestCorners}
        accessibility={{ announcements }}
        onDragStart={({ active }) => {
          const column = columnOf(columns, active.id);
          if (column) setStart({ column, index: columns[column].findIndex((c) => c.id === active.id) });
          setLocal({ base: props, columns });
        }}
        onDragOver={onDragOver}
        onDragEnd={onDragEnd}
        onDragCancel={() => {
          setStart(null);
          setLocal(null);
        }}
      >
        <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: "1rem" }}>
          {COLUMNS.map(([column, heading]) => (
            <BoardColumn
              key={column}
              idPrefix={dndId}
              column={column}
              heading={heading}
              cards={columns[column]}
              connected={connected}
              highlighted={highlighted}
              onSelect={(id) => void emit("select", { id }).catch((error: unknown) => setNote(String(error)))}
            />
          ))}
        </div>
      </DndContext>
      <p className="board-note" role="status">
        {note}
      </p>
    </div>
  );
}

function BoardColumn(p: {
  /** Unique per board: a page (the gallery) may hold several. */
  idPrefix: string;
  column: Column;
  heading: string;
  cards: readonly Card[];
  connected: boolean;
  highlighted: number | null;
  onSelect: (id: number) => void;
}) {
  const { setNodeRef } = useDroppable({ id: p.column });
  return (
    <section className={`board-column board-${p.column}`} aria-labelledby={`${p.idPrefix}-${p.column}`}>
      <h2 id={`${p.idPrefix}-${p.column}`}>
        {p.heading} <small>({p.cards.length})</small>
      </h2>
      <SortableContext id={`${p.idPrefix}-${p.column}-list`} items={p.cards.map((c) => c.id)} strategy={verticalListSortingStrategy}>
        <ul ref={setNodeRef} className="board-cards" style={{ minHeight: "3rem", listStyle: "none", padding: 0 }}>
          {p.cards.map((card) => (
            <BoardCard key={card.id} card={card} connected={p.connected} highlighted={p.highlighted === card.id} onSelect={p.onSelect} />
          ))}
        </ul>
      </SortableContext>
    </section>
  );
}

function BoardCard({
  card,
  connected,
  highlighted,
  onSelect,
}: {
  card: Card;
  connected: boolean;
  highlighted: boolean;
  onSelect: (id: number) => void;
}) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: card.id,
    disabled: !connected,
  });
  const style: CSSProperties = {
    transform: transform ? `translate3d(${Math.round(transform.x)}px, ${Math.round(transform.y)}px, 0)` : undefined,
    transition: transition ?? undefined,
    opacity: isDragging ? 0.6 : 1,
    outline: highlighted ? "2px solid #f5a524" : undefined,
    display: "flex",
    gap: "0.5rem",
    alignItems: "center",
    padding: "0.5rem",
    margin: "0 0 0.5rem",
    border: "1px solid #ccc",
    borderRadius: "6px",
    background: "#fff",
  };
  return (
    <li ref={setNodeRef} className="board-card" style={style} data-highlighted={highlighted || undefined}>
      <button
        type="button"
        ref={setActivatorNodeRef}
        className="board-handle"
        aria-label={`Move ${card.title}`}
        {...attributes}
        {...listeners}
      >
        ⠿
      </button>
      <span className="board-title">{card.title}</span>
      <small>
        {card.owner}
        {card.private ? " · private" : ""}
      </small>
      <button
        type="button"
        className="board-edit"
        aria-label={`Edit ${card.title}`}
        disabled={!connected}
        onClick={() => onSelect(card.id)}
      >
        Edit
      </button>
    </li>
  );
}
