/** The todos as a drag-and-drop board (/board): two columns, cards in board order (zod/mini, like every demo contract). */
import { z } from "zod/mini";
import { defineIsland } from "lagoon/islands/contract";

export const BoardColumn = z.enum(["todo", "done"]);

const Card = z.object({
  id: z.int().check(z.positive()),
  title: z.string(),
  owner: z.string(),
  private: z.boolean(),
});

const TodoId = z.int().check(z.positive(), z.maximum(Number.MAX_SAFE_INTEGER));

export const Board = defineIsland("Board", {
  /** Each column's cards, top to bottom. */
  props: z.object({ todo: z.array(Card), done: z.array(Card) }),
  events: {
    /** Put card `id` at `index` in column `to` (counted without the card itself). */
    move: {
      payload: z.object({ id: TodoId, to: BoardColumn, index: z.int().check(z.minimum(0), z.maximum(1_000_000)) }),
      // a move the domain refuses (the todo is gone, or not the viewer's to see) is a typed answer, not an error
      reply: z.object({ ok: z.boolean(), error: z.optional(z.string()) }),
    },
    /** Open the card in the page's edit form (server-rendered, around the island). */
    select: z.object({ id: TodoId }),
  },
  commands: {
    /** Briefly highlight a card that just changed. */
    highlight: z.object({ id: TodoId }),
  },
  samples: {
    "a few cards": {
      todo: [
        { id: 1, title: "Water the plants", owner: "Alice", private: false },
        { id: 2, title: "Book the ferry", owner: "Bob", private: true },
      ],
      done: [{ id: 3, title: "Buy sunscreen", owner: "Alice", private: false }],
    },
    empty: { todo: [], done: [] },
  },
});
