import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../../src/metrics/census-metrics.js';

const FILE = new URL('../../../deploy/prometheus/prompt-census-alerts.yaml', import.meta.url);

interface Rule { alert: string; expr: string; for?: string; labels?: Record<string, string>; annotations?: Record<string, string> }

describe('deploy/prometheus alert rules', () => {
  const doc = parse(readFileSync(FILE, 'utf8')) as { groups: Array<{ name: string; rules: Rule[] }> };
  const rules = doc.groups.flatMap((g) => g.rules);
  // Metric name → label names, from the real metric definitions.
  const metrics = new Map<string, Set<string>>();
  for (const m of createMetrics({ defaultMetrics: false }).registry.getMetricsAsArray()) {
    const labelNames = (m as unknown as { labelNames: string[] }).labelNames;
    metrics.set(m.name, new Set(labelNames));
  }

  it('has named rules with an expression, a severity and a summary', () => {
    expect(rules.length).toBeGreaterThanOrEqual(8);
    expect(new Set(rules.map((r) => r.alert)).size).toBe(rules.length);
    for (const r of rules) {
      expect(r.alert).toMatch(/^PromptCensus[A-Za-z]+$/);
      expect(r.expr.trim().length).toBeGreaterThan(0);
      expect(r.labels?.severity).toMatch(/^(critical|warning|info)$/);
      expect(r.annotations?.summary).toBeTruthy();
    }
  });

  it('uses only metrics prompt-census exposes, with label names those metrics have', () => {
    const used = new Set<string>();
    for (const r of rules) {
      for (const m of r.expr.matchAll(/\b(prompt_census_[a-z_]+)(\{([^}]*)\})?/g)) {
        const series = m[1]!;
        const name = metrics.has(series) ? series : series.replace(/_(bucket|sum|count)$/, '');
        expect(metrics.has(name), `${r.alert}: unknown metric ${series}`).toBe(true);
        used.add(name);
        for (const matcher of (m[3] ?? '').split(',').filter((s) => s.trim())) {
          const label = matcher.trim().split(/[=!~]/)[0]!;
          if (label === 'le') continue;
          expect(metrics.get(name)!.has(label), `${r.alert}: ${name} has no label "${label}"`).toBe(true);
        }
      }
      for (const m of r.expr.matchAll(/\bby \(([^)]*)\)/g)) {
        for (const label of m[1]!.split(',').map((s) => s.trim())) {
          if (label === 'le') continue;
          const known = [...metrics.values()].some((labels) => labels.has(label));
          expect(known, `${r.alert}: no metric has label "${label}"`).toBe(true);
        }
      }
    }
    for (const name of [
      'prompt_census_queue_backlog_jobs',
      'prompt_census_events_rejected_total',
      'prompt_census_samples_failed_total',
      'prompt_census_classifier_rate_limited_total',
      'prompt_census_classifier_requests_total',
      'prompt_census_batches_applied_total',
      'prompt_census_batch_apply_duration_seconds',
      'prompt_census_classifier_units_total',
    ]) {
      expect(used.has(name), `no rule uses ${name}`).toBe(true);
    }
  });
});
