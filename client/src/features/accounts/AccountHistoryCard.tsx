import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n';
import { useFormat } from '../../lib/format';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import { describeEvent, type HistoryEvent, type SentenceContext } from '../history/describeEvent';
import type { RoomData } from './roomTypes';

/** A card's worth of the log; older changes a page at a time. */
const PAGE = 30;

/** The account's own log (`account.history`), newest first, in the sentences the deal history uses; "Show older" pages back. */
export function AccountHistoryCard({ room }: { room: RoomData }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const format = useFormat();
  const locale = useLocale();
  const client = useTRPCClient();
  // The request is made here, as useDealPages does: tRPC's infinite queryFn adds a `direction` the strict schema refuses.
  const input = { id: room.account.id, limit: PAGE };
  const history = useInfiniteQuery({
    queryKey: trpc.account.history.infiniteQueryKey(input),
    queryFn: ({ pageParam, signal }) => client.account.history.query({ ...input, cursor: pageParam ?? undefined }, { signal }),
    initialPageParam: null as number | null,
    getNextPageParam: (page) => page.nextCursor,
    // Every write in the room changes the log: read it fresh whenever the room is opened.
    staleTime: 0,
  });
  const names = useMemo(() => new Map(room.contacts.map((contact) => [contact.id, contact.name])), [room.contacts]);
  const when = useMemo(() => new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit' }), [locale]);
  const listFormat = useMemo(() => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }), [locale]);
  const ctx: SentenceContext = { t, personName: (id) => names.get(id), date: format.date, money: format.money, list: (items) => listFormat.format(items) };
  const events = history.data?.pages.flatMap((page) => page.events) ?? [];
  return (
    <section className="card room-card" aria-labelledby="account-history-title" data-testid="account-history">
      <h2 className="card-title" id="account-history-title">
        {t('accountRoom.changes')}
      </h2>
      {history.isSuccess && events.length === 0 && <p className="muted small">{t('accountRoom.noChanges')}</p>}
      <ol className="account-history">
        {events.map((event) => {
          const sentence = describeEvent(event as unknown as HistoryEvent, ctx);
          return (
            <li key={event.id}>
              <span className="muted small">{when.format(new Date(event.at))}</span>
              <span>{sentence.text}</span>
              {sentence.detail && <span className="muted small account-history-detail">{sentence.detail}</span>}
            </li>
          );
        })}
      </ol>
      {history.hasNextPage && (
        <button type="button" className="btn btn-small" disabled={history.isFetchingNextPage} onClick={() => void history.fetchNextPage()}>
          {history.isFetchingNextPage ? t('history.loadingOlder') : t('history.showOlder')}
        </button>
      )}
    </section>
  );
}
