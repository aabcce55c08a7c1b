/**
 * The demo island: the count and label come from the server as props; the step, the
 * label draft and the flashes are the island's own React state, kept across props updates.
 */
import { useEffect, useState, type FormEvent } from "react";
import type { IslandProps } from "lagoon/islands/contract";
import { Tally } from "./tally.contract.js";

export { Tally as contract };

export default function TallyIsland({ props, emit, on, connected }: IslandProps<typeof Tally>) {
  const [step, setStep] = useState(1);
  const [draft, setDraft] = useState(props.label);
  const [note, setNote] = useState("");
  const [flashes, setFlashes] = useState<string[]>([]);

  useEffect(() => on("flash", ({ message }) => setFlashes((list) => [...list.slice(-4), message])), [on]);

  const add = () => {
    emit("add", { by: step }).catch((error: unknown) => setNote(`Not added: ${String(error)}`));
  };
  const rename = (event: FormEvent) => {
    event.preventDefault();
    emit("rename", { label: draft }).then(
      (reply) => setNote(`Renamed to ${reply.label} (${reply.length} characters)`),
      (error: unknown) => setNote(`Not renamed: ${String(error)}`),
    );
  };

  return (
    <section className="tally" aria-label="Tally island">
      <h2>
        {props.label}: <output className="tally-count">{props.count}</output>
      </h2>
      <p>
        <label>
          Step{" "}
          <input
            type="number"
            min={1}
            max={10}
            value={step}
            onChange={(e) => setStep(Math.min(10, Math.max(1, Number(e.target.value) || 1)))}
          />
        </label>{" "}
        <button type="button" onClick={add} disabled={!connected}>
          Add {step}
        </button>
      </p>
      <form onSubmit={rename}>
        <label>
          Label <input value={draft} maxLength={80} onChange={(e) => setDraft(e.target.value)} />
        </label>{" "}
        <button type="submit" disabled={!connected}>
          Rename
        </button>
      </form>
      <p className="tally-note" role="status">
        {note}
      </p>
      <ul className="tally-flashes">
        {flashes.map((message, i) => (
          <li key={i}>{message}</li>
        ))}
      </ul>
    </section>
  );
}
