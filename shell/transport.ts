/**
 * The little a live connection needs from its transport: server/ws.ts adapts `ws` to it,
 * and the test client passes an in-memory one.
 */
export interface Conn {
  send(text: string): void;
  close(code: number, reason: string): void;
  /**
   * The frame being handled spends none of the socket's frame budget: its own bounds
   * already limit how many can come (a whole upload chunk, or a progress report a chunk
   * backs), and counting them would cap an upload's speed at the frame rate.
   */
  refund?(): void;
}
