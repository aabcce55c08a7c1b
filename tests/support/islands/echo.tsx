/**
 * A fixture island for server-side tests (registered with registerIsland, not in the
 * browser registry): shows its text and items, and counts its server renders.
 */
import { z } from "zod";
import { defineIsland, type IslandProps } from "../../../islands/index.js";

export const Echo = defineIsland("Echo", {
  props: z.object({ text: z.string(), items: z.array(z.string()) }),
  events: {
    say: z.object({ text: z.string().max(100) }),
    measure: { payload: z.object({ text: z.string() }), reply: z.object({ length: z.number() }) },
  },
  commands: { ping: z.object({ n: z.number() }) },
});

export const renders = { count: 0 };

export default function EchoIsland({ props }: IslandProps<typeof Echo>) {
  renders.count++;
  return (
    <div className="echo">
      <p className="echo-text">{props.text}</p>
      <ul>
        {props.items.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </ul>
    </div>
  );
}

export const echoModule = { contract: Echo, default: EchoIsland };
