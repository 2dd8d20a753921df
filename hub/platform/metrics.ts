import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  outboxPublished: Counter;
  outboxBacklog: Gauge;
}

/** One registry per process (tests make several apps in one process, so never the global one). */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'medicrm_' });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'medicrm_http_request_duration_seconds',
      help: 'HTTP request duration by route template',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    outboxPublished: new Counter({
      name: 'medicrm_outbox_published_total',
      help: 'Outbox events moved to queues',
      registers: [registry],
    }),
    outboxBacklog: new Gauge({
      name: 'medicrm_outbox_backlog',
      help: 'Outbox events not yet published (sampled at scrape)',
      registers: [registry],
    }),
  };
}
