/** The Echo fixture island; counts its server renders (tests/islands/render.test.ts reads them). */
import type { IslandProps } from "../../../../islands/contract-entry.js";
import { Echo } from "./echo.contract.js";

export { Echo as contract };

export const renders = { count: 0 };

export default function EchoIsland({ props }: IslandProps<typeof Echo>) {
  renders.count++;
  // a render that fails in the browser only (the server renders it fine): for the error signals' test
  if (props.text === "crash in the browser" && typeof window !== "undefined") throw new Error("Echo crashed on purpose");
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
