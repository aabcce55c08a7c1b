/** The Clicker fixture island: a local click count and a focus note, nothing from the server but a label. */
import { useEffect, useState } from "react";
import type { IslandProps } from "../../../../islands/contract-entry.js";
import { Clicker } from "./clicker.contract.js";

export { Clicker as contract };

export default function ClickerIsland({ props }: IslandProps<typeof Clicker>) {
  const [clicks, setClicks] = useState(0);
  const [focused, setFocused] = useState(false);
  const [up, setUp] = useState(false);
  useEffect(() => setUp(true), []);
  return (
    <section className="clicker" data-up={up ? "" : undefined}>
      <h2>{props.label}</h2>
      <button type="button" onClick={() => setClicks((n) => n + 1)}>
        Clicked {clicks}
      </button>
      <input aria-label="Note" onFocus={() => setFocused(true)} />
      <p className="clicker-focus">{focused ? "focused" : "not focused"}</p>
    </section>
  );
}
