import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Classifier, ClassifierLabel } from '../../src/classifiers/classifier.js';
import { billingUnits } from '../../src/classifiers/classification-units.js';
import { PermanentClassifierError } from '../../src/classifiers/errors/permanent-classifier-error.js';
import { TransientClassifierError } from '../../src/classifiers/errors/transient-classifier-error.js';

/** What a contract case was arranged to do; `verify` asserts the kind made exactly the expected request. */
export interface Arranged {
  verify(): void;
}

/** A case a kind cannot arrange (e.g. a failure of the offline model), with the reason shown in the skip title. */
export interface Skipped {
  skip: string;
}

/** Arranges one case for the text that must be sent, or says why the kind cannot. */
export type Arrange = ((sent: string) => Arranged) | Skipped;

export interface ContractSetup {
  /** The config kind the classifier must report. */
  kind: string;
  /** Whether the kind calls a network service. */
  remote: boolean;
  /** A fresh classifier for one test; the suite closes it. */
  create(): Promise<Classifier>;
  /**
   * Arrange one successful classification. Network kinds answer `labels` when exactly `sent` is sent;
   * a kind that computes its own labels returns `{ computesLabels: true }` and is checked for shape only.
   */
  arrangeSuccess(sent: string, labels: ClassifierLabel[]): Arranged & { computesLabels?: boolean };
  /** Arrange the 1,000-code-point cut: succeed only if exactly `sent` (the cut text) goes out. */
  arrangeCut: Arrange;
  arrangePermanentFailure: Arrange;
  arrangeTransientFailure: Arrange;
  /** Arrange a call that never answers (the abort case). */
  arrangeHang: Arrange;
  /** A text the kind classifies successfully (at least a sentence of plain English). */
  sampleText?: string;
}

const DEFAULT_TEXT =
  'How do I write a recursive function in TypeScript that walks a binary tree and returns the sum of every node value?';

/** Labels shaped like a real classifyText answer: a parent and its child, and one below 0.5. */
const ANSWER: ClassifierLabel[] = [
  { name: '/Computers & Electronics/Programming', confidence: 0.91 },
  { name: '/Computers & Electronics', confidence: 0.62 },
  { name: '/Science/Mathematics', confidence: 0.31 },
];


/**
 * The contract every classifier kind passes: success, empty text, the 1,000-character cut, permanent vs
 * transient failures, abort on shutdown, close. Network kinds arrange answers with nock (see useNock).
 */
export function classifierContract(name: string, setup: ContractSetup): void {
  describe(`classifier contract: ${name}`, () => {
    const open: Classifier[] = [];
    const text = setup.sampleText ?? DEFAULT_TEXT;

    async function create(): Promise<Classifier> {
      const c = await setup.create();
      open.push(c);
      return c;
    }

    afterEach(async () => {
      await Promise.all(open.splice(0).map((c) => c.close()));
    });

    it('reports its kind, a versioned name and whether it is remote', async () => {
      const c = await create();
      expect(c.kind).toBe(setup.kind);
      expect(c.version.startsWith(`${setup.kind}/`)).toBe(true);
      expect(c.version.length).toBeGreaterThan(setup.kind.length + 1);
      expect(c.remote).toBe(setup.remote);
    });

    it('classifies a text into category paths with confidences', async () => {
      const c = await create();
      const arranged = setup.arrangeSuccess(text, ANSWER);
      const result = await c.classify(text);
      arranged.verify();
      if (arranged.computesLabels) {
        expect(result.labels.length).toBeGreaterThan(0);
      } else {
        expect(result.labels).toEqual(ANSWER);
      }
      for (const label of result.labels) {
        expect(label.name).toMatch(/^\/./);
        expect(label.confidence).toBeGreaterThanOrEqual(0);
        expect(label.confidence).toBeLessThanOrEqual(1);
      }
    });

    it('answers no labels for an empty or blank text without calling anything', async () => {
      const c = await create();
      // Network kinds run with nock.disableNetConnect() and nothing arranged: a request would fail the call.
      await expect(c.classify('')).resolves.toEqual({ labels: [] });
      await expect(c.classify(' \n\t  ')).resolves.toEqual({ labels: [] });
    });

    it('says what a successful call is billed: nothing for a blank text, one unit per request when remote', async () => {
      const c = await create();
      // A kind without billedUnits is free (the local model); the processor counts billedUnits after a success.
      const billed = (excerpt: string) => c.billedUnits?.(excerpt) ?? 0;
      expect(billed('')).toBe(0);
      expect(billed(' \n\t  ')).toBe(0);
      expect(billed(text)).toBe(setup.remote ? 1 : 0);
      expect(billed('x'.repeat(5000))).toBe(setup.remote ? 1 : 0);
    });

    // 999 one-unit characters, then an emoji (a surrogate pair) as the 1,000th code point, then 500 more.
    const long = `${'é'.repeat(999)}😀${'x'.repeat(500)}`;
    const cutText = `${'é'.repeat(999)}😀`;
    caseOrSkip('sends at most 1,000 code points (one billing unit) without splitting a surrogate pair', setup.arrangeCut, cutText, async (arranged) => {
      expect([...cutText].length).toBe(1000);
      expect(billingUnits(cutText)).toBe(1);
      const c = await create();
      await c.classify(long);
      arranged.verify();
    });

    caseOrSkip('rejects a permanent failure with PermanentClassifierError and a reason', setup.arrangePermanentFailure, text, async (arranged) => {
      const c = await create();
      const err = await c.classify(text).then(
        () => undefined,
        (e: unknown) => e,
      );
      arranged.verify();
      expect(err).toBeInstanceOf(PermanentClassifierError);
      expect((err as PermanentClassifierError).reason).toMatch(/^[a-z_]+$/);
      expect((err as Error).message).not.toContain(text);
    });

    caseOrSkip('rejects a transient failure with TransientClassifierError and a reason', setup.arrangeTransientFailure, text, async (arranged) => {
      const c = await create();
      const err = await c.classify(text).then(
        () => undefined,
        (e: unknown) => e,
      );
      arranged.verify();
      expect(err).toBeInstanceOf(TransientClassifierError);
      expect((err as TransientClassifierError).reason).toMatch(/^[a-z_]+$/);
      expect((err as Error).message).not.toContain(text);
    });

    caseOrSkip('stops waiting promptly when the shutdown signal aborts a call in flight', setup.arrangeHang, text, async () => {
      const c = await create();
      const controller = new AbortController();
      const started = Date.now();
      const pending = c.classify(text, { signal: controller.signal }).then(
        () => undefined,
        (e: unknown) => e,
      );
      setTimeout(() => controller.abort(), 50);
      const err = await pending;
      expect(Date.now() - started).toBeLessThan(2000);
      expect(err).toBeInstanceOf(TransientClassifierError);
      expect((err as TransientClassifierError).reason).toBe('aborted');
    });

    it('rejects at once when the shutdown signal is already aborted', async () => {
      const c = await create();
      const controller = new AbortController();
      controller.abort();
      await expect(c.classify(text, { signal: controller.signal })).rejects.toBeInstanceOf(Error);
    });

    it('can be closed twice and refuses to classify once closed', async () => {
      const c = await create();
      await c.close();
      await c.close();
      await expect(c.classify(text)).rejects.toBeInstanceOf(Error);
    });

    function caseOrSkip(title: string, arrange: Arrange, sent: string, body: (a: Arranged) => Promise<void>): void {
      if (typeof arrange !== 'function') {
        it.skip(`${title} (${arrange.skip})`, () => {});
        return;
      }
      it(title, async () => {
        await body(arrange(sent));
      });
    }
  });
}

/**
 * Registers nock for a network test file: no real connection, every interceptor removed after each test.
 * Also fills in Promise.withResolvers on Node 20: nock 15's @mswjs/interceptors 0.44 calls it (it declares
 * Node >= 22), and without it every intercepted request fails with "Promise.withResolvers is not a function".
 */
export function useNock(): void {
  beforeAll(() => {
    installPromiseWithResolvers();
    nock.disableNetConnect();
  });
  afterEach(() => {
    nock.abortPendingRequests();
    nock.cleanAll();
  });
  afterAll(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });
}

function installPromiseWithResolvers(): void {
  const P = Promise as unknown as { withResolvers?: unknown };
  if (typeof P.withResolvers === 'function') return;
  P.withResolvers = function withResolvers<T>() {
    let resolve!: (value: T | PromiseLike<T>) => void;
    let reject!: (reason?: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
