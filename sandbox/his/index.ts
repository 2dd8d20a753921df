import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import type { Hl7Message } from '@medplum/core';
import { Hl7Client, Hl7Connection } from '@medplum/hl7';
import { Hono } from 'hono';
import { esc, get, message, vnTimestamp } from './hl7-text.ts';
import { buildLabOru, defaultPanel, type LabValue } from './oru.ts';
import { hisPage } from './page.ts';
import { hisState, type ScheduledVisit } from './schedule.ts';

/**
 * Stand-in for the hospital's HIS, on @medplum/hl7 (a different HL7 implementation than the hub's, so it checks our
 * framing and escaping independently). It listens for ADT and SIU over MLLP on 127.0.0.1 (its own Hl7Server cannot
 * bind an address, so its Hl7Connection is wrapped around our net.Server), ACKs them (AA, or AE for invalid ones),
 * keeps its own schedule, assigns MRNs (told back to the hub as ADT^A31), and on "complete visit" sends ORU^R01 lab
 * results to the hub's listener with its Hl7Client. /_sandbox/down makes it refuse connections for a while.
 */
export interface HisTwinOptions {
  /** MLLP port; 0 picks a free one */
  mllpPort: number;
  host?: string;
  /** the hub's MLLP listener, read when results are sent (the hub may start after the sandbox) */
  readonly hubMllp?: { host: string; port: number };
  hubApp?: string;
  hubFacility?: string;
}

export function hisTwin(opts: HisTwinOptions) {
  const state = hisState();
  const host = opts.host ?? '127.0.0.1';
  const hubApp = opts.hubApp ?? 'BOOKINGHUB';
  const hubFacility = opts.hubFacility ?? 'PK_DEMO';
  let server: Server | undefined;
  let port = opts.mllpPort;
  let downUntil = 0;
  let upTimer: NodeJS.Timeout | undefined;
  const sockets = new Set<Socket>();

  const toHub = async (msg: Hl7Message) => {
    const hub = opts.hubMllp;
    if (!hub) throw new Error('the hub MLLP listener is not configured');
    const client = new Hl7Client({ host: hub.host, port: hub.port, connectTimeout: 5_000 });
    try {
      return await client.sendAndWait(msg, { timeoutMs: 15_000 });
    } finally {
      await client.close().catch(() => {});
    }
  };

  /** What the HIS does after registering a person: it tells the hub the MRN it assigned. */
  const announceMrn = (hubId: string, pidName: string) => {
    const mrn = state.mrns.get(hubId);
    if (!mrn || !opts.hubMllp) return;
    const now = vnTimestamp();
    const msg = message([
      `MSH|^~\\&|HIS|BV_DEMO|${esc(hubApp)}|${esc(hubFacility)}|${now}||ADT^A31^ADT_A05|${state.nextId('HISADT', 8)}|P|2.5.1|||||VNM|UNICODE UTF-8`,
      `EVN|A31|${now}`,
      `PID|1||${esc(mrn)}^^^BV_DEMO^MR~${esc(hubId)}^^^${esc(hubApp)}^PI||${pidName}`,
      'PV1|1|N',
    ]);
    toHub(msg).catch(() => {});
  };

  const onConnection = (socket: Socket) => {
    if (Date.now() < downUntil) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const conn = new Hl7Connection(socket, 'utf-8');
    conn.addEventListener('error', () => {});
    conn.addEventListener('message', (event) => {
      const msg = event.message;
      const reply = () => {
        const ackMsg = state.answer(msg);
        if (!socket.destroyed) event.connection.send(ackMsg);
        const type = get(msg, 'MSH', 9, 2);
        const hubId = (msg.getSegment('PID')?.getField(3)?.toString() ?? '').split('~').find((r) => r.endsWith('^PI'));
        if (type === 'A28' && ackMsg.getSegment('MSA')?.getField(1)?.toString() === 'AA' && hubId) {
          announceMrn(hubId.split('^')[0]!, msg.getSegment('PID')?.getField(5)?.toString() ?? '');
        }
      };
      if (state.settings.ackDelayMs > 0) setTimeout(reply, state.settings.ackDelayMs);
      else reply();
    });
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer(onConnection);
      s.once('error', reject);
      s.listen(port, host, () => {
        s.off('error', reject);
        server = s;
        port = (s.address() as AddressInfo).port;
        resolve();
      });
    });

  const close = async () => {
    const s = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };

  /** Refuses connections (closes the port) for `ms`, then listens again on the same port. */
  const goDown = async (ms: number) => {
    downUntil = Date.now() + ms;
    await close();
    clearTimeout(upTimer);
    upTimer = setTimeout(() => {
      downUntil = 0;
      void listen().catch(() => {});
    }, ms);
    upTimer.unref();
  };

  const complete = async (visit: ScheduledVisit, values: LabValue[], correction: boolean) => {
    visit.status = 'Complete';
    visit.visitNumber ??= state.nextId('VIS-');
    const { controlId, message: oru } = buildLabOru(visit, values, { hubApp, hubFacility, correction });
    const reply = await toHub(oru);
    return {
      controlId,
      ackCode: reply.getSegment('MSA')?.getField(1)?.toString() ?? '',
      ackText: get(reply, 'MSA', 3),
    };
  };

  const app = new Hono();
  app.get('/', (c) =>
    c.html(hisPage([...state.visits.values()], state.received, { port, down: Date.now() < downUntil })),
  );
  app.get('/_sandbox/schedule', (c) => c.json({ items: [...state.visits.values()] }));
  app.get('/_sandbox/messages', (c) => c.json({ items: state.received }));
  app.get('/_sandbox/status', (c) => c.json({ port, down: Date.now() < downUntil, ...state.settings }));
  app.post('/_sandbox/settings', async (c) => {
    const b = (await c.req.json().catch(() => ({}))) as Partial<typeof state.settings>;
    if (typeof b.rejectNext === 'number') state.settings.rejectNext = b.rejectNext;
    if (Array.isArray(b.unknownDoctors)) state.settings.unknownDoctors = b.unknownDoctors.map(String);
    if (typeof b.ackDelayMs === 'number') state.settings.ackDelayMs = b.ackDelayMs;
    return c.json(state.settings);
  });
  app.post('/_sandbox/down', async (c) => {
    const b = (await c.req.json().catch(() => ({}))) as { seconds?: number };
    await goDown(Math.max(0.1, Number(b.seconds ?? 30)) * 1_000);
    return c.json({ down: true, until: new Date(downUntil).toISOString() });
  });
  app.post('/_sandbox/up', async (c) => {
    clearTimeout(upTimer);
    downUntil = 0;
    if (!server) await listen();
    return c.json({ down: false });
  });
  /** "Complete visit": the lab results of that appointment go to the hub as ORU^R01 (the page's button calls it). */
  app.post('/_sandbox/appointments/:code/complete', async (c) => {
    const visit = state.visits.get(c.req.param('code'));
    if (!visit) return c.json({ error: 'không có lịch hẹn này trong HIS' }, 404);
    if (visit.status === 'Cancelled') return c.json({ error: 'lịch hẹn đã huỷ' }, 409);
    const b = (await c.req.json().catch(() => ({}))) as { values?: Record<string, string> };
    const values = defaultPanel().map((v) =>
      b.values?.[v.local] !== undefined ? { ...v, value: b.values[v.local]! } : v,
    );
    try {
      return c.json(await complete(visit, values, false));
    } catch (err) {
      return c.json({ error: (err as Error).message }, 502);
    }
  });
  /** A correction (OBX-11 = C) of some values of a visit already reported: {values: {GLU: '5.9'}, flags: {GLU: 'N'}} */
  app.post('/_sandbox/appointments/:code/correct', async (c) => {
    const visit = state.visits.get(c.req.param('code'));
    if (visit?.status !== 'Complete') return c.json({ error: 'chưa có kết quả để đính chính' }, 409);
    const b = (await c.req.json().catch(() => ({}))) as {
      values?: Record<string, string>;
      flags?: Record<string, string>;
    };
    const values = defaultPanel()
      .filter((v) => b.values?.[v.local] !== undefined)
      .map((v) => ({ ...v, value: b.values![v.local]!, flag: b.flags?.[v.local] ?? v.flag }));
    if (values.length === 0) return c.json({ error: 'values required' }, 400);
    try {
      return c.json(await complete(visit, values, true));
    } catch (err) {
      return c.json({ error: (err as Error).message }, 502);
    }
  });

  return {
    app,
    state,
    get port() {
      return port;
    },
    start: listen,
    async stop() {
      clearTimeout(upTimer);
      await close();
    },
  };
}
