import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProviderHttp } from './provider-http.ts';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

let server: Server;
let base: string;
let handler: Handler = (_req, _body, res) => res.end();
const sockets = new Set<import('node:net').Socket>();

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      body += c;
    });
    req.on('end', () => handler(req, body, res));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});

describe('the adapters’ keep-alive HTTP client', () => {
  it('sends method, headers and a JSON body, and gives back status, headers and the body', async () => {
    handler = (req, body, res) => {
      res.writeHead(201, { 'content-type': 'application/json', 'x-seen': String(req.headers.access_token) });
      res.end(JSON.stringify({ method: req.method, body: JSON.parse(body), length: req.headers['content-length'] }));
    };
    const f = createProviderHttp();
    const payload = JSON.stringify({ name: 'Nguyễn Thị Hoa' });
    const res = await f(
      `${base}/message`,
      { method: 'POST', headers: { 'content-type': 'application/json', access_token: 'tok' }, body: payload },
      5_000,
    );
    expect([res.status, res.ok]).toEqual([201, true]);
    expect(res.headers.get('X-Seen')).toBe('tok');
    expect(JSON.parse(await res.text())).toEqual({
      method: 'POST',
      body: { name: 'Nguyễn Thị Hoa' },
      length: String(Buffer.byteLength(payload)),
    });
  });

  it('encodes a form body with its content type, as fetch does', async () => {
    handler = (req, body, res) => res.end(JSON.stringify({ type: req.headers['content-type'], body }));
    const res = await createProviderHttp()(
      `${base}/token`,
      { method: 'POST', body: new URLSearchParams({ refresh_token: 'a b', grant_type: 'refresh_token' }) },
      5_000,
    );
    expect(JSON.parse(await res.text())).toEqual({
      type: 'application/x-www-form-urlencoded;charset=UTF-8',
      body: 'refresh_token=a+b&grant_type=refresh_token',
    });
  });

  it('returns error statuses with their headers instead of throwing', async () => {
    handler = (_req, _body, res) => {
      res.writeHead(429, { 'retry-after': '7' });
      res.end('{"error":-32}');
    };
    const res = await createProviderHttp()(`${base}/x`, {}, 5_000);
    expect([res.status, res.ok, res.headers.get('retry-after'), await res.text()]).toEqual([
      429,
      false,
      '7',
      '{"error":-32}',
    ]);
  });

  it('gives up after its timeout', async () => {
    handler = () => {}; // never answers
    await expect(createProviderHttp()(`${base}/slow`, {}, 100)).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('reuses its sockets, and sends again once when the server had closed an idle one', async () => {
    const ports = new Set<number>();
    handler = (req, _body, res) => {
      ports.add(req.socket.remotePort!);
      res.end('ok');
    };
    const f = createProviderHttp({ maxSockets: 1 });
    for (let i = 0; i < 5; i++) expect(await (await f(`${base}/a`, {}, 5_000)).text()).toBe('ok');
    expect(ports.size).toBe(1);
    // the server drops its idle connections (its keep-alive timeout) without the client noticing yet
    for (const s of sockets) s.resetAndDestroy();
    expect(await (await f(`${base}/b`, { method: 'POST', body: 'x' }, 5_000)).text()).toBe('ok');
    expect(ports.size).toBe(2);
  });

  it('answers a network failure as an error, not a response', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    await expect(createProviderHttp()(`http://127.0.0.1:${port}/`, {}, 5_000)).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });
});
