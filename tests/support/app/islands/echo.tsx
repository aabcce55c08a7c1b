/** The Echo fixture island; counts its server renders (tests/islands/render.test.ts reads them). */
import type { IslandProps } from "../../../../islands/contract-entry.js";
import { Echo } from "./echo.contract.js";

export { Echo as contract };

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
