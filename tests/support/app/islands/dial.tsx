/**
 * The Dial fixture island: the count and label are the server's props; the step, the label
 * draft, the last reply and the commands received are its own React state, which a props
 * update or a reconnect must keep.
 */
import { useEffect, useState, type FormEvent } from "react";
import type { IslandProps } from "../../../../islands/contract-entry.js";
import { Dial } from "./dial.contract.js";

export { Dial as contract };

export default function DialIsland({ props, emit, on, connected }: IslandProps<typeof Dial>) {
  const [step, setStep] = useState(1);
  const [draft, setDraft] = useState(props.label);
  const [note, setNote] = useState("");
  const [flashes, setFlashes] = useState<string[]>([]);
  useEffect(() => on("flash", ({ message }) => setFlashes((list) => [...list, message])), [on]);
  const rename = (event: FormEvent) => {
    event.preventDefault();
    emit("rename", { label: draft }).then(
      (reply) => setNote(`Renamed to ${reply.label} (${reply.length} characters)`),
      (error: unknown) => setNote(`Not renamed: ${String(error)}`),
    );
  };
  return (
    <section className="dial">
      <h2>
        {props.label}: <output className="dial-count">{props.count}</output>
      </h2>
      <input type="number" aria-label="Step" value={step} onChange={(e) => setStep(Number(e.target.value) || 1)} />
      <button type="button" disabled={!connected} onClick={() => void emit("add", { by: step })}>
        Add {step}
      </button>
      <form onSubmit={rename}>
        <input aria-label="Label" value={draft} onChange={(e) => setDraft(e.target.value)} />
        <button type="submit" disabled={!connected}>
          Rename
        </button>
      </form>
      <p className="dial-note">{note}</p>
      <ul className="dial-flashes">
        {flashes.map((message, i) => (
          <li key={i}>{message}</li>
        ))}
      </ul>
    </section>
  );
}
