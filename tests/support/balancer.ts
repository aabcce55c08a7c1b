/**
 * A tiny TCP load balancer in front of app processes on 127.0.0.1, standing in for a
 * deployment's: each connection (HTTP, or the WebSocket the upgrade turns it into) goes
 * to the preferred backend, or to the next one that accepts when that one refuses (a
 * killed process), and is closed when its backend's side closes.
 */
import { connect, createServer, type Socket } from "node:net";

export interface Balancer {
  readonly url: string;
  /** New connections go to backend `index` first. */
  prefer(index: number): void;
  /** Open connections currently carried to backend `index`. */
  connections(index: number): number;
  close(): Promise<void>;
}

export function startBalancer(backends: readonly number[]): Promise<Balancer> {
  let preferred = 0;
  const open = new Set<Socket>();
  const carried = backends.map(() => 0);
  const server = createServer((client) => {
    open.add(client);
    client.once("close", () => open.delete(client));
    client.on("error", () => client.destroy());
    client.pause();
    const attempt = (k: number) => {
      if (k >= backends.length || client.destroyed) return void client.destroy();
      const index = (preferred + k) % backends.length;
      const upstream = connect(backends[index]!, "127.0.0.1");
      let up = false;
      upstream.once("error", () => (up ? client.destroy() : attempt(k + 1)));
      upstream.once("connect", () => {
        up = true;
        carried[index]!++;
        upstream.once("close", () => {
          carried[index]!--;
          client.destroy();
        });
        client.once("close", () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    attempt(0);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}`,
        prefer: (index) => void (preferred = index),
        connections: (index) => carried[index]!,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of open) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
