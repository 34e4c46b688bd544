import { useTranslation } from 'react-i18next';
import type { ComingArea } from '../../components/ComingPage';

export function ComingTab({ area }: { area: ComingArea }) {
  const { t } = useTranslation();
  return (
    <div className="state state-empty coming">
      <strong>{t('coming.heading')}</strong>
      <p>{t(`coming.${area}.body`)}</p>
    </div>
  );
}
