import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../../src/metrics/census-metrics.js';

describe('createMetrics', () => {
  it('names every metric prompt_census_<thing>_<unit>, default process metrics included, with no doubled word', async () => {
    const metrics = createMetrics();
    const text = await metrics.registry.metrics();
    const names = [...new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!))];
    expect(names).toContain('prompt_census_process_cpu_user_seconds_total');
    expect(names).toContain('prompt_census_process_resident_memory_bytes');
    expect(names).toContain('prompt_census_nodejs_eventloop_lag_seconds');
    expect(names).toContain('prompt_census_events_rejected_total');
    for (const name of names) {
      expect(name).toMatch(/^prompt_census_[a-z0-9_]+$/);
      expect(name, name).not.toMatch(/(?:^|_)(\w+)_\1_/);
    }
  });

  it('can leave the default metrics out', async () => {
    const text = await createMetrics({ defaultMetrics: false }).registry.metrics();
    expect(text).not.toContain('process_cpu');
    expect(text).toContain('prompt_census_events_accepted_total');
  });
});
