/** A fixture island with an ordinary name that reads `window` as its module loads: its contract's `load: "only"` keeps the server from importing it. */
import type { IslandProps } from "../../../../islands/contract-entry.js";
import { ColorDepth } from "./color-depth.contract.js";

const depth = window.screen.colorDepth;

export { ColorDepth as contract };

export default function ColorDepthIsland({ props }: IslandProps<typeof ColorDepth>) {
  return (
    <p className="color-depth">
      {props.title}: {depth} bits
    </p>
  );
}
