import type { Page } from 'playwright-core';

/**
 * On the meeting's page, as the vice-chair the approval was delegated to: approve through the
 * confirmation, open version 1 and wait for its acting-chair stamp.
 */
export async function approveAsActingChair(page: Page, viceName: string): Promise<void> {
  const panel = page.getByRole('region', { name: 'Muistion hyväksyminen' });
  await panel.getByText('Hyväksyt muistion puheenjohtajan sijaisena.', { exact: false }).waitFor();
  await panel.getByRole('button', { name: 'Hyväksy muistio', exact: true }).click();
  await panel.getByRole('button', { name: 'Hyväksy ja toimita' }).click();
  await panel.getByText('Muistio on hyväksytty versioksi 1', { exact: false }).waitFor();
  await panel.getByRole('link', { name: 'Avaa versio 1' }).click();
  await page
    .getByText(`Hyväksynyt varapuheenjohtaja ${viceName} puheenjohtajan sijaisena`)
    .waitFor();
}
