// Setting up our server through its real API before the load starts: logins (session cookies
// for the collab upgrade) and meetings (each memo room belongs to one).
import { DEMO_PASSWORD } from '../../server/seed/demo';
import { CSRF_HEADER } from '../../shared/errors';
import { BENCH_AGENDA_TITLES } from './memoLayout';

/** The demo group's negotiators (everyone who may open the live memo). */
export const NEGOTIATORS = [
  'puheenjohtaja',
  'varapuheenjohtaja',
  'sihteeri',
  ...['kesk', 'sdp', 'ps', 'kok', 'vas', 'kd', 'vihr'].map((party) => `${party}.edustaja`),
  ...['kesk', 'sdp', 'kok'].map((party) => `${party}.varajasen`),
];

export class OurApi {
  private cookie: string | undefined;

  constructor(readonly baseUrl: string) {}

  get sessionCookie(): string {
    if (!this.cookie) throw new Error('not logged in');
    return this.cookie;
  }

  async request<T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T; bytes: number }> {
    const headers: Record<string, string> = { [CSRF_HEADER]: '1' };
    if (this.cookie) headers.cookie = this.cookie;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const bytes = new Uint8Array(await response.arrayBuffer());
    const type = response.headers.get('content-type') ?? '';
    const parsed: unknown = type.includes('application/json')
      ? JSON.parse(new TextDecoder().decode(bytes))
      : null;
    return { status: response.status, body: parsed as T, bytes: bytes.length };
  }

  async login(who: string): Promise<void> {
    const response = await this.request('POST', '/api/auth/login', {
      email: `${who}@demo.example`,
      password: DEMO_PASSWORD,
    });
    if (response.status !== 200) throw new Error(`login as ${who}: ${response.status}`);
  }
}

export interface OurSetup {
  chair: OurApi;
  groupId: string;
  /** One session cookie per negotiator. */
  cookies: string[];
}

export async function setUpOurs(baseUrl: string, people = NEGOTIATORS): Promise<OurSetup> {
  const clients = await Promise.all(
    people.map(async (who) => {
      const client = new OurApi(baseUrl);
      await client.login(who);
      return client;
    }),
  );
  const chair = clients[0]!;
  const me = await chair.request<{ memberships: { groupId: string }[] }>('GET', '/api/me');
  const groupId = me.body.memberships[0]?.groupId;
  if (!groupId) throw new Error('the chair belongs to no group: was the demo seeded?');
  return { chair, groupId, cookies: clients.map((client) => client.sessionCookie) };
}

/** A started meeting (its memo room is live) with `titles` as its agenda. */
export async function newMeeting(
  setup: OurSetup,
  title: string,
  titles: readonly string[] = BENCH_AGENDA_TITLES,
): Promise<string> {
  const created = await setup.chair.request<{ id: string }>(
    'POST',
    `/api/groups/${setup.groupId}/meetings`,
    {
      title,
      startsAt: '2026-12-07T17:00:00+02:00',
      agenda: titles.map((item) => ({ title: item })),
    },
  );
  if (created.status !== 201) throw new Error(`meeting not created: ${created.status}`);
  const started = await setup.chair.request('POST', `/api/meetings/${created.body.id}/status`, {
    status: 'in_progress',
  });
  if (started.status !== 200) throw new Error(`meeting not started: ${started.status}`);
  return created.body.id;
}
