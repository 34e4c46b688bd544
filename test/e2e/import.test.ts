/**
 * SPEC §12 in the browser: a manager opens Import from the pipeline, picks two files and
 * drops a third, previews (a row error: an unknown stage), maps that stage, previews
 * again, imports, and finds the imported deal in the pipeline.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useE2eApp } from '../helpers/e2e';

const fixtures = join(import.meta.dirname, '../fixtures/import/salesforce');
const holder = useE2eApp();

describe('Settings › Import', () => {
  it('pick files → preview with an error → fix the stage mapping → import → the deal is in the pipeline', async () => {
    const page = await holder.app.newPage();
    await holder.app.login(page, 'manager@demo.test');
    await page.getByTestId('import-link').click();
    await page.getByRole('heading', { name: 'Import from Salesforce or HubSpot' }).waitFor();

    // Two files through the file input, the third dropped on the drop zone.
    await page.getByTestId('import-input').setInputFiles([join(fixtures, 'Account.csv'), join(fixtures, 'Contact.csv')]);
    const dropped = readFileSync(join(fixtures, 'Opportunity-unknown-stage.csv'), 'utf8');
    await page.getByTestId('import-drop').evaluate((zone, text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'Opportunity.csv', { type: 'text/csv' }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, dropped);
    await expect.poll(() => page.locator('.import-files li').count()).toBe(3);
    expect(await page.getByLabel('What Opportunity.csv holds').inputValue()).toBe('deals');

    await page.getByTestId('import-preview').click();
    const errors = page.getByTestId('import-errors-deals');
    await errors.waitFor();
    expect(await errors.locator('tbody tr').first().innerText()).toMatch(/2\s+StageName\s+unknown stage "Pilot Running"/);
    expect(await page.getByTestId('import-run').isDisabled()).toBe(true);

    // Map the unknown stage: a new row in the stage mapping, with the keyboard where it matters.
    const stages = page.locator('.import-map summary').first();
    await stages.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Add a row' }).first().click();
    await page.getByLabel('Their stage 11').fill('Pilot Running');
    await page.getByLabel('Stage here 11').selectOption('propose');
    await page.getByTestId('import-preview').click();
    await page.getByText('The preview found no problem').waitFor();
    expect(await page.getByTestId('import-report').locator('tbody tr').nth(2).innerText()).toMatch(/Deals\s+2\s+2\s+0\s+0\s+0/);

    await page.getByTestId('import-run').click();
    await page.getByTestId('import-done').waitFor();

    await page.goto(`${holder.app.server.url}/?q=Depot%20automation`);
    await page.getByRole('link', { name: 'Depot automation' }).first().waitFor();
    expect(await page.getByTestId('pipeline-table').innerText()).toMatch(/Acme Rail Systems/);
    await page.close();
  });
});
