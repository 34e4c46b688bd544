import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT, layoutByReportingLines, type LayoutPerson } from '../../client/src/features/map/layout';

const person = (id: number, level: LayoutPerson['level'], reportsTo: number | null = null): LayoutPerson => ({
  id,
  contactId: id * 10,
  level,
  reportsToContactId: reportsTo === null ? null : reportsTo * 10,
});

function overlaps(a: { x: number; y: number }, b: { x: number; y: number }) {
  return Math.abs(a.x - b.x) < DEFAULT_LAYOUT.nodeWidth && Math.abs(a.y - b.y) < DEFAULT_LAYOUT.nodeHeight;
}

describe('auto-layout by reporting lines', () => {
  const bank = [
    person(1, 'executive'),
    person(2, 'executive', 1),
    person(3, 'management', 2),
    person(4, 'management', 1),
    person(5, 'staff', 3),
    person(6, 'staff', 3),
    person(7, 'staff', 2),
    person(8, 'management'),
  ];

  it('places executives above management above staff', () => {
    const pos = layoutByReportingLines(bank);
    const top = (level: LayoutPerson['level']) => Math.min(...bank.filter((p) => p.level === level).map((p) => pos.get(p.id)!.y));
    expect(top('executive')).toBeLessThan(top('management'));
    expect(top('management')).toBeLessThan(top('staff'));
    // a management person with no boss in the deal still sits in the management band, not beside the CEO
    expect(pos.get(8)!.y).toBeGreaterThan(pos.get(1)!.y);
  });

  it('puts everyone below the person they report to', () => {
    const pos = layoutByReportingLines(bank);
    for (const p of bank) {
      if (p.reportsToContactId === null) continue;
      expect(pos.get(p.id)!.y).toBeGreaterThan(pos.get(p.reportsToContactId / 10)!.y);
    }
  });

  it('never stacks two cards on top of each other', () => {
    const pos = [...layoutByReportingLines(bank).values()];
    for (let i = 0; i < pos.length; i++) for (let j = i + 1; j < pos.length; j++) expect(overlaps(pos[i]!, pos[j]!)).toBe(false);
  });

  it('is deterministic and ignores input order', () => {
    const a = layoutByReportingLines(bank);
    const b = layoutByReportingLines([...bank].reverse());
    expect([...b.entries()].sort()).toEqual([...a.entries()].sort());
  });

  it('handles nobody, a boss outside the deal, and 300 people', () => {
    expect(layoutByReportingLines([]).size).toBe(0);
    const orphan = layoutByReportingLines([person(1, 'staff', 99)]);
    expect(orphan.size).toBe(1);
    const many = Array.from({ length: 300 }, (_, i) => person(i + 1, i < 10 ? 'executive' : i < 80 ? 'management' : 'staff', i < 10 ? null : (i % 10) + 1));
    expect(layoutByReportingLines(many).size).toBe(300);
  });
});
