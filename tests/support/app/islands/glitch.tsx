/** The Glitch fixture island (errors that stay in their island). */
import type { IslandProps } from "../../../../islands/contract-entry.js";
import { Glitch } from "./glitch.contract.js";

export { Glitch as contract };

export default function GlitchIsland({ props }: IslandProps<typeof Glitch>) {
  const browser = typeof window !== "undefined";
  if (props.fail === "server" && !browser) throw new Error("Glitch failed on the server on purpose");
  if (props.fail === "browser" && browser) throw new Error("Glitch failed in the browser on purpose");
  if (props.text === "boom" && browser) throw new Error("Glitch failed on new props on purpose");
  const text = props.fail === "mismatch" ? (browser ? "drawn in the browser" : "drawn on the server") : props.text;
  return <p className="glitch-text">{text}</p>;
}
