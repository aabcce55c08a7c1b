/** The little a channel needs from a connection; server/ws.ts adapts `ws` to it, tests fake it. */
export interface Conn {
  send(text: string): void;
  close(code: number, reason: string): void;
}
