import { describe, expect, it } from 'vitest';
import { useLoggedInDealRoom } from '../helpers/e2e';

/** Page objects in a PDF (Chromium writes them uncompressed): `/Type /Page`, not `/Pages`. */
function pdfPageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g)?.length ?? 0;
}

describe('the printable deal one-pager (SPEC §12)', () => {
  const room = useLoggedInDealRoom('manager@demo.test', 'Core banking mainframe refresh');

  it('opens from the deal room’s Print button and shows facts, thresholds with reasons, map, people, points and steps', async () => {
    const { page } = room;
    await page.goto(`${room.dealUrl}?lang=en`);
    await page.getByTestId('print-deal').waitFor();
    await page.screenshot({ path: 'test-results/print-deal-room-header.png' });
    await page.getByTestId('print-deal').click();
    await page.waitForURL(/\/deals\/\d+\/print/);
    const sheet = page.getByTestId('print-sheet');
    await expect.poll(() => sheet.textContent()).toContain('Core banking mainframe refresh');
    const facts = await page.getByTestId('print-facts').textContent();
    for (const label of ['Amount', 'Stage', 'Close date', 'Owner', 'Health', 'Support coverage']) expect(facts).toContain(label);
    const information = page.getByTestId('print-threshold-information');
    expect(await information.getAttribute('data-passed')).toBe('false');
    expect(await information.textContent()).toContain('Point 9 — Key success factors');
    expect(await page.getByTestId('print-point-9').textContent()).toContain('Key success factors');
    await expect.poll(() => page.locator('[data-testid="print-map"] [data-testid="stakeholder-node"]').count()).toBeGreaterThan(3);
    expect(await sheet.textContent()).toContain('Wang Jianguo');
    // No app navigation on this page, on screen or on paper.
    expect(await page.getByRole('navigation').count()).toBe(0);
    await page.screenshot({ path: 'test-results/print-en.png', fullPage: true });
  });

  it('prints to exactly one A4 page, in English and in Chinese', async () => {
    const { page } = room;
    for (const [lang, title, threshold] of [
      ['en', 'Deal summary', 'Information'],
      ['zh-CN', '商机摘要', '信息'],
    ] as const) {
      await page.goto(`${room.dealUrl}/print?lang=${lang}`);
      await expect.poll(() => page.getByTestId('print-sheet').textContent()).toContain(title);
      expect(await page.getByTestId('print-threshold-information').textContent()).toContain(threshold);
      await expect.poll(() => page.locator('[data-testid="print-map"] [data-testid="stakeholder-node"]').count()).toBeGreaterThan(3);
      await page.emulateMedia({ media: 'print' });
      // A4's printable height at 10 mm margins is 277 mm = 1047 CSS px: the sheet must fit it.
      expect((await page.getByTestId('print-sheet').boundingBox())?.height, `${lang}: sheet height in print`).toBeLessThanOrEqual(1047);
      if (lang === 'zh-CN') await page.screenshot({ path: 'test-results/print-zh-print-media.png', fullPage: true });
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: false, path: `test-results/print-${lang}.pdf` });
      await page.emulateMedia({ media: 'screen' });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdfPageCount(pdf), `${lang}: PDF pages`).toBe(1);
    }
  });

  it('the pipeline’s export links carry the filters on screen, and the CSV link downloads the file', async () => {
    const { page } = room;
    await page.goto(`${room.app.server.url}/?status=open&tier=A&lang=zh-CN`);
    const csv = page.getByTestId('export-csv');
    await expect.poll(() => csv.textContent()).toBe('导出 CSV');
    expect(await csv.getAttribute('href')).toBe('/api/export/deals.csv?status=open&tier=A');
    expect(await page.getByTestId('export-xlsx').getAttribute('href')).toBe('/api/export/deals.xlsx?status=open&tier=A');
    await page.screenshot({ path: 'test-results/pipeline-export-zh.png' });
    const [download] = await Promise.all([page.waitForEvent('download'), csv.click()]);
    expect(download.suggestedFilename()).toMatch(/^deals-\d{4}-\d{2}-\d{2}\.csv$/);
  });
});
