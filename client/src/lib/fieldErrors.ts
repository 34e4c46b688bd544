import { TRPCClientError } from '@trpc/client';
import { useTranslation } from 'react-i18next';
import { errorCode } from './trpc';

/** Which input fields the server named in a BAD_REQUEST, so forms can mark them. */
export function errorFields(error: unknown): string[] {
  if (!(error instanceof TRPCClientError)) return [];
  const fields = (error.data as { fields?: unknown } | undefined)?.fields;
  return Array.isArray(fields) ? fields.filter((f): f is string => typeof f === 'string') : [];
}

/** A server error as a sentence in the reader's language (the server's own message is English). */
export function useErrorText() {
  const { t } = useTranslation();
  return (error: unknown): string | null => {
    if (!error) return null;
    const code = errorCode(error);
    if (code === 'BAD_REQUEST') {
      const fields = errorFields(error).map((field) => t(`field.${field.split('.')[0]}`, { defaultValue: field }));
      return fields.length > 0 ? t('error.checkFields', { fields: fields.join(', ') }) : t('error.badRequest');
    }
    if (code === 'CONFLICT') return t('error.conflict');
    if (code === 'NOT_FOUND') return t('state.notFoundBody');
    if (code === 'FORBIDDEN') return t('state.forbidden');
    if (code === 'UNAUTHORIZED') return t('error.unauthorized');
    if (code === 'TOO_MANY_REQUESTS') return t('login.tooMany');
    if (code === 'SERVICE_UNAVAILABLE') return t('error.unavailable');
    return t('state.errorBody');
  };
}
