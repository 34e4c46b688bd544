import { useTranslation } from 'react-i18next';

export type ComingArea = 'review' | 'standup' | 'settings' | 'activity' | 'history' | 'map';

/** An honest "not built yet" state for screens whose issues have not landed. */
export function ComingPage({ area }: { area: ComingArea }) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1 className="page-title">{t(`coming.${area}.title`)}</h1>
      <div className="state state-empty coming">
        <strong>{t('coming.heading')}</strong>
        <p>{t(`coming.${area}.body`)}</p>
      </div>
    </div>
  );
}
