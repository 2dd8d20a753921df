import { TZDate } from '@date-fns/tz';
import { addDays, format } from 'date-fns';
import { contacts, patients } from '../../db/schema/index.ts';
import { issuePatientToken } from '../../hub/patient-auth/patient-token.ts';
import { startZaloGraphTwin } from '../../sandbox/zalo-graph/index.ts';
import { createTestApp, type TestApp } from '../support/hub.ts';

/** The hub in-process with the Zalo Graph sandbox twin on a real port (the hub reaches it over HTTP). */
export async function createBookingTestApp(env: Record<string, string> = {}) {
  const sandbox = await startZaloGraphTwin();
  const t = await createTestApp({ env: { SANDBOX: 'true', SANDBOX_URL: sandbox.url, ...env } });
  return {
    t,
    sandbox,
    async close() {
      await t.close();
      await sandbox.stop();
    },
  };
}

export type BookingTestApp = Awaited<ReturnType<typeof createBookingTestApp>>;

/** What the Zalo app on the phone does: sign a fake user in and hand the Mini App an access token. */
export async function zaloUser(sandboxUrl: string, user: { id?: string; name?: string; phone?: string } = {}) {
  const res = await fetch(`${sandboxUrl}/zalo-graph/_sandbox/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(user),
  });
  if (res.status !== 201) throw new Error(`sandbox user: ${res.status}`);
  return (await res.json()) as { id: string; name: string; phone: string; accessToken: string };
}

export async function phoneToken(sandboxUrl: string, accessToken: string) {
  const res = await fetch(`${sandboxUrl}/zalo-graph/_sandbox/phone-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ accessToken }),
  });
  return ((await res.json()) as { token: string }).token;
}

/** A Mini App client: JSON requests with the hub token. */
export class PatientClient {
  token = '';
  readonly t: TestApp;
  constructor(t: TestApp) {
    this.t = t;
  }
  async request(method: string, path: string, body?: unknown) {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    return this.t.app.request(`/api/patient${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
  /** Signs in with a fresh Zalo user of the sandbox; returns the session body. */
  async signIn(sandboxUrl: string, user: { id?: string; name?: string; phone?: string } = {}) {
    const z = await zaloUser(sandboxUrl, user);
    const res = await this.request('POST', '/session', { accessToken: z.accessToken, zaloUserId: z.id });
    if (res.status !== 200) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
    const session = (await res.json()) as { token: string; me: { contact: { id: string } } };
    this.token = session.token;
    return { ...session, zalo: z };
  }
  async addProfile(profile: Record<string, unknown> = {}) {
    const res = await this.request('POST', '/profiles', {
      relationship: 'self',
      fullName: 'Nguyễn Thị Hoa',
      birthDate: '1990-04-12',
      sex: 'female',
      ...profile,
    });
    if (res.status !== 201) throw new Error(`profile: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string };
  }
}

export interface Slot {
  slotId: string;
  doctorId: string;
  departmentId: string;
  branchId: string;
  startsAt: string;
  endsAt: string;
  seatsLeft: number;
  date: string;
  time: string;
}

/** The clinic's date `days` from today (Asia/Ho_Chi_Minh), as the availability API takes it. */
export const clinicDate = (days: number) =>
  format(addDays(new TZDate(new Date(), 'Asia/Ho_Chi_Minh'), days), 'yyyy-MM-dd');

/**
 * Free slots of the coming weeks matching a filter, via the public API. Without `from` the search starts tomorrow
 * (clinic time): a slot a few hours away may already be inside the change cut-off, depending on the hour the suite runs.
 */
export async function freeSlots(t: TestApp, query: Record<string, string> = {}): Promise<Slot[]> {
  const qs = new URLSearchParams({ from: clinicDate(1), ...query }).toString();
  const res = await t.app.request(`/api/availability?${qs}`);
  if (res.status !== 200) throw new Error(`availability: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { slots: Slot[] }).slots;
}

/** Patients made straight in the database with a hub token each, for tests that need many of them. */
export async function seedPatients(t: TestApp, n: number, prefix = 'Bệnh nhân') {
  const contactRows = await t.db
    .insert(contacts)
    .values(Array.from({ length: n }, (_, i) => ({ fullName: `${prefix} ${i + 1}`, firstChannel: 'miniapp' as const })))
    .returning({ id: contacts.id });
  const profileRows = await t.db
    .insert(patients)
    .values(contactRows.map((c, i) => ({ contactId: c.id, fullName: `${prefix} ${i + 1}`, sex: 'male' as const })))
    .returning({ id: patients.id, contactId: patients.contactId });
  return profileRows.map((p, i) => {
    const client = new PatientClient(t);
    client.token = issuePatientToken(
      t.deps.config.PATIENT_TOKEN_SECRET,
      { contactId: p.contactId, zaloUserId: String(9_000_000_000 + i) },
      60,
    ).token;
    return { client, contactId: p.contactId, profileId: p.id };
  });
}

/**
 * Keeps the single-place slots that overlap none kept before (`taken` grows as it goes): one patient booked on all of
 * them is never in two places at once, whatever the doctors' slot lengths (15 and 20 minutes interleave).
 */
export function apartFrom(slots: Slot[], taken: { startsAt: string; endsAt: string }[]): Slot[] {
  const out: Slot[] = [];
  for (const s of slots) {
    if (s.seatsLeft !== 1) continue;
    if (taken.some((x) => s.startsAt < x.endsAt && x.startsAt < s.endsAt)) continue;
    taken.push(s);
    out.push(s);
  }
  return out;
}
