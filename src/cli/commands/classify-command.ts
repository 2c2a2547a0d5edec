import type { Command } from 'commander';
import { createClassifier } from '../../classifiers/registry.js';
import { PermanentClassifierError } from '../../classifiers/errors/permanent-classifier-error.js';
import { TransientClassifierError } from '../../classifiers/errors/transient-classifier-error.js';
import type { Classifier, ClassifierLabel } from '../../classifiers/classifier.js';
import { excerptOf } from '../../event/excerpt.js';
import { labelsToCategories } from '../../taxonomy/labels-to-categories.js';
import { categoryViewFor } from '../../worker/category-view.js';
import { commandLogger, loadCommandConfig, writeLine, type CliContext } from '../cli-context.js';
import { readStdinLines } from '../read-stdin-lines.js';

export function registerClassifyCommand(program: Command, ctx: CliContext): { exitCode: () => number } {
  let code = 0;
  program
    .command('classify')
    .description(
      'classify one text (--text) or NDJSON {"text": ...} lines on stdin; prints one NDJSON line per input: labels kept ' +
        '(>= classifier.minConfidence), droppedLabels, categories, category, tags, languageCode/languageSupported when known',
    )
    .option('-c, --config <file>', 'config file (YAML or JSON); default: env PROMPT_CENSUS_CONFIG')
    .option('--classifier <kind>', 'override classifier.kind (local | http | google)')
    .option('--text <text>', 'the text to classify')
    .action(async (opts: { config?: string; classifier?: string; text?: string }) => {
      const { config } = loadCommandConfig(ctx, opts.config, { 'classifier.kind': opts.classifier });
      const logger = commandLogger(config);
      const view = categoryViewFor(config);
      const classifier: Classifier = await createClassifier(config.classifier, { logger });
      const classifyOne = async (text: string) => {
        const excerpt = excerptOf(text, config.sampling.maxChars);
        try {
          const result = await classifier.classify(excerpt);
          const c = labelsToCategories(result.labels, view.minConfidence, view.mapping);
          const label = (l: ClassifierLabel) => ({ name: l.name, confidence: l.confidence });
          return {
            // What the pipeline keeps (>= classifier.minConfidence, parents included) and what it drops.
            labels: c.kept.map(label),
            droppedLabels: result.labels.filter((l) => l.confidence < view.minConfidence).map(label),
            categories: c.categories,
            category: c.category,
            tags: c.tags,
            ...(result.languageCode ? { languageCode: result.languageCode } : {}),
            ...(result.languageSupported !== undefined ? { languageSupported: result.languageSupported } : {}),
            classifier: classifier.version,
            mapping: view.mapping.version,
          };
        } catch (err) {
          code = 1;
          const kind =
            err instanceof PermanentClassifierError ? 'permanent' : err instanceof TransientClassifierError ? 'transient' : 'unexpected';
          const reason = (err as { reason?: string }).reason ?? 'error';
          return {
            labels: [],
            droppedLabels: [],
            categories: ['others'],
            category: 'others',
            tags: ['others'],
            classifier: classifier.version,
            mapping: view.mapping.version,
            error: { kind, reason, message: (err as Error).message },
          };
        }
      };
      try {
        if (opts.text !== undefined) {
          await writeLine(ctx.stdout, JSON.stringify(await classifyOne(opts.text)));
          return;
        }
        for await (const { lineNumber, text } of readStdinLines(ctx.stdin)) {
          let input: unknown;
          try {
            input = JSON.parse(text);
          } catch {
            input = undefined;
          }
          const t = (input as { text?: unknown } | undefined)?.text;
          if (typeof t !== 'string') {
            code = 1;
            await writeLine(ctx.stdout, JSON.stringify({ error: { kind: 'input', reason: 'invalid_line', message: `stdin line ${lineNumber}: expected a JSON object {"text": "..."}` } }));
            continue;
          }
          await writeLine(ctx.stdout, JSON.stringify(await classifyOne(t)));
        }
      } finally {
        await classifier.close();
      }
    });
  return { exitCode: () => code };
}
