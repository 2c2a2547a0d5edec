import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Classifier } from '../../../../src/classifiers/classifier.js';
import { localClassifierKind } from '../../../../src/classifiers/local/index.js';
import { CANONICAL_PATHS, type LocalCategory } from '../../../../src/classifiers/local/categories.js';
import { createLocalClassifier } from '../../../../src/classifiers/local/local-classifier.js';
import { bundledModelPath } from '../../../../src/classifiers/local/load-local-model.js';
import { configSchema, type ClassifierConfig } from '../../../../src/config/config-schema.js';
import { TransientClassifierError } from '../../../../src/classifiers/errors/transient-classifier-error.js';
import { createLogger } from '../../../../src/logging/create-logger.js';

const logger = createLogger({ level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
const config = (model?: string): ClassifierConfig =>
  configSchema.parse({ classifier: { kind: 'local', local: model ? { model } : {} } }).classifier;

/** Hand-written for this test: not in the training or evaluation sets. */
const EXAMPLES: [LocalCategory, string][] = [
  ['programming', 'def parse(path):\n    with open(path) as f:\n        return [line.strip() for line in f if line]\n\nWhy does this skip empty lines?'],
  ['programming', 'function debounce(fn, ms) {\n  let t;\n  return (...args) => { clearTimeout(t); t = setTimeout(() => fn(...args), ms); };\n}\nCan you add TypeScript types to this?'],
  ['programming', 'public class Counter {\n    private int count;\n    public synchronized void increment() { count++; }\n}\nIs this thread-safe in Java?'],
  ['programming', '#include <stdlib.h>\nint main() { int *a = malloc(10 * sizeof(int)); a[10] = 1; return 0; }\nvalgrind reports an invalid write, why?'],
  ['programming', 'fn longest<\'a>(x: &\'a str, y: &\'a str) -> &\'a str { if x.len() > y.len() { x } else { y } }\nexplain the lifetime annotation'],
  ['programming', 'SELECT department, AVG(salary) FROM employees GROUP BY department ORDER BY 2 DESC;\nhow do I show only departments with more than 10 employees?'],
  ['programming', 'Wie schreibe ich in Go einen HTTP-Server, der JSON zurückgibt? Bitte mit Beispielcode.'],
  ['programming', '如何用 Python 的 asyncio 同时下载多个网页？请给出代码。'],
  ['roleplay', '{{char}} is a retired pirate who runs a seaside inn. {{char}} never breaks character. *{{char}} wipes a mug and squints at {{user}}*'],
  ['roleplay', 'You are Captain Mirelle, a stern starship commander. Stay in character for the whole conversation. I salute and report for duty.'],
  ['roleplay', '*pulls my hood down and sits across from you* I heard you know the way through the cursed forest.'],
  ['roleplay', 'Давай ролевую игру: ты — старый волшебник, а я — твой ученик. Не выходи из роли.'],
  ['translation', 'Translate into Spanish: The museum is closed on Mondays, but the garden stays open until six.'],
  ['translation', 'Traduis en anglais : Je voudrais réserver une table pour quatre personnes ce soir.'],
  ['translation', 'Übersetze ins Englische: Die Sitzung beginnt morgen um neun Uhr.'],
  ['translation', '请把这句话翻译成英文：我们下周一开会讨论预算。'],
  ['translation', 'この文を英語に翻訳してください：週末は雨が降るそうです。'],
  ['translation', 'Переведи на английский: Я опоздал на поезд из-за пробок.'],
  ['creative-writing', 'Write a short story about an old clockmaker who discovers that one of his clocks can stop time.'],
  ['creative-writing', 'Escribe un poema sobre el otoño y las hojas que caen en un parque vacío.'],
  ['education', 'I teach 6th grade. Can you make a lesson plan with activities and a short quiz on the water cycle?'],
  ['productivity', 'Please rewrite this email to my manager so it sounds more professional and concise: hey, the report is gonna be late again, sorry.'],
  ['general-qa', 'What were the main causes of the fall of the Western Roman Empire?'],
  ['science', 'Explain how quantum entanglement works and what experiments confirmed it.'],
  ['technology', 'My laptop keeps dropping the Wi-Fi connection after the latest Windows update. How do I fix it?'],
  ['health', 'I have had a persistent headache and a fever for three days. Should I see a doctor?'],
  ['finance', 'Should I put my savings into index funds or pay off my mortgage early?'],
  ['legal', 'My landlord is refusing to return my security deposit. What are my legal options?'],
  ['academia', 'Help me write the literature review and methodology chapters of my PhD dissertation.'],
  ['marketing', 'Write a catchy slogan and an Instagram ad campaign for our new organic coffee brand.'],
  ['seo', 'How can I improve my website ranking on Google? I need keyword research and better meta descriptions.'],
  ['trivia', 'Give me ten pub quiz trivia questions about 90s movies, with the answers.'],
  ['adult', 'Write an explicit erotic NSFW sex scene between two consenting adults.'],
];

describe('local classifier', () => {
  let classifier: Classifier;
  beforeAll(async () => {
    classifier = await createLocalClassifier(config(), { logger });
  });
  afterAll(async () => {
    await classifier.close();
  });

  it('is the offline kind and reports the model version', async () => {
    const model = JSON.parse(await readFile(bundledModelPath(), 'utf8')) as { version: string };
    expect(classifier.kind).toBe('local');
    expect(classifier.remote).toBe(false);
    expect(classifier.version).toBe(`local/${model.version}`);
    expect(localClassifierKind.kind).toBe('local');
    const viaKind = await localClassifierKind.create(config(), { logger });
    expect(viaKind.kind).toBe('local');
    expect(viaKind.version).toBe(classifier.version);
    await viaKind.close();
  });

  it.each(EXAMPLES)('labels a %s example with its canonical path at >= 0.5', async (category, text) => {
    const { labels } = await classifier.classify(text);
    expect(labels[0]?.name).toBe(CANONICAL_PATHS[category as Exclude<LocalCategory, 'others'>]);
    expect(labels[0]!.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it('answers at most 3 canonical labels, sorted by confidence, never an "others" path', async () => {
    const canonical = new Set(Object.values(CANONICAL_PATHS));
    for (const [, text] of EXAMPLES) {
      const { labels } = await classifier.classify(text);
      expect(labels.length).toBeLessThanOrEqual(3);
      for (const label of labels) {
        expect(canonical.has(label.name)).toBe(true);
        expect(label.confidence).toBeGreaterThan(0);
        expect(label.confidence).toBeLessThanOrEqual(1);
      }
      const confidences = labels.map((l) => l.confidence);
      expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
    }
  });

  it('is not confident about everyday topics outside the study categories', async () => {
    for (const text of [
      'What is the best way to grill salmon so the skin gets crispy?',
      'We are driving from Lyon to Milan next week; where should we stop for lunch?',
      'My tomato plants have yellow leaves at the bottom. Too much water?',
    ]) {
      const { labels } = await classifier.classify(text);
      expect(labels.every((l) => l.confidence < 0.5)).toBe(true);
    }
  });

  it('says nothing on empty or very short text', async () => {
    for (const text of ['', '   ', 'hello', 'ok thanks', '\n\n', '👍']) {
      expect((await classifier.classify(text)).labels).toEqual([]);
    }
  });

  it('still classifies short code', async () => {
    const { labels } = await classifier.classify('print(len(sys.argv))');
    expect(labels[0]?.name).toBe(CANONICAL_PATHS.programming);
  });

  it('fills languageCode with the eld language detector', async () => {
    expect((await classifier.classify('Could you help me plan a birthday party for my daughter?')).languageCode).toBe('en');
    expect((await classifier.classify('¿Puedes ayudarme a organizar una fiesta de cumpleaños para mi hija?')).languageCode).toBe('es');
    expect((await classifier.classify('请帮我给女儿策划一个生日派对。')).languageCode).toBe('zh');
    expect((await classifier.classify('Помоги мне организовать день рождения для дочери.')).languageCode).toBe('ru');
    const result = await classifier.classify('Could you help me plan a birthday party for my daughter?');
    expect(result.languageSupported).toBe(true);
  });

  it('is deterministic', async () => {
    const other = await createLocalClassifier(config(), { logger });
    for (const [, text] of EXAMPLES) {
      const a = await classifier.classify(text);
      expect(await classifier.classify(text)).toEqual(a);
      expect(await other.classify(text)).toEqual(a);
    }
    await other.close();
  });

  it('rejects with TransientClassifierError "aborted" when the signal is already aborted, and "closed" once closed', async () => {
    const controller = new AbortController();
    controller.abort();
    const aborted = await classifier.classify('Translate this into French please', { signal: controller.signal }).catch((e: unknown) => e);
    expect(aborted).toBeInstanceOf(TransientClassifierError);
    expect((aborted as TransientClassifierError).reason).toBe('aborted');
    const other = await createLocalClassifier(config(), { logger });
    await other.close();
    const closed = await other.classify('Translate this into French please').catch((e: unknown) => e);
    expect(closed).toBeInstanceOf(TransientClassifierError);
    expect((closed as TransientClassifierError).reason).toBe('closed');
  });

  it('classifies only the first 1,000 code points: what follows has no influence', async () => {
    const chat = 'We talked about the weather, the garden, the neighbours and what to cook on Sunday. ';
    let head = '';
    while (head.length < 1000) head += chat;
    head = head.slice(0, 1000);
    const code = '\n```python\nimport sys\nfor line in sys.stdin:\n    print(line.strip().split(","))\n```\nWhy does this crash?';
    const cut = await classifier.classify(head);
    expect(await classifier.classify(head + code)).toEqual(cut);
    expect(cut.labels.find((l) => l.name === CANONICAL_PATHS.programming && l.confidence >= 0.5)).toBeUndefined();
    // The same code inside the first 1,000 code points is what decides.
    expect((await classifier.classify(code.trim())).labels[0]?.name).toBe(CANONICAL_PATHS.programming);
  });

  it('omits languageCode where it would be noise: very short text, eld unsure, a line of code', async () => {
    for (const text of ['hi', 'ok', 'ok thanks', 'ls -la', 'print(len(sys.argv))', 'SELECT id FROM users;']) {
      const result = await classifier.classify(text);
      expect(result.languageCode, text).toBeUndefined();
      expect(result.languageSupported, text).toBeUndefined();
    }
  });
});

/**
 * Texts an independent review found misclassified by an earlier model; fixed by training data and features (none of
 * these strings is in the training set), kept here as regressions.
 */
describe('local classifier on the review cases', () => {
  let classifier: Classifier;
  beforeAll(async () => {
    classifier = await createLocalClassifier(config(), { logger });
  });
  afterAll(async () => {
    await classifier.close();
  });
  const top = async (text: string): Promise<string | undefined> => {
    const { labels } = await classifier.classify(text);
    return labels[0] && labels[0].confidence >= 0.5 ? labels[0].name : undefined;
  };

  it.each([
    "find . -name '*.log' -mtime +7 -exec rm {} \\;",
    "grep -rn 'TODO' src/ | wc -l",
    'kubectl get pods -n prod | grep CrashLoopBackOff',
    'ls -la',
    'SELECT 1;',
    "print('hello')",
    'print(len(sys.argv))',
  ])('recognises the one-liner %s as programming', async (text) => {
    expect(await top(text)).toBe(CANONICAL_PATHS.programming);
  });

  it('recognises a Spanish persona set-up, French maths homework and a product description', async () => {
    expect(await top('Eres un caballero medieval que protege el castillo. No rompas el personaje.')).toBe(CANONICAL_PATHS.roleplay);
    expect(await top('Calcule la dérivée de f(x)=x^3+2x pour mon devoir de maths')).toBe(CANONICAL_PATHS.education);
    expect(await top('Write a product description for our SaaS CRM tool that converts visitors into leads.')).toBe(CANONICAL_PATHS.marketing);
  });

  it('files single facts under trivia and network protocols under technology (docs/categories.md)', async () => {
    for (const text of ['What is the capital of Australia?', 'Who was the first person to walk on the moon?', 'How many legs does a spider have?']) {
      expect(await top(text), text).toBe(CANONICAL_PATHS.trivia);
    }
    expect(await top('Explain the difference between TCP and UDP')).toBe(CANONICAL_PATHS.technology);
  });

  it('says nothing confident about a bare link or a reaction', async () => {
    expect((await classifier.classify('https://example.com/foo/bar?x=1')).labels).toEqual([]);
    expect(await top('hmm interesting, why?')).toBeUndefined();
  });
});

describe('local classifier model loading', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pc-local-model-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads a model from classifier.local.model', async () => {
    const path = join(dir, 'copy.json');
    await writeFile(path, await readFile(bundledModelPath()));
    const c = await createLocalClassifier(config(path), { logger });
    expect(c.version).toMatch(/^local\//);
    expect((await c.classify(EXAMPLES[0]![1])).labels[0]?.name).toBe(CANONICAL_PATHS.programming);
  });

  it('names the path when the model file is missing', async () => {
    const path = join(dir, 'missing.json');
    await expect(createLocalClassifier(config(path), { logger })).rejects.toThrow(path);
    await expect(createLocalClassifier(config(path), { logger })).rejects.toThrow(/could not be read/);
  });

  it('names the path when the model file is not JSON', async () => {
    const path = join(dir, 'broken.json');
    await writeFile(path, '{"format": "prompt-census/local-classifier-model", ');
    await expect(createLocalClassifier(config(path), { logger })).rejects.toThrow(path);
    await expect(createLocalClassifier(config(path), { logger })).rejects.toThrow(/not valid JSON/);
  });

  it('names the path when the model file has the wrong shape', async () => {
    const path = join(dir, 'wrong.json');
    const model = JSON.parse(await readFile(bundledModelPath(), 'utf8')) as Record<string, unknown>;
    await writeFile(path, JSON.stringify({ ...model, bias: [1, 2] }));
    await expect(createLocalClassifier(config(path), { logger })).rejects.toThrow(new RegExp(`${path}.*corrupt`));
    await writeFile(path, JSON.stringify({ ...model, paths: { ...(model.paths as object), legal: '/Law & Government' } }));
    await expect(createLocalClassifier(config(path), { logger })).rejects.toThrow(/canonical path/);
  });
});
