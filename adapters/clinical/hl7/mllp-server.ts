import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { peerAllowList } from './allow-list.ts';
import { FrameDecoder, frame } from './framing.ts';

export interface MllpPeer {
  address: string;
  port: number;
}

export interface TlsFiles {
  cert: string | Buffer;
  key: string | Buffer;
  /** when set, clients must present a certificate signed by it */
  ca?: string | Buffer;
}

export interface MllpServerOptions {
  host: string;
  port: number;
  /** IPs / CIDR ranges allowed to connect; empty = anyone */
  allow: readonly string[];
  tls?: TlsFiles;
  /** a connection silent this long is closed */
  idleTimeoutMs?: number;
  maxFrameBytes?: number;
  /** one complete frame's bytes; the reply (an ACK) is framed and written back, in the order the frames came */
  onFrame(frame: Buffer, peer: MllpPeer): Promise<string | Buffer | undefined>;
  onEvent?(event: 'refused' | 'error' | 'frame-too-large', detail: Record<string, unknown>): void;
}

export interface MllpServer {
  port: number;
  host: string;
  /** open connections right now */
  connections(): number;
  /** stops listening, lets replies in flight finish, then closes every connection */
  close(): Promise<void>;
}

/** An MLLP listener on node:net (or node:tls): framing, per-connection ordering, allow-list, idle timeout. */
export async function startMllpServer(opts: MllpServerOptions): Promise<MllpServer> {
  const allowed = peerAllowList(opts.allow);
  const sockets = new Map<Socket, Promise<void>>();

  const handle = (socket: Socket) => {
    const peer = { address: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 };
    if (!allowed(peer.address)) {
      opts.onEvent?.('refused', { address: peer.address });
      socket.destroy();
      return;
    }
    const decoder = new FrameDecoder(opts.maxFrameBytes);
    // replies go out in frame order: each frame waits for the one before it
    let chain: Promise<void> = Promise.resolve();
    sockets.set(socket, chain);
    socket.setNoDelay(true);
    if (opts.idleTimeoutMs) socket.setTimeout(opts.idleTimeoutMs, () => socket.end());
    socket.on('data', (chunk: Buffer) => {
      let frames: Buffer[];
      try {
        frames = decoder.push(chunk);
      } catch (err) {
        opts.onEvent?.('frame-too-large', { address: peer.address, error: (err as Error).message });
        socket.destroy();
        return;
      }
      for (const f of frames) {
        chain = chain.then(async () => {
          try {
            const reply = await opts.onFrame(f, peer);
            if (reply !== undefined && !socket.destroyed) socket.write(frame(reply));
          } catch (err) {
            // the handler answers every frame it can; an exception here means storage is down: no ACK, the peer resends
            opts.onEvent?.('error', { address: peer.address, error: (err as Error).message });
          }
        });
        sockets.set(socket, chain);
      }
    });
    socket.on('error', (err) => opts.onEvent?.('error', { address: peer.address, error: err.message }));
    socket.on('close', () => sockets.delete(socket));
  };

  const server: Server = opts.tls
    ? createTlsServer(
        {
          cert: opts.tls.cert,
          key: opts.tls.key,
          ca: opts.tls.ca,
          requestCert: !!opts.tls.ca,
          rejectUnauthorized: true,
        },
        handle,
      )
    : createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => opts.onEvent?.('error', { error: err.message }));
  const address = server.address() as AddressInfo;
  return {
    port: address.port,
    host: opts.host,
    connections: () => sockets.size,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all(
        [...sockets].map(async ([socket, pending]) => {
          await pending;
          // our replies are flushed, then the connection goes whatever the peer does with its half
          await new Promise<void>((resolve) => socket.end(() => resolve()));
          socket.destroy();
        }),
      );
      await closed;
    },
  };
}
