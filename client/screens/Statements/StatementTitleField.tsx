import { useTranslation } from 'react-i18next';
import { MAX_STATEMENT_TITLE_LENGTH } from '../../../shared/api/schemas';
import { TextField } from '../../components/TextField';

interface Props {
  id: string;
  value: string;
  onValueChange: (value: string) => void;
  error: string | undefined;
}

/** A statement's title, required and within the server's length, when created or renamed. */
export function StatementTitleField({ id, value, onValueChange, error }: Props) {
  const { t } = useTranslation();
  return (
    <TextField
      id={id}
      label={t('statements.new.titleField')}
      value={value}
      onValueChange={onValueChange}
      error={error}
      maxLength={MAX_STATEMENT_TITLE_LENGTH}
      required
    />
  );
}
