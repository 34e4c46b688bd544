import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import './review.css';

/**
 * The manager's coaching notes, shown to the rep in the deal room header:
 * the latest one, and the rest on demand. Nothing at all when there are none.
 */
export function CoachingNotes({ dealId }: { dealId: number }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const format = useFormat();
  const [all, setAll] = useState(false);
  const notes = useQuery(trpc.coachingNote.list.queryOptions({ dealId }));
  if (!notes.data || notes.data.length === 0) return null;
  const shown = all ? notes.data : notes.data.slice(0, 1);
  return (
    <section className="coaching-notes" aria-label={t('coachingNotes.title')} data-testid="coaching-notes">
      <h2 className="coaching-notes-title">{t('coachingNotes.title')}</h2>
      <ul>
        {shown.map((note) => (
          <li key={note.id}>
            <blockquote className="coaching-note">
              <p>{note.body}</p>
              <footer className="muted small">{t('coachingNotes.byline', { author: note.authorName, date: format.date(note.createdAt) })}</footer>
            </blockquote>
          </li>
        ))}
      </ul>
      {notes.data.length > 1 && (
        <button type="button" className="btn btn-ghost btn-small" onClick={() => setAll(!all)} aria-expanded={all}>
          {all ? t('coachingNotes.showLatest') : t('coachingNotes.showAll', { count: notes.data.length })}
        </button>
      )}
    </section>
  );
}
