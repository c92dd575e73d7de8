import { NodeViewContent, NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { MEMO_ATTRS, readConfidentiality } from '../../../shared/memo/format';
import { formatOwnerRef, parseOwnerRef } from '../../../shared/memo/followUpOwner';
import { placeholderStyle } from '../../memo/placeholder';
import { isCalendarDate } from '../../../shared/memo/schema';
import { BlockHeader } from './BlockHeader';
import { useMemoRoom } from './roomContext';

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The select's value for an owner written as text before owners were picked (kept as it was). */
const AS_WRITTEN = 'as-written';

/** An item for further preparation: what (the text), who (a member or a party), and by when. */
export function FollowUpView({ node, updateAttributes, deleteNode }: ReactNodeViewProps) {
  const { t } = useTranslation();
  const { memoWritable, members, parties } = useMemoRoom();
  const id = useId();
  const level = readConfidentiality(node.attrs[MEMO_ATTRS.confidentiality]);
  const ownerText = text(node.attrs[MEMO_ATTRS.owner]);
  const ref = parseOwnerRef(node.attrs[MEMO_ATTRS.ownerRef]);
  const selected = ref ? formatOwnerRef(ref) : ownerText ? AS_WRITTEN : '';
  const choose = (value: string) => {
    if (value === AS_WRITTEN) return;
    const picked = parseOwnerRef(value);
    const name = !picked
      ? null
      : picked.kind === 'member'
        ? members.find((member) => member.userId === picked.id)?.name
        : parties.find((party) => party.id === picked.id)?.name;
    // The name goes with the reference, so every reader of the memo shows who it is.
    updateAttributes({
      [MEMO_ATTRS.ownerRef]: picked ? value : null,
      [MEMO_ATTRS.owner]: name ?? null,
    });
  };
  // A reference to someone no longer listed still shows the name the memo has for them.
  const refListed =
    !ref ||
    (ref.kind === 'member'
      ? members.some((member) => member.userId === ref.id)
      : parties.some((party) => party.id === ref.id));
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
          <select
            id={`${id}-owner`}
            disabled={!memoWritable}
            value={selected}
            onChange={(event) => choose(event.target.value)}
          >
            <option value="">{t('memo.ownerNone')}</option>
            {selected === AS_WRITTEN && (
              <option value={AS_WRITTEN}>{t('memo.ownerAsWritten', { owner: ownerText })}</option>
            )}
            {!refListed && <option value={selected}>{ownerText || selected}</option>}
            <optgroup label={t('memo.ownerParties')}>
              {parties.map((party) => (
                <option key={party.id} value={formatOwnerRef({ kind: 'party', id: party.id })}>
                  {party.name}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('memo.ownerMembers')}>
              {members.map((member) => (
                <option
                  key={member.userId}
                  value={formatOwnerRef({ kind: 'member', id: member.userId })}
                >
                  {member.name}
                </option>
              ))}
            </optgroup>
          </select>
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
