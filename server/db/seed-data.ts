/**
 * The demo team's world (SPEC §8): accounts of every tier, deals in every state, and
 * the buying groups behind them — Harbor Bank's mapped in depth. Data only; the
 * seeding logic is in seed.ts.
 */
import type { DecisionRole, InfoPointStatus, Level, LossCause, Stage, Stance, ThresholdKey } from '../../shared/domain';

export interface PersonSeed {
  key: string;
  name: string;
  title: string;
  department: string;
  level: Level;
  reportsTo?: string;
  decisionRole: DecisionRole;
  influence: number;
  stance: Stance;
  isCoach?: boolean;
  /** Left the customer this many days ago (SPEC §10): still on the map, greyed, no longer counted. */
  leftDaysAgo?: number;
  explicitNeeds?: string;
  implicitNeeds?: string;
  notes?: string;
}

export const harborBankPeople: PersonSeed[] = [
  { key: 'ceo', name: 'Wang Jianguo', title: 'Chief Executive Officer', department: 'Executive Office', level: 'executive', decisionRole: 'final_decision_maker', influence: 5, stance: 'neutral', explicitNeeds: 'No outage during migration; board-level risk report', implicitNeeds: 'Wants the modernisation to be his legacy before retirement' },
  { key: 'cio', name: 'Liu Fang', title: 'Chief Information Officer', department: 'Technology', level: 'executive', reportsTo: 'ceo', decisionRole: 'decision_maker', influence: 5, stance: 'supporter', explicitNeeds: '99.99% availability, 5-year TCO', implicitNeeds: 'Needs a win after last year’s failed CRM project' },
  { key: 'cfo', name: 'Zhao Min', title: 'Chief Financial Officer', department: 'Finance', level: 'executive', reportsTo: 'ceo', decisionRole: 'decision_maker', influence: 4, stance: 'skeptic', explicitNeeds: 'Capex spread over three budget years' },
  { key: 'coreit', name: 'Chen Hao', title: 'Head of Core Banking IT', department: 'Technology', level: 'management', reportsTo: 'cio', decisionRole: 'influencer', influence: 4, stance: 'ally', isCoach: true, notes: 'Tells us what the steering committee discusses. Prefers WeChat.' },
  { key: 'architect', name: 'Sun Li', title: 'Chief Enterprise Architect', department: 'Technology', level: 'management', reportsTo: 'cio', decisionRole: 'evaluator', influence: 4, stance: 'ally', explicitNeeds: 'Open APIs for the mobile bank' },
  { key: 'risk', name: 'Huang Wei', title: 'Head of Risk & Compliance', department: 'Risk', level: 'management', reportsTo: 'ceo', decisionRole: 'evaluator', influence: 4, stance: 'opponent', notes: 'Backs the incumbent; worried about regulator sign-off.' },
  { key: 'procurement', name: 'Zhou Yan', title: 'Head of Procurement', department: 'Procurement', level: 'management', reportsTo: 'cfo', decisionRole: 'procurement', influence: 3, stance: 'neutral' },
  { key: 'retail', name: 'Xu Jing', title: 'Head of Retail Operations', department: 'Retail Banking', level: 'management', reportsTo: 'ceo', decisionRole: 'user', influence: 3, stance: 'supporter', explicitNeeds: 'Faster account opening at branches' },
  { key: 'infra', name: 'Ma Qiang', title: 'Infrastructure Team Lead', department: 'Technology', level: 'staff', reportsTo: 'coreit', decisionRole: 'evaluator', influence: 2, stance: 'ally' },
  { key: 'dba', name: 'Guo Tao', title: 'Lead Database Administrator', department: 'Technology', level: 'staff', reportsTo: 'coreit', decisionRole: 'user', influence: 2, stance: 'unknown' },
  { key: 'assistant', name: 'Lin Xiaoyu', title: 'Executive Assistant to the CIO', department: 'Technology', level: 'staff', reportsTo: 'cio', decisionRole: 'gatekeeper', influence: 2, stance: 'supporter', isCoach: true, notes: 'Controls the CIO’s calendar.' },
  { key: 'buyer', name: 'He Jun', title: 'Procurement Specialist', department: 'Procurement', level: 'staff', reportsTo: 'procurement', decisionRole: 'procurement', influence: 1, stance: 'neutral' },
];

export const harborBankInfo: Record<number, { status: InfoPointStatus; summary: string; source?: string; verifiedDaysAgo?: number }> = {
  1: { status: 'confirmed', summary: 'Proof of concept passed in October; next: reference visit for the CEO, then the final proposal to the steering committee.', source: 'coreit', verifiedDaysAgo: 6 },
  2: { status: 'confirmed', summary: 'Two-envelope tender: technical score 60%, price 40%. Board approval above 20M CNY. Focus: migration risk and regulator acceptance.', source: 'procurement', verifiedDaysAgo: 12 },
  3: { status: 'partial', summary: 'Technology is with us; Risk and Finance are not yet. Branch operations supportive.', source: 'coreit', verifiedDaysAgo: 20 },
  4: { status: 'confirmed', summary: 'CEO decides on the steering committee’s recommendation; CIO and CFO both have a veto in practice.', source: 'coreit', verifiedDaysAgo: 95 },
  5: { status: 'confirmed', summary: 'Capital adequacy strong (CAR 14.2%); project budgeted in the 2027 plan.', verifiedDaysAgo: 40 },
  6: { status: 'partial', summary: 'Regulator deadline for real-time payments; mobile bank cannot scale on the current core.', source: 'cio', verifiedDaysAgo: 30 },
  7: { status: 'unknown', summary: '' },
  8: { status: 'confirmed', summary: 'Incumbent Titan Systems defends hard; Nordstar Computing bids low.', source: 'architect', verifiedDaysAgo: 14 },
  9: { status: 'partial', summary: 'Migration without downtime, regulator acceptance, total cost over five years.', source: 'coreit', verifiedDaysAgo: 9 },
};

/** Smaller buying groups for the other open deals, so every row of the pipeline has a real coverage figure. */
export const buyingGroups: Record<string, { domain: string; people: PersonSeed[]; meetings?: { kind: 'executive_meeting' | 'meeting' | 'call' | 'visit'; daysAgo: number; summary: string; people: string[] }[] }> = {
  metro: {
    domain: 'riversidemetro.example',
    people: [
      { key: 'dg', name: 'Zhang Wei', title: 'Director General', department: 'Executive Office', level: 'executive', decisionRole: 'final_decision_maker', influence: 5, stance: 'unknown' },
      { key: 'chief', name: 'Li Na', title: 'Chief Engineer', department: 'Engineering', level: 'executive', reportsTo: 'dg', decisionRole: 'decision_maker', influence: 5, stance: 'supporter', explicitNeeds: 'Headway of 90 seconds on Line 9' },
      { key: 'signal', name: 'Wu Gang', title: 'Head of Signalling', department: 'Engineering', level: 'management', reportsTo: 'chief', decisionRole: 'evaluator', influence: 4, stance: 'ally', isCoach: true },
      { key: 'purchase', name: 'Qian Li', title: 'Procurement Centre Director', department: 'Procurement', level: 'management', reportsTo: 'dg', decisionRole: 'procurement', influence: 3, stance: 'neutral' },
      { key: 'ops', name: 'Deng Hui', title: 'Operations Shift Supervisor', department: 'Operations', level: 'staff', reportsTo: 'signal', decisionRole: 'user', influence: 2, stance: 'supporter' },
    ],
    meetings: [{ kind: 'visit', daysAgo: 2, summary: 'Site visit to the Line 9 depot with the Chief Engineer.', people: ['chief', 'signal'] }],
  },
  hospital: {
    domain: 'stmarys.example',
    people: [
      { key: 'ceo', name: 'Margaret Hale', title: 'Group CEO', department: 'Board', level: 'executive', decisionRole: 'final_decision_maker', influence: 5, stance: 'neutral' },
      { key: 'cfo', name: 'Tom Becker', title: 'Chief Financial Officer', department: 'Finance', level: 'executive', reportsTo: 'ceo', decisionRole: 'decision_maker', influence: 4, stance: 'supporter' },
      { key: 'it', name: 'Priya Nair', title: 'Head of Clinical IT', department: 'IT', level: 'management', reportsTo: 'cfo', decisionRole: 'evaluator', influence: 4, stance: 'ally', isCoach: true },
      { key: 'nursing', name: 'Anna Kowalski', title: 'Director of Nursing', department: 'Nursing', level: 'management', reportsTo: 'ceo', decisionRole: 'user', influence: 3, stance: 'skeptic', notes: 'Worried about rota changes during go-live.' },
    ],
    // The coach has told us nothing since this workshop: COACH_SILENT on first start. Nobody at staff level is mapped yet either.
    meetings: [{ kind: 'meeting', daysAgo: 41, summary: 'Workshop with Clinical IT on the ERP modules and the go-live plan.', people: ['it'] }],
  },
  expo: {
    domain: 'expo2027.example',
    people: [
      { key: 'sg', name: 'Chen Yu', title: 'Secretary-General', department: 'Secretariat', level: 'executive', decisionRole: 'final_decision_maker', influence: 5, stance: 'supporter' },
      { key: 'itd', name: 'Kevin Lam', title: 'IT Director', department: 'Technology', level: 'management', reportsTo: 'sg', decisionRole: 'decision_maker', influence: 4, stance: 'ally', isCoach: true },
      // An ally who moved to another employer last week: CHAMPION_LEFT on first start.
      { key: 'venue', name: 'Fiona Ho', title: 'Venue Operations Manager', department: 'Operations', level: 'management', reportsTo: 'sg', decisionRole: 'user', influence: 3, stance: 'ally', leftDaysAgo: 4 },
      { key: 'neteng', name: 'Jacky Wong', title: 'Network Engineer', department: 'Technology', level: 'staff', reportsTo: 'itd', decisionRole: 'evaluator', influence: 2, stance: 'supporter' },
    ],
    meetings: [{ kind: 'executive_meeting', daysAgo: 20, summary: 'Final terms with the Secretary-General; signature expected after the board.', people: ['sg', 'itd'] }],
  },
  northwind: {
    domain: 'northwind.example',
    people: [
      { key: 'coo', name: 'Erik Larsen', title: 'Chief Operating Officer', department: 'Operations', level: 'executive', decisionRole: 'final_decision_maker', influence: 4, stance: 'unknown' },
      { key: 'wh', name: 'Sara Olsen', title: 'Warehouse Manager', department: 'Operations', level: 'management', reportsTo: 'coo', decisionRole: 'user', influence: 3, stance: 'supporter' },
    ],
  },
};

/**
 * Stances that changed recently, so the history chart, the stand-up and
 * COVERAGE_DROP have a story to tell: Harbor Bank's CFO cooled after the price
 * review, which cost the deal its "relationships built" threshold.
 */
export const stanceHistory: { deal: string; person: string; from: Stance; daysAgo: number }[] = [
  { deal: 'Core banking mainframe refresh', person: 'Liu Fang', from: 'neutral', daysAgo: 40 },
  { deal: 'Core banking mainframe refresh', person: 'Huang Wei', from: 'neutral', daysAgo: 25 },
  { deal: 'Core banking mainframe refresh', person: 'Zhao Min', from: 'supporter', daysAgo: 4 },
  { deal: 'Line 9 CBTC signalling platform', person: 'Li Na', from: 'neutral', daysAgo: 3 },
];

export interface DealSeed {
  account: string;
  name: string;
  amount: number;
  currency: 'USD' | 'CNY' | 'EUR';
  stage: Stage;
  closeInDays: number;
  owner: 'rep1' | 'rep2';
  lossReason?: string;
  /** Loss analysis (SPEC §10) of a lost deal, and the thresholds a closed deal had crossed when it closed. */
  lossCause?: LossCause;
  lostTo?: string;
  closedThresholds?: Record<ThresholdKey, boolean>;
  confirmedPoints?: number;
}

/**
 * The demo accounts with their key-account facts (SPEC §11): who manages each, its phase and
 * the manual ratings of the scorecard. Purchase pattern, pseudo key and health are derived.
 */
export const accountsSeed = [
  { key: 'harbor', name: 'Harbor Bank', industry: 'Banking', tier: 'A', phase: 'stabilize', keyAccountManager: 'rep1', strategicValue: 5, creditStanding: 5, productFit: 5, centralPurchasing: true },
  { key: 'metro', name: 'Riverside Metro Group', industry: 'Public transport', tier: 'A', phase: 'establish', keyAccountManager: 'rep1', strategicValue: 5, creditStanding: 4, productFit: 4, centralPurchasing: true },
  { key: 'hospital', name: 'St. Mary’s Hospital Group', industry: 'Healthcare', tier: 'B', phase: 'establish', keyAccountManager: 'rep2', strategicValue: 3, creditStanding: 4, productFit: 3, centralPurchasing: false },
  { key: 'expo', name: 'Pacific Expo 2027 Committee', industry: 'Events', tier: 'B', phase: 'prospect', keyAccountManager: 'rep1', strategicValue: 2, creditStanding: 3, productFit: 3, centralPurchasing: null },
  { key: 'northwind', name: 'Northwind Logistics', industry: 'Logistics', tier: 'C', phase: 'prospect', keyAccountManager: 'rep2', strategicValue: null, creditStanding: null, productFit: null, centralPurchasing: null },
  { key: 'telecom', name: 'Eastern Telecom', industry: 'Telecommunications', tier: 'A', phase: 'stabilize', keyAccountManager: 'rep2', strategicValue: 4, creditStanding: 5, productFit: 4, centralPurchasing: true },
] as const;

/** A complaint the hospital raised and nobody has closed: the defection watch's OPEN_COMPLAINT on first start. */
/** The key-account managers' own work: practices ticked and a meeting logged on the account, not on a deal. */
export const practicesSeed = [
  { account: 'harbor', practice: 'complaint_channel', by: 'rep1', daysAgo: 200 },
  { account: 'harbor', practice: 'named_service_contact', by: 'rep1', daysAgo: 150 },
  { account: 'telecom', practice: 'regular_exec_meetings', by: 'rep2', daysAgo: 300 },
] as const;
export const accountActivitiesSeed = [{ account: 'telecom', kind: 'executive_meeting', summary: 'Annual review with Eastern Telecom’s CTO: renewal terms and the 5G roadmap.', by: 'rep2', daysAgo: 130 }] as const;

export const complaintsSeed = [{ account: 'hospital', summary: 'The pilot ward’s terminals froze twice during night shifts; nobody called back.', severity: 'high', daysAgo: 12, by: 'rep2' }] as const;

export const dealsSeed: DealSeed[] = [
  { account: 'harbor', name: 'Core banking mainframe refresh', amount: 4_200_000, currency: 'USD', stage: 'negotiate', closeInDays: 45, owner: 'rep1' },
  { account: 'metro', name: 'Line 9 CBTC signalling platform', amount: 18_500_000, currency: 'CNY', stage: 'propose', closeInDays: 90, owner: 'rep1', confirmedPoints: 9 },
  { account: 'hospital', name: 'Group-wide hospital ERP', amount: 2_800_000, currency: 'EUR', stage: 'discover', closeInDays: 150, owner: 'rep2', confirmedPoints: 2 },
  { account: 'expo', name: 'Expo venue network build-out', amount: 950_000, currency: 'USD', stage: 'commit', closeInDays: -5, owner: 'rep1', confirmedPoints: 8 },
  { account: 'northwind', name: 'Warehouse handheld scanners', amount: 120_000, currency: 'USD', stage: 'qualify', closeInDays: 60, owner: 'rep2' },
  { account: 'telecom', name: '5G core capacity expansion', amount: 6_400_000, currency: 'USD', stage: 'won', closeInDays: -20, owner: 'rep2', confirmedPoints: 9, closedThresholds: { information: true, relationships: true, topDecisionMaker: true } },
  // Two losses for the Review's learning loop: neither had reached the top decision-maker, unlike the win.
  { account: 'telecom', name: 'Data centre cooling retrofit', amount: 780_000, currency: 'USD', stage: 'lost', closeInDays: -40, owner: 'rep1', lossReason: 'Lost on price to a local integrator; we never met the COO.', lossCause: 'competitor', lostTo: 'Jiangnan Systems Integration', closedThresholds: { information: false, relationships: false, topDecisionMaker: false }, confirmedPoints: 5 },
  { account: 'hospital', name: 'Radiology image archive', amount: 640_000, currency: 'EUR', stage: 'lost', closeInDays: -25, owner: 'rep2', lossReason: 'The board froze the budget; our champion in radiology could not get it on the CFO’s agenda.', lossCause: 'no_decision', closedThresholds: { information: false, relationships: true, topDecisionMaker: false }, confirmedPoints: 7 },
];

