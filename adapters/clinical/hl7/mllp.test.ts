import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildAck,
  FrameDecoder,
  frame,
  Hl7Reader,
  MllpClient,
  MllpSendError,
  type MllpServer,
  startMllpServer,
} from './index.ts';

const me = { app: 'BOOKINGHUB', facility: 'PK_DEMO' };
const msg = (id: string, name = 'Nguyễn Văn An') =>
  `MSH|^~\\&|HIS|BV|BOOKINGHUB|PK|20250115093000+0700||ADT^A31^ADT_A05|${id}|P|2.5.1||||||UNICODE UTF-8\rPID|1||X||${name}\r`;

const servers: MllpServer[] = [];
const clients: MllpClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  for (const s of servers.splice(0)) await s.close();
});

async function echoAckServer(extra: Partial<Parameters<typeof startMllpServer>[0]> = {}) {
  const seen: string[] = [];
  const server = await startMllpServer({
    host: '127.0.0.1',
    port: 0,
    allow: ['127.0.0.1'],
    async onFrame(f) {
      const m = new Hl7Reader(f.toString('utf8'));
      seen.push(`${m.header.controlId}:${m.text.split('\r')[1]}`);
      return buildAck(m, 'AA', me);
    },
    ...extra,
  });
  servers.push(server);
  return { server, seen };
}

/** Writes raw bytes on a plain socket and collects the ACKs' MSA-2 until `n` arrived. */
async function rawExchange(port: number, writes: Buffer[], n: number): Promise<string[]> {
  const socket = connect(port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  const decoder = new FrameDecoder();
  const acked: string[] = [];
  const done = new Promise<void>((resolve) =>
    socket.on('data', (c: Buffer) => {
      for (const f of decoder.push(c)) acked.push(new Hl7Reader(f.toString('utf8')).first('MSA')!.field(2).getValue());
      if (acked.length >= n) resolve();
    }),
  );
  for (const w of writes) {
    socket.write(w);
    await new Promise((r) => setTimeout(r, 5));
  }
  await done;
  socket.destroy();
  return acked;
}

describe('MLLP server', () => {
  it('ACKs two frames written in one TCP write, in order', async () => {
    const { server, seen } = await echoAckServer();
    const acked = await rawExchange(server.port, [Buffer.concat([frame(msg('M1')), frame(msg('M2'))])], 2);
    expect(acked).toEqual(['M1', 'M2']);
    expect(seen).toEqual(['M1:PID|1||X||Nguyễn Văn An', 'M2:PID|1||X||Nguyễn Văn An']);
  });

  it('reassembles a frame written in pieces, split inside a Vietnamese character', async () => {
    const { server, seen } = await echoAckServer();
    const bytes = frame(msg('M3'));
    const cut = bytes.indexOf(Buffer.from('ễ')) + 1;
    const acked = await rawExchange(server.port, [bytes.subarray(0, cut), bytes.subarray(cut)], 1);
    expect(acked).toEqual(['M3']);
    expect(seen[0]).toContain('Nguyễn');
  });

  it('closes connections from addresses outside the allow-list', async () => {
    const refused: string[] = [];
    const { server } = await echoAckServer({ allow: ['10.9.9.9'], onEvent: (e) => refused.push(e) });
    const socket = connect(server.port, '127.0.0.1');
    await new Promise((r) => socket.once('close', r));
    expect(refused).toContain('refused');
  });

  it('speaks TLS when given a certificate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mllp-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    const cert = readFileSync(join(dir, 'cert.pem'));
    const { server } = await echoAckServer({ tls: { cert, key: readFileSync(join(dir, 'key.pem')) } });
    const client = new MllpClient({ host: '127.0.0.1', port: server.port, tls: { ca: cert } });
    clients.push(client);
    const ack = await client.send(msg('T1'), 'T1');
    expect(ack.first('MSA')!.field(1).getValue()).toBe('AA');
  });
});

describe('MLLP client', () => {
  it('matches ACKs by MSA-2, so concurrent sends each get their own', async () => {
    const { server } = await echoAckServer();
    const client = new MllpClient({ host: '127.0.0.1', port: server.port });
    clients.push(client);
    const [a, b] = await Promise.all([client.send(msg('C1'), 'C1'), client.send(msg('C2'), 'C2')]);
    expect(a.first('MSA')!.field(2).getValue()).toBe('C1');
    expect(b.first('MSA')!.field(2).getValue()).toBe('C2');
  });

  it('times out when no ACK comes, and backs off between failed connects', async () => {
    const silent = await startMllpServer({ host: '127.0.0.1', port: 0, allow: [], onFrame: async () => undefined });
    servers.push(silent);
    const client = new MllpClient({ host: '127.0.0.1', port: silent.port, ackTimeoutMs: 100 });
    clients.push(client);
    await expect(client.send(msg('S1'), 'S1')).rejects.toMatchObject({ kind: 'timeout' });
    await client.close();
    await silent.close();
    servers.splice(0);

    const down = new MllpClient({
      host: '127.0.0.1',
      port: silent.port,
      reconnectMinMs: 60_000,
      reconnectMaxMs: 120_000,
    });
    clients.push(down);
    const first = await down.send(msg('S2'), 'S2').catch((e: MllpSendError) => e);
    expect(first).toBeInstanceOf(MllpSendError);
    expect((first as MllpSendError).kind).toBe('unavailable');
    // within the back-off window the client does not even try
    const second = await down.send(msg('S2'), 'S2').catch((e: MllpSendError) => e);
    expect((second as MllpSendError).retryInMs).toBeGreaterThan(50_000);
  });
});
