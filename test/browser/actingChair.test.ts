import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import { memoFixture } from '../support/memoFixture';
import {
  CHAIR_EMAIL,
  inFreshContext,
  logInFinnish,
  useDemoServerAndBrowser,
} from './support/browser';
import { approveAsActingChair } from './support/actingChair';

const VICE_EMAIL = 'varapuheenjohtaja@demo.example';
const TITLE = 'Sijaisen hyväksymä kokous';

// Issue 19 in Finnish: the chair hands the approval to the vice-chair in the group's
// administration, the vice-chair approves as acting chair and the stamp says so; a delegation
// ended while the vice-chair's page is open takes the approval away from that page at once.
describe('the acting chair in the browser', () => {
  const env = useDemoServerAndBrowser();

  it('the chair delegates, the vice-chair approves in the chair’s place, and an ended delegation takes the approval away live', async () => {
    const url = env.server.url;
    const f = await memoFixture(env.server, ['varapuheenjohtaja']);
    const chairApi = f.clients.puheenjohtaja!;
    const vice = (await f.clients.varapuheenjohtaja!.get('/api/me')).body as {
      id: string;
      name: string;
    };
    const meeting = await f.newMeeting(TITLE);
    for (const status of ['in_progress', 'drafting']) {
      expect((await chairApi.post(`/api/meetings/${meeting.id}/status`, { status })).status).toBe(
        200,
      );
    }

    await inFreshContext(env.browser, async (chair) => {
      await logInFinnish(chair, url, CHAIR_EMAIL, DEMO_PASSWORD);
      await chair.goto(`${url}/groups/${f.groupId}/admin`);
      const section = chair.getByRole('region', { name: 'Puheenjohtajan sijainen' });
      await section.getByText('Sijaisuuksia ei ole voimassa.').waitFor();
      await section.getByLabel('Varapuheenjohtaja').selectOption({ label: vice.name });
      await section.getByRole('radio', { name: 'Yksi kokous' }).check();
      await section.getByLabel('Kokous', { exact: true }).selectOption(meeting.id);
      await section.getByRole('button', { name: 'Anna hyväksyminen sijaiselle' }).click();
      await section
        .getByText(`${vice.name} hyväksyy puheenjohtajan sijaisena kokouksen ”${TITLE}” muistion.`)
        .waitFor();
    });

    await inFreshContext(env.browser, async (page) => {
      await logInFinnish(page, url, VICE_EMAIL, DEMO_PASSWORD);
      await page.goto(`${url}/groups/${f.groupId}/meetings/${meeting.id}`);
      await approveAsActingChair(page, vice.name);

      // A second meeting: the vice-chair has its page open when the chair ends the delegation.
      const next = await f.newMeeting('Päättyvä sijaisuus');
      expect(
        (await chairApi.post(`/api/meetings/${next.id}/status`, { status: 'in_progress' })).status,
      ).toBe(200);
      const created = await chairApi.post(`/api/groups/${f.groupId}/approval-delegations`, {
        delegateUserId: vice.id,
        scope: { kind: 'meeting', meetingId: next.id },
      });
      expect(created.status).toBe(201);
      await page.goto(`${url}/groups/${f.groupId}/meetings/${next.id}`);
      const nextPanel = page.getByRole('region', { name: 'Muistion hyväksyminen' });
      await nextPanel
        .getByText('Hyväksyt muistion puheenjohtajan sijaisena.', { exact: false })
        .waitFor();
      const ended = await chairApi.post(
        `/api/groups/${f.groupId}/approval-delegations/${created.body.id as string}/end`,
        {},
      );
      expect(ended.status).toBe(200);
      await expect.poll(() => nextPanel.count(), { timeout: 10_000 }).toBe(0);
    });
  });
});
