// The error a client frame raises when it breaks the protocol; its own module so that the frame
// reader (messages.ts) and the caret reader (awareness.ts) can both throw it without importing
// each other.

/** The frame broke the protocol; the connection is closed, nothing is applied. */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
}
