// The collab socket's frames, read strictly and written in one place. See shared/memo/protocol.ts.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { AwarenessEntry } from './awareness';
import { ProtocolError } from './protocolError';
import {
  MESSAGE_ACCESS,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SAVED,
  MESSAGE_STORAGE,
  MESSAGE_SYNC,
  STORAGE_STATES,
  type StorageState,
  type RejectReason,
  type RoomAccess,
} from '../../shared/memo/protocol';

/** What a client may send. */
export type ClientMessage =
  | { type: 'syncStep1'; stateVector: Uint8Array }
  /** A sync step 2 or an update: both carry a Yjs update to apply. */
  | { type: 'update'; update: Uint8Array; step2: boolean }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'queryAwareness' };

/**
 * What a connection hands its room: the client's messages, with carets already read and
 * coalesced (server/collab/inboundFlow.ts) as the newest entry per client id.
 */
export type RoomMessage =
  | Exclude<ClientMessage, { type: 'awareness' }>
  | { type: 'carets'; entries: readonly AwarenessEntry[] };

/**
 * Decode one client frame. Everything must be consumed exactly: lib0 reads past the end of a
 * truncated byte array without complaint, so a frame that ends early or late is refused here.
 */
export function readClientMessage(frame: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(frame);
    const message = readBody(decoder);
    if (decoder.pos !== frame.length) throw new ProtocolError('frame length mismatch');
    return message;
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError('undecodable frame');
  }
}

function readBody(decoder: decoding.Decoder): ClientMessage {
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MESSAGE_SYNC: {
      const syncType = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (syncType === syncProtocol.messageYjsSyncStep1) {
        // Decoding now keeps a bad vector from surfacing later in encodeStateAsUpdate.
        Y.decodeStateVector(payload);
        return { type: 'syncStep1', stateVector: payload };
      }
      if (
        syncType === syncProtocol.messageYjsSyncStep2 ||
        syncType === syncProtocol.messageYjsUpdate
      )
        return {
          type: 'update',
          update: payload,
          step2: syncType === syncProtocol.messageYjsSyncStep2,
        };
      throw new ProtocolError('unknown sync message');
    }
    case MESSAGE_AWARENESS:
      return { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
    case MESSAGE_QUERY_AWARENESS:
      return { type: 'queryAwareness' };
    default:
      throw new ProtocolError('unknown message type');
  }
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export function syncStep1Message(doc: Y.Doc): Uint8Array {
  return frame((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, doc);
  });
}

export function syncStep2Message(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  return frame((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  });
}

export function updateMessage(update: Uint8Array): Uint8Array {
  return frame((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
  });
}

export function awarenessMessage(update: Uint8Array): Uint8Array {
  return frame((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, update);
  });
}

export function permissionDeniedMessage(reason: RejectReason): Uint8Array {
  return frame((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_AUTH);
    authProtocol.writePermissionDenied(encoder, reason);
  });
}

/** MESSAGE_SAVED with the document's whole state vector: everything in it is stored. */
/** MESSAGE_SAVED with an encoded state vector and the receiver's handled update messages. */
export function savedMessage(vector: Uint8Array, handledThrough: number): Uint8Array {
  return frame((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_SAVED);
    encoding.writeVarUint8Array(encoder, vector);
    encoding.writeVarUint(encoder, handledThrough);
  });
}

/**
 * MESSAGE_SAVED with the document's state of `clients` only (a state vector in Yjs's encoding):
 * enough for the writer of a batch, whose client merges every "saved" it hears, and a few bytes
 * per keystroke however many client ids the room has.
 */
export function savedMessageFor(
  doc: Y.Doc,
  clients: Iterable<number>,
  handledThrough: number,
): Uint8Array {
  const vector = encoding.createEncoder();
  const entries = [...new Set(clients)];
  encoding.writeVarUint(vector, entries.length);
  for (const client of entries) {
    encoding.writeVarUint(vector, client);
    encoding.writeVarUint(vector, Y.getState(doc.store, client));
  }
  return savedMessage(encoding.toUint8Array(vector), handledThrough);
}

/** MESSAGE_STORAGE: whether the server is storing; also the keepalive of quiet connections. */
export function storageMessage(state: StorageState): Uint8Array {
  return frame((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_STORAGE);
    encoding.writeVarUint(encoder, STORAGE_STATES.indexOf(state));
  });
}

export function accessMessage(access: RoomAccess): Uint8Array {
  return frame((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_ACCESS);
    encoding.writeVarString(encoder, JSON.stringify(access));
  });
}
