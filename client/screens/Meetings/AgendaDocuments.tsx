import { useCallback, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CONFIDENTIALITY_LEVELS,
  DEFAULT_CONFIDENTIALITY,
  type Confidentiality,
} from '../../../shared/confidentiality';
import {
  DOCUMENT_ACCEPT,
  DOCUMENT_MAX_BYTES,
  type DocumentListing,
} from '../../../shared/documents';
import { can } from '../../../shared/permissions';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { documentsApi, uploadDocument } from '../../documentsApi';
import { useGroup } from '../../group';
import { useAction } from '../../useAction';
import { useResource } from '../../useResource';

/** The documents of a meeting's agenda, loaded once for all its items. */
export function useMeetingDocuments(meetingId: string) {
  const load = useCallback(
    (signal: AbortSignal) => documentsApi.list(meetingId, signal),
    [meetingId],
  );
  return useResource(load);
}

function megabytes(bytes: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024));
}

interface Props {
  meetingId: string;
  agendaItemId: string;
  documents: DocumentListing[];
  /** The memo is approved: the table's documents no longer change. */
  locked: boolean;
  onChanged: () => void;
}

/** An agenda item's documents: download links, markers for withheld ones, upload and removal. */
export function AgendaDocuments({ meetingId, agendaItemId, documents, locked, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const { actor } = useGroup();
  const inputId = useId();
  const levelId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [level, setLevel] = useState<Confidentiality>(DEFAULT_CONFIDENTIALITY);
  const [progress, setProgress] = useState<number | null>(null);
  const mine = documents.filter((doc) => doc.agendaItemId === agendaItemId);
  const maxMb = megabytes(DOCUMENT_MAX_BYTES, i18n.language);

  const upload = useAction(async () => {
    if (!file) return;
    setProgress(0);
    try {
      await uploadDocument({ meetingId, agendaItemId, file, confidentiality: level }, setProgress);
      setFile(null);
      if (fileInput.current) fileInput.current.value = '';
      onChanged();
    } finally {
      setProgress(null);
    }
  });
  const remove = useAction(async (documentId: string) => {
    await documentsApi.remove(meetingId, documentId);
    onChanged();
  });
  const tooLarge = file !== null && file.size > DOCUMENT_MAX_BYTES;
  const errorMessages = {
    payload_too_large: t('documents.tooLarge', { max: maxMb }),
    unsupported_media_type: t('documents.wrongType'),
  };

  return (
    <div className="agenda-documents">
      <h4>{t('documents.title')}</h4>
      {mine.length === 0 ? (
        <p className="muted">{t('documents.none')}</p>
      ) : (
        <ul>
          {mine.map((doc, index) =>
            'withheld' in doc ? (
              <li key={`withheld-${index}`} className="redacted">
                {t('documents.withheld')}
              </li>
            ) : (
              <li key={doc.id}>
                <a href={documentsApi.downloadLink(meetingId, doc.id)} download={doc.fileName}>
                  {doc.fileName}
                </a>{' '}
                <span className="muted">
                  ({t('documents.size', { size: megabytes(doc.size, i18n.language) })},{' '}
                  <span className={`confidentiality-${doc.confidentiality}`}>
                    {t(`confidentiality.${doc.confidentiality}`)}
                  </span>
                  )
                </span>
                {!locked && can(actor, 'document.delete') && (
                  <ConfirmButton
                    label={t('documents.remove')}
                    accessibleLabel={t('documents.removeNamed', { name: doc.fileName })}
                    question={t('documents.removeQuestion', { name: doc.fileName })}
                    onConfirm={() => remove.run(doc.id)}
                    disabled={remove.busy}
                  />
                )}
              </li>
            ),
          )}
        </ul>
      )}
      <ErrorMessage error={remove.error} />
      {!locked && can(actor, 'document.upload') && (
        <form
          className="document-upload"
          onSubmit={(event) => {
            event.preventDefault();
            upload.run();
          }}
        >
          <label htmlFor={inputId}>{t('documents.choose')}</label>
          <input
            id={inputId}
            ref={fileInput}
            type="file"
            accept={DOCUMENT_ACCEPT}
            aria-describedby={`${inputId}-hint`}
            onChange={(event) => {
              upload.clearError();
              setFile(event.target.files?.[0] ?? null);
            }}
          />
          <p id={`${inputId}-hint`} className="hint">
            {t('documents.hint', { max: maxMb })}
          </p>
          <label htmlFor={levelId}>{t('agenda.confidentiality')}</label>
          <select
            id={levelId}
            value={level}
            onChange={(event) => setLevel(event.target.value as Confidentiality)}
          >
            {CONFIDENTIALITY_LEVELS.map((option) => (
              <option key={option} value={option}>
                {t(`confidentiality.${option}`)}
              </option>
            ))}
          </select>
          {tooLarge && (
            <p role="alert" className="alert alert-error">
              {t('documents.tooLarge', { max: maxMb })}
            </p>
          )}
          <button type="submit" disabled={!file || tooLarge || upload.busy}>
            {t('documents.upload')}
          </button>
          {progress !== null && (
            <p role="status">{t('documents.uploading', { percent: Math.round(progress * 100) })}</p>
          )}
          <ErrorMessage error={upload.error} messages={errorMessages} />
        </form>
      )}
    </div>
  );
}
