import { useTranslation } from 'react-i18next';
import { useErrorText } from '../lib/fieldErrors';

interface Props {
  /** The last save's error, said in words (a CONFLICT, the fields refused). */
  error: unknown;
  /** Shown after a save that worked, until the next one. */
  savedText: string | null;
  /** Read-only forms show neither button. */
  editable: boolean;
  pending: boolean;
  onReset: () => void;
}

/** The end of a settings form: what the last save said, then Reset and Save. */
export function FormFooter({ error, savedText, editable, pending, onReset }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <>
      {error ? <p className="form-error">{errorText(error)}</p> : savedText && <p className="form-ok">{savedText}</p>}
      {editable && (
        <div className="form-actions">
          <button type="button" className="btn" onClick={onReset}>
            {t('action.reset')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={pending}>
            {t('action.save')}
          </button>
        </div>
      )}
    </>
  );
}
