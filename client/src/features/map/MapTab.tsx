import { ComingTab } from '../deal-room/ComingTab';

export default function MapTab() {
  return <ComingTab area="map" />;
}
