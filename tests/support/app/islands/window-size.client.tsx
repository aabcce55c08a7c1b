/** A client-only fixture island: it reads `window` as its module loads, which would stop a server that imported it. */
import type { IslandProps } from "../../../../islands/contract-entry.js";
import { WindowSize } from "./window-size.contract.js";

const width = window.innerWidth;

export { WindowSize as contract };

export default function WindowSizeIsland({ props }: IslandProps<typeof WindowSize>) {
  return (
    <p className="window-size">
      {props.title}: {width} px wide
    </p>
  );
}
