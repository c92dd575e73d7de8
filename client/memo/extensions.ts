// Every TipTap extension of the memo editor, bound to one meeting's memo room.
import type { Extensions } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import type { Confidentiality } from '../../shared/confidentiality';
import { MEMO_FRAGMENT } from '../../shared/memo/format';
import { collaboration, STARTER_KIT_OFF } from './collabText';
import { MemoCommands } from './commands';
import { ConfidentialityMarks } from './confidentialityMarks';
import { memoNodes, type MemoNodeViews } from './nodes';
import { MemoItemNumbers } from './itemNumbers';
import { MemoPlaceholder } from './placeholder';
import { MemoStructure } from './structure';
import { MemoTabOrder } from './tabOrder';

export interface MemoEditorSetup {
  doc: Y.Doc;
  provider: WebsocketProvider;
  views: MemoNodeViews;
  levelLabel: (level: Confidentiality) => string;
  addDissent: (sectionId: string) => boolean;
}

/** The extensions that make the memo's ProseMirror schema (shared/memo/schema.ts). */
export function memoSchemaExtensions(views: MemoNodeViews): Extensions {
  return [
    // Only what the memo schema has: everything else is switched off, and its own document and
    // lists come with its nodes.
    StarterKit.configure({
      ...STARTER_KIT_OFF,
      document: false,
      listItem: false,
      bulletList: false,
    }),
    ...memoNodes(views),
  ];
}

export function memoExtensions(setup: MemoEditorSetup): Extensions {
  return [
    ...memoSchemaExtensions(setup.views),
    MemoStructure,
    MemoCommands.configure({ addDissent: setup.addDissent }),
    MemoTabOrder,
    ConfidentialityMarks.configure({ label: setup.levelLabel }),
    MemoPlaceholder,
    MemoItemNumbers,
    ...collaboration(setup.doc, setup.provider, MEMO_FRAGMENT),
  ];
}
