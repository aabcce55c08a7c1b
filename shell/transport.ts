/**
 * The little a live connection needs from its transport: server/ws.ts adapts `ws` to it,
 * and the test client passes an in-memory one.
 */
export interface Conn {
  send(text: string): void;
  close(code: number, reason: string): void;
}
