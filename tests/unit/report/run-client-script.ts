/**
 * Test support (not a test): run the HTML report's browser script (HTML_CLIENT_SCRIPT) on the data embedded in a
 * rendered page, against a minimal DOM and a Chart.js stand-in that records every chart config. It checks what the
 * script builds (figures, datasets, notes, method text) without a browser; tests/e2e/report-html.test.ts checks
 * the real drawing in headless Chromium.
 */
import { HTML_CLIENT_SCRIPT } from '../../../src/report/html-client-script.js';

export interface FakeNode {
  tag: string;
  id: string;
  className: string;
  textContent: string;
  children: FakeNode[];
  attributes: Map<string, string>;
  appendChild(child: FakeNode): FakeNode;
  setAttribute(name: string, value: string): void;
}

export interface ChartConfig {
  type: string;
  data: { labels?: unknown[]; datasets: Array<{ label?: string; type?: string; data: unknown[] }> };
  options?: unknown;
}

export interface ClientRun {
  /** window.__reportFigures as the script left it. */
  figures: Array<{ id: string; ok: boolean; points: number }>;
  /** Chart configs by figure id. */
  charts: Map<string, ChartConfig>;
  consoleErrors: string[];
  /** All text of the element with this id (its descendants' text, in order). */
  text(id: string): string;
  /** The body's data-figures attribute ("ready" once every figure is drawn). */
  ready: string | undefined;
}

function node(tag: string): FakeNode {
  return {
    tag,
    id: '',
    className: '',
    textContent: '',
    children: [],
    attributes: new Map(),
    appendChild(child) {
      this.children.push(child);
      return child;
    },
    setAttribute(name, value) {
      this.attributes.set(name, value);
    },
  };
}

const textOf = (n: FakeNode): string => n.textContent + n.children.map(textOf).join(' ');

export function runClientScript(html: string): ClientRun {
  const data = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html);
  if (!data) throw new Error('the page has no <script id="report-data"> block');
  const byId = new Map<string, FakeNode>();
  for (const id of ['window', 'facts', 'figures', 'methods']) byId.set(id, node('div'));
  const dataNode = node('script');
  dataNode.textContent = data[1]!;
  byId.set('report-data', dataNode);
  const body = node('body');

  const charts = new Map<string, ChartConfig>();
  const consoleErrors: string[] = [];
  const sectionOf = (canvas: FakeNode) => {
    const sections = byId.get('figures')!.children;
    return sections.find((s) => s.children.some((c) => c.children.includes(canvas)))?.id ?? '?';
  };
  class FakeChart {
    static defaults = { font: {} as Record<string, unknown> } as Record<string, unknown>;
    static register(): void {}
    data: ChartConfig['data'];
    constructor(canvas: FakeNode, config: ChartConfig) {
      if (!config || !config.data || !Array.isArray(config.data.datasets)) throw new Error('chart config without datasets');
      this.data = config.data;
      charts.set(sectionOf(canvas), config);
    }
  }
  const fakeWindow: Record<string, unknown> = {
    ChartErrorBars: { BarWithErrorBarsController: {}, BarWithErrorBar: {}, ScatterWithErrorBarsController: {}, PointWithErrorBar: {} },
  };
  const fakeDocument = {
    getElementById: (id: string) => byId.get(id) ?? null,
    createElement: (tag: string) => node(tag),
    createTextNode: (text: string) => Object.assign(node('#text'), { textContent: text }),
    body,
  };
  const fakeConsole = { error: (...args: unknown[]) => consoleErrors.push(args.map(String).join(' ')) };
  // The script reads only these globals; parameters shadow the real ones.
  new Function('window', 'document', 'Chart', 'console', HTML_CLIENT_SCRIPT)(fakeWindow, fakeDocument, FakeChart, fakeConsole);

  const find = (id: string, from: FakeNode[]): FakeNode | undefined => {
    for (const n of from) {
      if (n.id === id) return n;
      const hit = find(id, n.children);
      if (hit) return hit;
    }
    return undefined;
  };
  return {
    figures: fakeWindow.__reportFigures as ClientRun['figures'],
    charts,
    consoleErrors,
    text(id) {
      const n = byId.get(id) ?? find(id, [...byId.values()]);
      if (!n) throw new Error(`no element #${id}`);
      return textOf(n);
    },
    ready: body.attributes.get('data-figures'),
  };
}
