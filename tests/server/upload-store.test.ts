/** Temporary upload files: what a killed server left is removed by the next start, and only that. */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createUploadStore } from "../../server/upload-store.js";

const root = mkdtempSync(join(tmpdir(), "lagoon-upload-store-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A server process mid-upload: it opens an upload file, writes to it, and reports its path. */
function uploadingProcess(dir: string): Promise<{ path: string; kill(): Promise<void> }> {
  const code = `import { createUploadStore } from ${JSON.stringify(new URL("../../server/upload-store.ts", import.meta.url).pathname)};
const sink = await createUploadStore({ dir: ${JSON.stringify(dir)} }).open();
await sink.write(new Uint8Array(1000));
console.log("PATH " + sink.path);
setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      const m = /PATH (\S+)/.exec(chunk.toString());
      if (m)
        resolve({
          path: m[1]!,
          kill: () => new Promise((done) => (child.once("exit", () => done()), child.kill("SIGKILL"))),
        });
    });
    child.once("exit", (code) => reject(new Error(`the uploading process exited with ${code}`)));
  });
}

describe("the upload store", () => {
  it("removes the files of a server killed mid-upload when the next one starts", async () => {
    const dir = join(root, "killed");
    const running = await uploadingProcess(dir);
    expect(statSync(running.path).size).toBe(1000);
    // a second server sharing the directory (a cluster worker) leaves the live one's file alone
    createUploadStore({ dir });
    expect(existsSync(running.path)).toBe(true);
    await running.kill();
    expect(existsSync(running.path)).toBe(true);
    createUploadStore({ dir });
    expect(existsSync(running.path)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("removes what a crashed process of the same pid left (a restarted container), and keeps other files", async () => {
    const dir = join(root, "same-pid");
    mkdirSync(join(dir, `${process.pid}-old`), { recursive: true });
    writeFileSync(join(dir, `${process.pid}-old`, "left"), "x");
    writeFileSync(join(dir, "not-ours"), "x");
    const store = createUploadStore({ dir });
    expect(readdirSync(dir)).toEqual(["not-ours"]);
    const sink = await store.open();
    expect(sink.path.startsWith(store.dir)).toBe(true);
    expect(statSync(store.dir).mode & 0o777).toBe(0o700);
    expect(statSync(sink.path).mode & 0o777).toBe(0o600);
    await sink.remove();
    expect(existsSync(sink.path)).toBe(false);
  });

  it("leaves the files of another server in the same process alone", async () => {
    const dir = join(root, "one-process");
    const sink = await createUploadStore({ dir }).open();
    await sink.write(new Uint8Array(10));
    createUploadStore({ dir });
    expect(statSync(sink.path).size).toBe(10);
    await sink.remove();
  });
});
