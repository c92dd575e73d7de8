import { NodeViewContent, NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MEMO_ATTRS, readConfidentiality } from '../../../shared/memo/format';
import { placeholderStyle } from '../../memo/placeholder';
import { MAX_OWNER_LENGTH, isCalendarDate } from '../../../shared/memo/schema';
import { BlockHeader } from './BlockHeader';
import { useMemoRoom } from './roomContext';
import { useDebouncedWrite } from './useDebouncedWrite';

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** An item for further preparation: what (the text), who, and by when. */
export function FollowUpView({ node, updateAttributes, deleteNode }: ReactNodeViewProps) {
  const { t } = useTranslation();
  const { memoWritable } = useMemoRoom();
  const id = useId();
  const level = readConfidentiality(node.attrs[MEMO_ATTRS.confidentiality]);
  const [ownerDraft, setOwnerDraft] = useState<string | null>(null);
  // An empty value is stored as no attribute at all: "not set".
  const ownerWriter = useDebouncedWrite((owner: string) =>
    updateAttributes({ [MEMO_ATTRS.owner]: owner.trim() ? owner : null }),
  );
  const owner = ownerDraft ?? text(node.attrs[MEMO_ATTRS.owner]);
  return (
    <NodeViewWrapper className={`memo-typed memo-follow-up memo-level-${level}`}>
      <BlockHeader
        node={node}
        updateAttributes={updateAttributes}
        deleteNode={deleteNode}
        label={t('memo.followUp')}
      />
      <NodeViewContent
        className="memo-typed-content"
        style={placeholderStyle(t('memo.placeholder.followUp'))}
      />
      <div className="memo-follow-up-fields" contentEditable={false}>
        <span className="memo-inline-field">
          <label htmlFor={`${id}-owner`}>{t('memo.owner')}</label>
          <input
            id={`${id}-owner`}
            type="text"
            maxLength={MAX_OWNER_LENGTH}
            disabled={!memoWritable}
            value={owner}
            onChange={(event) => {
              setOwnerDraft(event.target.value);
              ownerWriter.schedule(event.target.value);
            }}
            onBlur={() => {
              ownerWriter.flush();
              setOwnerDraft(null);
            }}
          />
        </span>
        <span className="memo-inline-field">
          <label htmlFor={`${id}-due`}>{t('memo.due')}</label>
          <input
            id={`${id}-due`}
            type="date"
            disabled={!memoWritable}
            max="9999-12-31"
            value={text(node.attrs[MEMO_ATTRS.due])}
            onChange={(event) => {
              // A date input may report a six-digit year; the server takes YYYY-MM-DD only.
              const due = event.target.value;
              if (due === '' || isCalendarDate(due))
                updateAttributes({ [MEMO_ATTRS.due]: due || null });
            }}
          />
        </span>
      </div>
    </NodeViewWrapper>
  );
}
