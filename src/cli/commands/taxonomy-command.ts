import type { Command } from 'commander';
import { checkMapping } from '../../taxonomy/check-mapping.js';
import { loadKnownPaths } from '../../taxonomy/known-paths.js';
import { loadMapping } from '../../taxonomy/load-mapping.js';
import { loadCommandConfig, writeLine, type CliContext } from '../cli-context.js';

export function registerTaxonomyCommand(program: Command, ctx: CliContext): { exitCode: () => number } {
  let code = 0;
  const taxonomy = program.command('taxonomy').description('the Google category → study category mapping');
  taxonomy
    .command('map')
    .description('print {path, category, tag} as one JSON line per Google category path')
    .argument('<path...>', 'Google content-category paths, e.g. "/Computers & Electronics/Programming"')
    .option('-c, --config <file>', 'config file')
    .option('--mapping <file>', 'mapping file (default: taxonomy.mapping or the bundled one)')
    .action(async (paths: string[], opts: { config?: string; mapping?: string }) => {
      const { config } = loadCommandConfig(ctx, opts.config);
      const mapping = loadMapping(opts.mapping ?? config.taxonomy.mapping);
      for (const p of paths) {
        const m = mapping.map(p);
        await writeLine(ctx.stdout, JSON.stringify({ path: p, category: m.category, tag: m.tag }));
      }
    });
  taxonomy
    .command('check')
    .description('check the mapping: overlapping or unreachable rules, unknown categories; list paths falling to others')
    .option('-c, --config <file>', 'config file')
    .option('--mapping <file>', 'mapping file (default: taxonomy.mapping or the bundled one)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { config?: string; mapping?: string; json?: boolean }) => {
      const { config } = loadCommandConfig(ctx, opts.config);
      const mapping = loadMapping(opts.mapping ?? config.taxonomy.mapping);
      const known = loadKnownPaths();
      const result = checkMapping(mapping, [...known.v1, ...known.v2Known]);
      if (opts.json) {
        await writeLine(ctx.stdout, JSON.stringify({ version: mapping.version, source: mapping.source, ...result }, null, 2));
      } else {
        const lines = [
          `mapping ${mapping.source} (version ${mapping.version}): ${result.ok ? 'OK' : 'PROBLEMS'}`,
          ...result.problems.map((p) => `  problem: ${p}`),
          `known paths by category: ${Object.entries(result.counts).map(([k, v]) => `${k}=${v}`).join(' ')}`,
          `${result.othersPaths.length} known paths fall to others:`,
          ...result.othersPaths.map((p) => `  ${p}`),
        ];
        await writeLine(ctx.stdout, lines.join('\n'));
      }
      if (!result.ok) code = 1;
    });
  return { exitCode: () => code };
}
