import { readFileSync } from 'node:fs';
import type { PoolClient } from 'pg';
import { MllpClient, MllpSendError } from '../../adapters/clinical/hl7/index.ts';
import type { AppDeps } from '../platform/context.ts';
import { hisPeer, outboundChannel } from './hl7-settings.ts';
import {
  dueMessages,
  nextDueAt,
  type OutboundRow,
  recordAck,
  recordNoAck,
  recordUnreachable,
} from './outbound-delivery.ts';
import { safeError } from './safe-error.ts';

export interface HisSender {
  /** look for due messages now (a replay, a test) */
  wake(): void;
  stop(): Promise<void>;
}

const lockKey = 'medicrm-his-sender';

/**
 * Delivers stored outbound messages to the HIS over one MLLP connection, one at a time, each waiting for its ACK
 * (HL7's sequential protocol). One sender per deployment: the process holding a PostgreSQL advisory lock sends, the
 * others stand by. While the HIS is down nothing is lost: messages stay pending and go out in order on its return.
 */
export function startHisSender(deps: AppDeps): HisSender {
  const { config, db, logger } = deps;
  const peer = hisPeer(config);
  const client = new MllpClient({
    host: config.HIS_MLLP_HOST!,
    port: config.HIS_MLLP_PORT,
    tls: config.HIS_MLLP_TLS
      ? { ca: config.HIS_MLLP_TLS_CA_FILE ? readFileSync(config.HIS_MLLP_TLS_CA_FILE) : undefined }
      : undefined,
    connectTimeoutMs: config.HL7_CONNECT_TIMEOUT_MS,
    ackTimeoutMs: config.HL7_ACK_TIMEOUT_MS,
    reconnectMinMs: 1_000,
    reconnectMaxMs: config.HL7_RETRY_MAX_SECONDS * 1_000,
    fallbackCharset: config.HL7_FALLBACK_CHARSET,
    onUnmatched: (msg) => logger.warn({ peer, controlId: msg?.header.controlId }, 'hl7: reply matching no message'),
  });
  let stopping = false;
  let wake: (() => void) | undefined;
  let listener: PoolClient | undefined;
  let holdsLock = false;

  const retryMs = (attempts: number) =>
    Math.min(config.HL7_RETRY_MAX_SECONDS * 1_000, 1_000 * 2 ** Math.min(attempts, 20));

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, Math.max(0, ms));
      wake = () => {
        clearTimeout(t);
        resolve();
      };
    }).finally(() => {
      wake = undefined;
    });

  /** Sends one message; returns how long the sender should pause before the next (0 = go on). */
  const deliver = async (msg: OutboundRow): Promise<number> => {
    try {
      const ack = await client.send(msg.payload, msg.controlId);
      const outcome = await recordAck(db, msg, ack, config.HIS_RECEIVING_FACILITY);
      logger.info({ peer, type: msg.messageType, controlId: msg.controlId, outcome }, 'hl7: delivered');
      return 0;
    } catch (err) {
      if (!(err instanceof MllpSendError)) throw err;
      if (err.kind === 'unavailable') {
        await recordUnreachable(db, msg, `Không kết nối được HIS: ${err.message}`);
        return err.retryInMs;
      }
      const wait = retryMs(msg.attempts + 1);
      await recordNoAck(
        db,
        msg,
        err.kind === 'timeout' ? 'Không nhận được ACK (hết thời gian chờ)' : 'Mất kết nối trước khi có ACK',
        wait,
      );
      logger.warn({ peer, controlId: msg.controlId, kind: err.kind, retryInMs: wait }, 'hl7: no ACK, will resend');
      return 0;
    }
  };

  const connectListener = async () => {
    const c = await db.$client.connect();
    c.on('notification', () => wake?.());
    c.on('error', () => {});
    await c.query(`listen ${outboundChannel}`);
    listener = c;
  };

  const loop = (async () => {
    while (!stopping) {
      try {
        if (!listener) await connectListener();
        if (!holdsLock) {
          const r = await listener!.query<{ ok: boolean }>('select pg_try_advisory_lock(hashtext($1)) as ok', [
            lockKey,
          ]);
          holdsLock = !!r.rows[0]?.ok;
          if (!holdsLock) {
            await sleep(5_000);
            continue;
          }
        }
        const batch = await dueMessages(db, peer, 50);
        let pause = 0;
        for (const msg of batch) {
          if (stopping) break;
          pause = await deliver(msg);
          if (pause > 0) break;
        }
        if (stopping) break;
        if (pause > 0) await sleep(pause);
        else if (batch.length === 0) {
          const due = await nextDueAt(db, peer);
          await sleep(due ? Math.min(due.getTime() - Date.now(), 30_000) : 30_000);
        }
      } catch (err) {
        logger.error({ error: safeError(err) }, 'hl7: HIS sender error');
        listener?.release(true);
        listener = undefined;
        holdsLock = false;
        await sleep(2_000);
      }
    }
  })();

  return {
    wake: () => wake?.(),
    async stop() {
      stopping = true;
      wake?.();
      // a send waiting for its ACK fails now ('closed') and is resent by whoever sends next
      await client.close();
      await loop;
      if (listener) {
        if (holdsLock) await listener.query('select pg_advisory_unlock(hashtext($1))', [lockKey]).catch(() => {});
        await listener.query(`unlisten ${outboundChannel}`).catch(() => {});
        listener.release();
      }
    },
  };
}
