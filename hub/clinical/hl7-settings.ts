import type { HisInterface } from '../../adapters/clinical/his/index.ts';
import type { AckIdentity } from '../../adapters/clinical/hl7/index.ts';
import type { Config } from '../config.ts';

/** MSH-3…6 of what the hub sends to the HIS, from config. */
export function hisInterface(config: Config): HisInterface {
  return {
    sendingApp: config.HL7_SENDING_APP,
    sendingFacility: config.HL7_SENDING_FACILITY,
    receivingApp: config.HIS_RECEIVING_APP,
    receivingFacility: config.HIS_RECEIVING_FACILITY,
    mrnAuthority: config.HIS_RECEIVING_FACILITY,
    timeZone: config.CLINIC_TIMEZONE,
  };
}

/** The `peer` column of integration_messages: the other side's "application|facility" (MSH-5/6 out, MSH-3/4 in). */
export function peerName(app: string, facility: string): string {
  return `${app}|${facility}`;
}

export function hisPeer(config: Config): string {
  return peerName(config.HIS_RECEIVING_APP, config.HIS_RECEIVING_FACILITY);
}

export function ackIdentity(config: Config): AckIdentity {
  return { app: config.HL7_SENDING_APP, facility: config.HL7_SENDING_FACILITY, timeZone: config.CLINIC_TIMEZONE };
}

/** pg_notify channel that wakes the HIS sender when a message is queued or replayed. */
export const outboundChannel = 'medicrm_hl7_out';
