import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MESSAGE_AWARENESS, MESSAGE_SYNC } from '../../../shared/memo/protocol';
import { SaveTracker } from '../../../shared/memo/saveTracker';

/** A MESSAGE_SAVED payload (after its type): a state vector and a handled count. */
function saved(doc: Y.Doc | null, handled?: number): decoding.Decoder {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint8Array(
    encoder,
    doc ? Y.encodeStateVector(doc) : Y.encodeStateVector(new Y.Doc()),
  );
  if (handled !== undefined) encoding.writeVarUint(encoder, handled);
  return decoding.createDecoder(encoding.toUint8Array(encoder));
}

const UPDATE_FRAME = new Uint8Array([MESSAGE_SYNC, 2, 0]);
const STEP2_FRAME = new Uint8Array([MESSAGE_SYNC, 1, 0]);
const STEP1_FRAME = new Uint8Array([MESSAGE_SYNC, 0, 0]);
const CARET_FRAME = new Uint8Array([MESSAGE_AWARENESS, 0]);

/** A document with some text, and the tracker of an editor that has sent and stored it. */
function editorWithText() {
  const doc = new Y.Doc();
  const tracker = new SaveTracker();
  tracker.socketOpened();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  doc.getText('t').insert(0, 'Hyvä teksti');
  tracker.frameSent(UPDATE_FRAME);
  tracker.localUpdate(updates.at(-1)!, true);
  tracker.savedMessage(saved(doc, 1));
  return { doc, tracker, updates };
}

describe('SaveTracker: the client’s “all saved”', () => {
  it('counts inserts as saved once a stored state vector or a relayed update covers them', () => {
    const { doc, tracker } = editorWithText();
    expect(tracker.allSaved(doc)).toBe(true);
    doc.getText('t').insert(0, 'x');
    expect(tracker.allSaved(doc)).toBe(false);
    tracker.serverUpdate(Y.encodeStateAsUpdate(doc));
    expect(tracker.allSaved(doc)).toBe(true);
  });

  it('counts a deletion as saved only once the server has handled the message carrying it', () => {
    const { doc, tracker, updates } = editorWithText();
    doc.getText('t').delete(0, 1);
    tracker.frameSent(UPDATE_FRAME); // message 2 carries the deletion
    tracker.localUpdate(updates.at(-1)!, true);
    expect(tracker.allSaved(doc)).toBe(false);
    // A "saved" that covers every item but not message 2 (say, another tab's) is not enough,
    // nor is one without a count (a server that only says what is stored).
    tracker.savedMessage(saved(doc, 1));
    tracker.savedMessage(saved(doc));
    expect(tracker.allSaved(doc)).toBe(false);
    // Carets and sync requests are not update messages.
    tracker.frameSent(CARET_FRAME);
    tracker.frameSent(STEP1_FRAME);
    tracker.savedMessage(saved(doc, 2));
    expect(tracker.allSaved(doc)).toBe(true);
  });

  it('carries an unacknowledged deletion over to the next socket’s first update message', () => {
    const { doc, tracker, updates } = editorWithText();
    doc.getText('t').delete(0, 1);
    tracker.frameSent(UPDATE_FRAME);
    tracker.localUpdate(updates.at(-1)!, true);
    // The socket closes before the acknowledgement; a new one opens and syncs.
    tracker.socketOpened();
    tracker.savedMessage(saved(doc, 0)); // the welcome: what is stored, nothing handled yet
    expect(tracker.allSaved(doc)).toBe(false);
    tracker.frameSent(STEP2_FRAME); // the sync answer resends the deletion as message 1
    tracker.savedMessage(saved(doc, 1));
    expect(tracker.allSaved(doc)).toBe(true);
  });

  it('keeps a deletion made offline unsaved until a socket has carried it and it is handled', () => {
    const { doc, tracker, updates } = editorWithText();
    doc.getText('t').delete(0, 2);
    tracker.localUpdate(updates.at(-1)!, false);
    tracker.savedMessage(saved(doc, 5));
    expect(tracker.allSaved(doc)).toBe(false);
    tracker.socketOpened();
    tracker.savedMessage(saved(doc, 0));
    tracker.frameSent(STEP2_FRAME);
    expect(tracker.allSaved(doc)).toBe(false);
    tracker.savedMessage(saved(doc, 1));
    expect(tracker.allSaved(doc)).toBe(true);
  });
});
