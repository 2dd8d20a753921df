import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { FrameDecoder, frame } from './framing.ts';
import { type Hl7Reader, parseFrame } from './message.ts';

export interface MllpClientOptions {
  host: string;
  port: number;
  tls?: { ca?: string | Buffer; cert?: string | Buffer; key?: string | Buffer; servername?: string };
  connectTimeoutMs?: number;
  ackTimeoutMs?: number;
  /** wait before reconnecting after a failed connect: doubles from min to max, reset by a successful connect */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  fallbackCharset?: string;
  /** a frame that answers no message we are waiting for (late ACK after a timeout, unsolicited message) */
  onUnmatched?(msg: Hl7Reader | undefined, raw: Buffer): void;
}

/** Why a send did not get its ACK; `retryInMs` says when the connection may be tried again. */
export class MllpSendError extends Error {
  readonly kind: 'unavailable' | 'timeout' | 'closed';
  readonly retryInMs: number;
  constructor(kind: 'unavailable' | 'timeout' | 'closed', message: string, retryInMs = 0) {
    super(message);
    this.name = 'MllpSendError';
    this.kind = kind;
    this.retryInMs = retryInMs;
  }
}

interface Waiter {
  resolve(ack: Hl7Reader): void;
  reject(err: Error): void;
}

/**
 * An MLLP sender over one persistent connection, opened on demand. Each send waits for the ACK whose MSA-2 is its
 * MSH-10 (never "the next reply": a late ACK must not be taken for the next message's).
 */
export class MllpClient {
  private readonly opts: MllpClientOptions;
  private socket: Socket | undefined;
  private connecting: Promise<Socket> | undefined;
  private readonly waiters = new Map<string, Waiter>();
  private failures = 0;
  private nextConnectAt = 0;

  constructor(opts: MllpClientOptions) {
    this.opts = opts;
  }

  get connected(): boolean {
    return !!this.socket && !this.socket.destroyed;
  }

  /** Sends one message and resolves with its ACK (any MSA code); rejects with MllpSendError. */
  async send(message: string, controlId: string): Promise<Hl7Reader> {
    const socket = await this.connection();
    const timeoutMs = this.opts.ackTimeoutMs ?? 10_000;
    return new Promise<Hl7Reader>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(controlId);
        reject(new MllpSendError('timeout', `no ACK within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.set(controlId, {
        resolve: (ack) => {
          clearTimeout(timer);
          resolve(ack);
        },
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      });
      socket.write(frame(message));
    });
  }

  private backoff(): number {
    const min = this.opts.reconnectMinMs ?? 500;
    const max = this.opts.reconnectMaxMs ?? 30_000;
    return Math.min(max, min * 2 ** Math.min(this.failures - 1, 16));
  }

  private connection(): Promise<Socket> {
    if (this.socket && !this.socket.destroyed) return Promise.resolve(this.socket);
    const wait = this.nextConnectAt - Date.now();
    if (wait > 0) {
      return Promise.reject(new MllpSendError('unavailable', 'waiting before reconnecting', wait));
    }
    this.connecting ??= this.open().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private open(): Promise<Socket> {
    const { host, port, tls } = this.opts;
    return new Promise<Socket>((resolve, reject) => {
      const socket = tls
        ? tlsConnect({ host, port, ca: tls.ca, cert: tls.cert, key: tls.key, servername: tls.servername ?? host })
        : netConnect({ host, port });
      const ready = tls ? 'secureConnect' : 'connect';
      const timer = setTimeout(() => socket.destroy(new Error('connect timeout')), this.opts.connectTimeoutMs ?? 5_000);
      const fail = (err: Error) => {
        clearTimeout(timer);
        this.failures++;
        const retryIn = this.backoff();
        this.nextConnectAt = Date.now() + retryIn;
        reject(new MllpSendError('unavailable', `cannot connect to ${host}:${port} (${err.message})`, retryIn));
      };
      socket.once('error', fail);
      socket.once(ready, () => {
        clearTimeout(timer);
        socket.off('error', fail);
        this.failures = 0;
        this.nextConnectAt = 0;
        this.attach(socket);
        resolve(socket);
      });
    });
  }

  private attach(socket: Socket) {
    this.socket = socket;
    socket.setNoDelay(true);
    const decoder = new FrameDecoder();
    socket.on('data', (chunk: Buffer) => {
      for (const f of decoder.push(chunk)) this.dispatch(f);
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      if (this.socket === socket) this.socket = undefined;
      for (const [id, w] of this.waiters) {
        this.waiters.delete(id);
        w.reject(new MllpSendError('closed', 'connection closed before the ACK'));
      }
    });
  }

  private dispatch(raw: Buffer) {
    let msg: Hl7Reader | undefined;
    try {
      msg = parseFrame(raw, this.opts.fallbackCharset);
    } catch {
      this.opts.onUnmatched?.(undefined, raw);
      return;
    }
    const acked = msg.first('MSA') ? msgAckedId(msg) : '';
    const waiter = acked ? this.waiters.get(acked) : undefined;
    if (!waiter) {
      this.opts.onUnmatched?.(msg, raw);
      return;
    }
    this.waiters.delete(acked);
    waiter.resolve(msg);
  }

  /** Closes the connection; pending sends fail with kind 'closed'. */
  async close(): Promise<void> {
    const s = this.socket;
    this.socket = undefined;
    if (!s || s.destroyed) return;
    await new Promise<void>((resolve) => {
      s.once('close', () => resolve());
      s.end();
      setTimeout(() => s.destroy(), 1_000).unref();
    });
  }
}

function msgAckedId(msg: Hl7Reader): string {
  const msa = msg.first('MSA')!;
  return String(msa.field(2).getValue() ?? '').trim();
}
