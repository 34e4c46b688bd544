import { ComingTab } from '../deal-room/ComingTab';

export default function HistoryTab() {
  return <ComingTab area="history" />;
}
