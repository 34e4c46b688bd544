import { LogMeetingLink } from './LogMeetingLink';
import { SyncStatus } from './SyncStatus';
import './sync-status.css';

/** The header's corner for the field: "Waiting to sync" when something waits, and "Log a meeting". */
export function HeaderOffline({ userId }: { userId: number }) {
  return (
    <div className="header-offline">
      <SyncStatus userId={userId} />
      <LogMeetingLink />
    </div>
  );
}
