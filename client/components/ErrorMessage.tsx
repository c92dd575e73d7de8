import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import type { ErrorCode } from '../../shared/errors';

type Code = ErrorCode | 'network';

interface Props {
  error: unknown;
  /** Translated messages that fit this screen better than the generic one for a code. */
  messages?: Partial<Record<Code, string>>;
  onRetry?: () => void;
  retryLabel?: string;
}

/** A failed request, in words the person can act on, announced to screen readers. */
export function ErrorMessage({ error, messages = {}, onRetry, retryLabel }: Props) {
  const { t } = useTranslation();
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  const message = apiError
    ? (messages[apiError.code] ?? t(`errors.${apiError.code}`))
    : t('errors.unexpected');
  const details = apiError?.details ?? [];
  return (
    <div role="alert" className="alert alert-error">
      <p>{message}</p>
      {details.length > 0 && (
        <ul>
          {details.map((detail) => (
            <li key={`${detail.path}:${detail.message}`}>
              {detail.path ? `${detail.path}: ` : ''}
              {detail.message}
            </li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" className="button-secondary" onClick={onRetry}>
          {retryLabel ?? t('common.retry')}
        </button>
      )}
    </div>
  );
}
