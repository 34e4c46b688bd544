import '@xyflow/react/dist/style.css';
import { Background, Controls, Handle, Position, ReactFlow, ReactFlowProvider, type Edge, type EdgeTypes, type Node, type NodeProps, type NodeTypes } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { Level } from '../../../../shared/domain';
import { useFormat } from '../../lib/format';
import { ReportingEdge } from '../map/edges/ReportingEdge';
import { Loading } from '../../components/States';
import { DEFAULT_LAYOUT, useAutoLayout } from '../map/layout';

export interface OrgPerson {
  id: number;
  name: string;
  title: string | null;
  level: Level;
  reportsToContactId: number | null;
  leftAt: string | null;
  /** `canOpen`: a key-account manager sees every deal here, yet opens only their own and shared ones. */
  deals: { id: number; name: string; canOpen: boolean }[];
}

type PersonNode = Node<{ person: OrgPerson }, 'person'>;

const PersonCard = memo(function PersonCard({ data }: NodeProps<PersonNode>) {
  const { t } = useTranslation();
  const format = useFormat();
  const { person } = data;
  return (
    <div className={`org-card level-${person.level}${person.leftAt ? ' left' : ''}`} data-contact-id={person.id} data-left={person.leftAt ? 'true' : undefined}>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="org-card-head">
        <strong className="org-name">{person.name}</strong>
        {person.leftAt && (
          <span className="badge left-badge" title={t('accountRoom.left', { date: format.date(person.leftAt) })}>
            {t('accountRoom.leftShort')}
          </span>
        )}
      </div>
      <div className="org-title muted small">
        {person.title ?? ''}
        {person.title ? ' · ' : ''}
        {t(`level.${person.level}`)}
      </div>
      <div className="org-deals small">
        {person.deals.length === 0 ? (
          <span className="muted">{t('accountRoom.noDealsForPerson')}</span>
        ) : (
          person.deals.slice(0, 3).map((deal) =>
            deal.canOpen ? (
              <Link key={deal.id} to={`/deals/${deal.id}`} className="org-deal nodrag" title={deal.name}>
                {deal.name}
              </Link>
            ) : (
              <span key={deal.id} className="org-deal" title={deal.name}>
                {deal.name}
              </span>
            ),
          )
        )}
        {person.deals.length > 3 && <span className="muted">+{person.deals.length - 3}</span>}
      </div>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
});

const nodeTypes = { person: PersonCard } satisfies NodeTypes;
const edgeTypes = { reports: ReportingEdge } satisfies EdgeTypes;

/** The account's people as an org chart, laid out like the deal map (dagre, by reporting lines and level). Read-only. */
export default function OrgChart({ people, accountName }: { people: OrgPerson[]; accountName: string }) {
  return (
    <ReactFlowProvider>
      <Chart people={people} accountName={accountName} />
    </ReactFlowProvider>
  );
}

function Chart({ people, accountName }: { people: OrgPerson[]; accountName: string }) {
  const { t } = useTranslation();
  // The chart always needs the auto-layout; its loading state shows until the chunk is in.
  const layoutMap = useAutoLayout(true)?.layoutMap ?? null;
  const chart = useMemo(() => {
    if (!layoutMap) return null;
    const positions = layoutMap(people.map((person) => ({ id: person.id, contactId: person.id, level: person.level, reportsToContactId: person.reportsToContactId })));
    const ids = new Set(people.map((person) => person.id));
    const nodes: PersonNode[] = people.map((person) => ({
      id: String(person.id),
      type: 'person',
      position: positions.get(person.id) ?? { x: 0, y: 0 },
      data: { person },
      draggable: false,
      connectable: false,
      style: { width: DEFAULT_LAYOUT.nodeWidth, height: DEFAULT_LAYOUT.nodeHeight },
      // Its size known up front, React Flow draws the card at once instead of hiding it until measured.
      width: DEFAULT_LAYOUT.nodeWidth,
      height: DEFAULT_LAYOUT.nodeHeight,
      ariaLabel: person.name,
    }));
    const edges: Edge[] = people
      .filter((person) => person.reportsToContactId !== null && ids.has(person.reportsToContactId))
      .map((person) => ({ id: `r${person.id}`, source: String(person.reportsToContactId), target: String(person.id), type: 'reports', selectable: false }));
    return { nodes, edges };
  }, [people, layoutMap]);
  if (!chart) return <Loading />;
  const { nodes, edges } = chart;
  return (
    <div className="org-chart" role="region" aria-label={t('accountRoom.chartLabel', { account: accountName })} data-testid="org-chart">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        fitView
        fitViewOptions={{ padding: 0.12, maxZoom: 1 }}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        proOptions={{ hideAttribution: true }}
        minZoom={0.1}
      >
        <Background gap={24} color="#e2e8f0" />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
