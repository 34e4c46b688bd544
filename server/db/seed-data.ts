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

/** The demo team's rates into its base currency (USD), as an admin sets them in Settings: CNY and EUR deals count in every account sum. */
export const demoExchangeRates = { CNY: 0.14, EUR: 1.08 };

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
  // Treated as a key account after one big order two years ago, and nothing since: a pseudo key account.
  { key: 'shipyard', name: 'Yangtze River Shipbuilding', industry: 'Shipbuilding', tier: 'B', phase: 'stabilize', keyAccountManager: 'rep1', strategicValue: 3, creditStanding: 4, productFit: 2, centralPurchasing: false },
  // One order this year: too early to call it a pattern (unproven).
  { key: 'campus', name: 'Qingshan Polytechnic University', industry: 'Education', tier: 'B', phase: 'establish', keyAccountManager: 'rep2', strategicValue: 3, creditStanding: 4, productFit: 4, centralPurchasing: true },
  // Small orders that keep coming: a chicken-rib account (tier C).
  { key: 'hotels', name: 'Golden Lotus Hotels', industry: 'Hospitality', tier: 'C', phase: 'stabilize', keyAccountManager: 'rep2', strategicValue: 2, creditStanding: 3, productFit: 3, centralPurchasing: false },
] as const;
export type AccountKey = (typeof accountsSeed)[number]['key'];

/**
 * Past orders (SPEC §11): deals entered already won, with a past close date, in the team's
 * base currency (USD), owned by the account's key-account manager. They make the purchase
 * patterns, the scorecard's value, recurrence and growth, and the portfolio's 80/20 bars:
 * - Harbor Bank buys every year (recurring, growing);
 * - Eastern Telecom bought far more 13–24 months ago than in the last 12 (ORDERS_DECLINING);
 * - Yangtze River Shipbuilding placed one big order over two years ago, nothing since (one_off, pseudo key);
 * - Qingshan Polytechnic's only order is five months old (unproven);
 * - Golden Lotus Hotels orders little, but again and again (tier C, recurring).
 */
export const pastOrdersSeed: { account: AccountKey; name: string; amount: number; closedDaysAgo: number }[] = [
  { account: 'harbor', name: 'Branch teller terminals, phase 1', amount: 2_400_000, closedDaysAgo: 1400 },
  { account: 'harbor', name: 'Payment switch upgrade', amount: 1_800_000, closedDaysAgo: 1050 },
  { account: 'harbor', name: 'Branch teller terminals, phase 2', amount: 2_600_000, closedDaysAgo: 700 },
  { account: 'harbor', name: 'Mobile bank API gateway', amount: 1_900_000, closedDaysAgo: 330 },
  { account: 'harbor', name: 'Disaster recovery site refresh', amount: 2_200_000, closedDaysAgo: 150 },
  { account: 'harbor', name: 'Branch network security upgrade', amount: 900_000, closedDaysAgo: 60 },
  { account: 'telecom', name: 'Billing platform consolidation', amount: 3_200_000, closedDaysAgo: 900 },
  { account: 'telecom', name: 'Metro fibre backbone build', amount: 4_500_000, closedDaysAgo: 640 },
  { account: 'telecom', name: '4G radio access network upgrade', amount: 9_800_000, closedDaysAgo: 450 },
  { account: 'shipyard', name: 'Shipyard-wide ERP and MES roll-out', amount: 3_600_000, closedDaysAgo: 800 },
  { account: 'campus', name: 'Campus data centre virtualisation', amount: 380_000, closedDaysAgo: 150 },
  { account: 'hotels', name: 'Front-desk PCs for three hotels', amount: 48_000, closedDaysAgo: 850 },
  { account: 'hotels', name: 'Guest Wi-Fi refresh', amount: 62_000, closedDaysAgo: 480 },
  { account: 'hotels', name: 'Conference room displays', amount: 55_000, closedDaysAgo: 120 },
];

/** The people of the accounts with no open deal, on the account's org chart, and the key-account manager's contact with them. */
export const accountPeopleSeed: { account: AccountKey; domain: string; people: Omit<PersonSeed, 'decisionRole' | 'influence' | 'stance'>[]; activities: { kind: 'call' | 'visit' | 'meeting'; daysAgo: number; summary: string; people: string[] }[] }[] = [
  {
    account: 'shipyard',
    domain: 'yangtzeship.example',
    people: [
      { key: 'gm', name: 'Feng Guoqiang', title: 'General Manager', department: 'Executive Office', level: 'executive' },
      { key: 'cio', name: 'Tang Hui', title: 'Head of Information Systems', department: 'IT', level: 'management', reportsTo: 'gm' },
    ],
    // The last real conversation was at the roll-out's close; nothing since.
    activities: [{ kind: 'meeting', daysAgo: 790, summary: 'Go-live review of the ERP and MES roll-out with the General Manager.', people: ['gm', 'cio'] }],
  },
  {
    account: 'campus',
    domain: 'qingshan.example',
    people: [
      { key: 'vp', name: 'Professor Yao Lan', title: 'Vice-President for Digital Campus', department: 'President’s Office', level: 'executive' },
      { key: 'itc', name: 'Shen Bo', title: 'Director of the IT Centre', department: 'IT Centre', level: 'management', reportsTo: 'vp' },
    ],
    activities: [{ kind: 'visit', daysAgo: 25, summary: 'Showed the Vice-President the virtualised data centre; she asked about a second site for the new campus.', people: ['vp', 'itc'] }],
  },
  {
    account: 'hotels',
    domain: 'goldenlotus.example',
    people: [
      { key: 'gm', name: 'Lily Chow', title: 'Group General Manager', department: 'Management', level: 'executive' },
      { key: 'ops', name: 'Victor Pang', title: 'IT Operations Manager', department: 'IT', level: 'staff', reportsTo: 'gm' },
    ],
    activities: [{ kind: 'call', daysAgo: 18, summary: 'Check-in with the Group GM: happy with the displays, next budget round in spring.', people: ['gm'] }],
  },
];

/** The key-account managers' own work: practices ticked and a meeting logged on the account, not on a deal. */
export const practicesSeed = [
  { account: 'harbor', practice: 'complaint_channel', by: 'rep1', daysAgo: 200 },
  { account: 'harbor', practice: 'named_service_contact', by: 'rep1', daysAgo: 150 },
  { account: 'telecom', practice: 'regular_exec_meetings', by: 'rep2', daysAgo: 300 },
] as const;
export const accountActivitiesSeed = [
  { account: 'telecom', kind: 'executive_meeting', summary: 'Annual review with Eastern Telecom’s CTO: renewal terms and the 5G roadmap.', by: 'rep2', daysAgo: 130 },
  // Harbor Bank's last executive meeting on the account: over 90 days ago, so NO_EXEC_MEETING on first start.
  { account: 'harbor', kind: 'executive_meeting', summary: 'Go-live review of the disaster recovery site with the CEO and CIO; they asked for a yearly business review.', by: 'rep1', daysAgo: 150 },
] as const;

/** A complaint the hospital raised and nobody has closed: the defection watch's OPEN_COMPLAINT on first start. */
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

