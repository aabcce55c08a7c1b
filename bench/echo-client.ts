/** A client of the raw `ws` echo server (bench/servers/echo.ts): the baseline of the socket benchmarks. */
import WebSocket from "ws";

export class EchoClient {
  #resolve: (() => void) | undefined;
  private constructor(readonly ws: WebSocket) {
    ws.on("message", () => this.#resolve?.());
  }
  static async open(url: string): Promise<EchoClient> {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
    });
    return new EchoClient(ws);
  }
  /** Sends a frame and waits for its echo (one in flight at a time). */
  echo(text: string): Promise<void> {
    return new Promise((resolve) => {
      this.#resolve = resolve;
      this.ws.send(text);
    });
  }
}
