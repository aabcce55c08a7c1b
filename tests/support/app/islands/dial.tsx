/** The Dial fixture island: the count comes from the server; clicks it adds to it are counted locally too. */
import { useEffect, useState } from "react";
import type { IslandProps } from "../../../../islands/contract-entry.js";
import { Dial } from "./dial.contract.js";

export { Dial as contract };

export default function DialIsland({ props, emit, on, connected }: IslandProps<typeof Dial>) {
  const [clicks, setClicks] = useState(0);
  const [flashes, setFlashes] = useState<string[]>([]);
  useEffect(() => on("flash", ({ message }) => setFlashes((list) => [...list, message])), [on]);
  return (
    <section className="dial">
      <h2>
        {props.label}: <output className="dial-count">{props.count}</output>
      </h2>
      <button
        type="button"
        disabled={!connected}
        onClick={() => {
          setClicks((n) => n + 1);
          void emit("add", { by: 1 });
        }}
      >
        Add 1
      </button>
      <p className="dial-clicks">clicks: {clicks}</p>
      <ul className="dial-flashes">
        {flashes.map((message, i) => (
          <li key={i}>{message}</li>
        ))}
      </ul>
    </section>
  );
}
