// What instances holding the same room tell each other over pub/sub (see roomLink.ts). Only
// instances send these, but a message that does not parse is dropped rather than trusted.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export type InstanceMessage =
  /**
   * Entry `seq` of the room's log is stored. `update` is the entry itself, or null when it was too
   * large to send: the receiver then reads it from the store.
   */
  | { type: 'stored'; seq: number; update: Uint8Array | null }
  /** Carets and presence of editors connected to the sending instance. */
  | { type: 'awareness'; update: Uint8Array }
  /** The sender has just loaded the room: the others send their editors' awareness states. */
  | { type: 'awarenessQuery' };

const TYPE = { stored: 0, awareness: 1, awarenessQuery: 2 } as const;

/** Larger entries go by reference: every receiver reads them from the store instead. */
export const MAX_RELAYED_ENTRY_BYTES = 256 * 1024;

export function encodeInstanceMessage(message: InstanceMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, TYPE[message.type]);
  switch (message.type) {
    case 'stored': {
      encoding.writeVarUint(encoder, message.seq);
      const { update } = message;
      const sent = update && update.length <= MAX_RELAYED_ENTRY_BYTES ? update : null;
      encoding.writeVarUint(encoder, sent ? 1 : 0);
      if (sent) encoding.writeVarUint8Array(encoder, sent);
      break;
    }
    case 'awareness':
      encoding.writeVarUint8Array(encoder, message.update);
      break;
    case 'awarenessQuery':
      break;
  }
  return encoding.toUint8Array(encoder);
}

/** The message, or null when it is not one (a different version, or garbage). */
export function decodeInstanceMessage(payload: Uint8Array): InstanceMessage | null {
  try {
    const decoder = decoding.createDecoder(payload);
    const type = decoding.readVarUint(decoder);
    let message: InstanceMessage | null = null;
    if (type === TYPE.stored) {
      const seq = decoding.readVarUint(decoder);
      const update =
        decoding.readVarUint(decoder) === 1 ? decoding.readVarUint8Array(decoder) : null;
      message = { type: 'stored', seq, update };
    } else if (type === TYPE.awareness) {
      message = { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
    } else if (type === TYPE.awarenessQuery) {
      message = { type: 'awarenessQuery' };
    }
    return message && decoder.pos === payload.length ? message : null;
  } catch {
    return null;
  }
}
