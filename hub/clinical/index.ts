// What other parts of the hub may use of the clinical integration (HL7 with the HIS / LIS / RIS).
export { type ClinicalServices, Hl7ListenError, startClinicalServices } from './clinical-services.ts';
export { hisSyncProcessor, hisSyncTopics } from './his-sync.jobs.ts';
export { hl7InboundProcessor } from './inbound.jobs.ts';
export { integrationRoutes } from './integration.routes.ts';
