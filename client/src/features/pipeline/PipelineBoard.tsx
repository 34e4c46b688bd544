import { useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { Suspense, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { STAGES, type Stage } from '../../../../shared/domain';
import { lazyWithStrings } from '../../i18n';
import { useErrorText } from '../../lib/fieldErrors';
import { errorCode, useTRPC, type RouterOutputs } from '../../lib/trpc';
import { BoardColumn } from './BoardColumn';
import type { DealRow } from './useDealPages';
import { dealQuery, type PipelineFilters } from './usePipelineFilters';

// Losing a deal asks for its cause (SPEC §10): the dialog and its strings load when first needed.
const LoseDealDialog = lazyWithStrings(() => import('../deal-room/LoseDealDialog'), ['dealRoom']);

/**
 * The pipeline by stage, each column its own paged list (the page's filters with the stage
 * fixed), loading more as it scrolls. Drag a card to another column (or use its stage menu,
 * for keyboards) to move the deal; the move carries the card's version, so a deal someone
 * else just changed is refused and the board refreshes instead.
 */
export function PipelineBoard({ filters }: { filters: PipelineFilters }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [over, setOver] = useState<Stage | null>(null);
  const [losing, setLosing] = useState<DealRow | null>(null);
  const move = useMutation(
    trpc.deal.update.mutationOptions({
      onSettled: async (_data, _error, input) => {
        // pathFilter: every deal.list, the paged (infinite) ones included.
        await Promise.all([queryClient.invalidateQueries(trpc.deal.list.pathFilter()), queryClient.invalidateQueries(trpc.deal.get.queryFilter({ id: input.id }))]);
      },
    }),
  );
  const moveTo = (deal: DealRow, stage: Stage) => {
    if (deal.stage === stage) return;
    if (stage === 'lost') setLosing(deal);
    else move.mutate({ id: deal.id, version: deal.version, stage });
  };
  /** The dragged card, from whichever column's loaded pages hold it. */
  const loadedDeal = (id: number): DealRow | undefined => {
    for (const [, data] of queryClient.getQueriesData<InfiniteData<RouterOutputs['deal']['list']>>({ queryKey: trpc.deal.list.pathKey() })) {
      const found = data?.pages?.flatMap((page) => page.items).find((deal) => deal.id === id);
      if (found) return found;
    }
    return undefined;
  };
  const onDrop = (stage: Stage) => (event: DragEvent) => {
    event.preventDefault();
    setOver(null);
    const deal = loadedDeal(Number(event.dataTransfer.getData('text/deal-id')));
    if (deal) moveTo(deal, stage);
  };
  // A stage filter shows that one column; the stage menu on each card still moves it anywhere.
  const stages = filters.stage ? [filters.stage] : STAGES;
  const query = dealQuery(filters);

  return (
    <div className="board-wrap">
      {move.error && (
        <p className="form-error" role="alert">
          {errorCode(move.error) === 'CONFLICT' ? t('pipeline.boardConflict') : errorText(move.error)}
        </p>
      )}
      {losing && (
        <Suspense fallback={null}>
          <LoseDealDialog deal={losing} open onClose={() => setLosing(null)} />
        </Suspense>
      )}
      <div className="board" data-testid="pipeline-board">
        {stages.map((stage) => (
          <BoardColumn
            key={stage}
            stage={stage}
            query={{ ...query, stage }}
            over={over === stage}
            moving={move.isPending}
            onMove={moveTo}
            onDragOver={(event) => {
              event.preventDefault();
              setOver(stage);
            }}
            onDragLeave={() => setOver((current) => (current === stage ? null : current))}
            onDrop={onDrop(stage)}
          />
        ))}
      </div>
    </div>
  );
}
