import type { ModelCatalog } from '../catalog/model-catalog.js';
import { CATEGORY_FIELDS as CF, parseCategoryScope } from '../pipeline/category-scopes.js';
import { FIELD_SEP, splitField } from '../pipeline/rollup-fields.js';
import { CATEGORY_DISPLAY_NAMES, CATEGORY_IDS } from '../taxonomy/categories.js';
import type { TaxonomyMapping } from '../taxonomy/taxonomy-mapping.js';
import type {
  CategoryFigure, CensusReport, Estimate, FailureReason, SampledBreakdown, SampledCategoryCell, SampledTagCell, TagFigure,
} from './census-report.js';
import { suppressedBySamples, suppressedByUsers, usersOf, type CellRules } from './cell-rules.js';
import { DQ } from './distinct-plan.js';
import {
  addToHistogram, familyZ, histogramCv2, histogramMoments, meanEstimate, median, quantileEstimate, ratioShareEstimate,
  shareEstimate, totalEstimate, Z95, costPer1MInterval, type Histogram,
} from './estimates.js';
import { dimensionResolver } from './model-dimensions.js';
import { classifierMatches, weekInWindow, type ReportFilter } from './report-filter.js';
import { wilsonInterval } from './wilson-interval.js';

type Counters = Map<string, Map<string, number>>;
type Tally = Map<string, number>;
const inc = (m: Tally, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
const nested = (m: Map<string, Tally>, k: string) => {
  let t = m.get(k);
  if (!t) m.set(k, (t = new Map()));
  return t;
};

interface CategorySums {
  n: number;
  pt: number;
  ct: number;
  cost: number;
  /** Σ tokens², Σ µUSD², Σ µUSD × tokens (absent in data recorded before these moments existed). */
  tok2: number;
  cost2: number;
  costTok: number;
  hist: Histogram;
  /**
   * Prompt and completion token histograms, from the scopes that hold them for every sample of the category
   * (chp/chc fields; absent in samples recorded before they were kept); `covered` = samples behind them.
   */
  promptHist: Histogram;
  completionHist: Histogram;
  covered: number;
}

export interface SampledInput {
  counters: Counters;
  rate: number;
  view: { id: string; mapping: TaxonomyMapping };
  filter: ReportFilter;
  catalog: ModelCatalog;
  rules: CellRules;
}

export type SampledFigures = Pick<CensusReport, 'categories' | 'tags' | 'classifiers' | 'sampled' | 'warnings'> & {
  outcomes: { classified: number; belowThreshold: number; unclassifiable: number; classifierErrors: number; failureReasons: FailureReason[] };
  shapesByCategory: CensusReport['shapes']['byCategory'];
};

/** Every figure estimated from the classified sample ("k"/"q" scopes). Pure. */
export function sampledFigures(input: SampledInput): SampledFigures {
  const { counters, filter, rate, rules } = input;
  const scale = rate > 0 ? 1 / rate : 0;
  const dims = dimensionResolver(input.catalog);

  const catCount: Tally = new Map();
  const primaryCount: Tally = new Map();
  const tagCount: Tally = new Map();
  const answeredBy: Tally = new Map(); // classifier → samples answered under this view
  const failedBy: Tally = new Map(); // classifier → unclassifiable + errors
  const reasons: Tally = new Map(); // outcome␟reason → samples
  const classifiersInWindow = new Set<string>(); // before --classifier
  const classifiersOutside = new Set<string>();
  const otherViews = new Set<string>();
  const weekAnswered: Tally = new Map();
  const weekCats = new Map<string, Tally>();
  const weekTags = new Map<string, Tally>();
  const weekTagAnswered: Tally = new Map(); // week → samples behind its tag figures
  const modelTags = new Map<string, Tally>(); // model → tag → samples (tm fields of the scopes that hold them)
  const modelTagSamples: Tally = new Map(); // model → samples behind modelTags
  let tagAnswered = 0; // samples behind tags[] (= answered, but under --model only the scopes with tm fields)
  // Samples (and their weeks) left out because they were recorded before tm / chp / chc fields existed.
  const tagGaps: Gaps = { samples: 0, weeks: new Set() };
  const lengthGaps: Gaps = { samples: 0, weeks: new Set() };
  const modelCats = new Map<string, Tally>(); // model → category → samples (any)
  const modelPrimary = new Map<string, Tally>(); // model → category → samples (primary)
  const catSums = new Map<string, CategorySums>();
  const langN: Tally = new Map();
  const langTok: Tally = new Map();
  let classified = 0;
  let belowThreshold = 0;
  let unclassifiable = 0;
  let classifierErrors = 0;
  const sums = (c: string) => {
    let s = catSums.get(c);
    if (!s) catSums.set(c, (s = { n: 0, pt: 0, ct: 0, cost: 0, tok2: 0, cost2: 0, costTok: 0, hist: new Map(), promptHist: new Map(), completionHist: new Map(), covered: 0 }));
    return s;
  };

  for (const [scope, fields] of counters) {
    const p = parseCategoryScope(scope);
    if (!p) continue;
    if (!weekInWindow(p.week, filter)) {
      classifiersOutside.add(p.classifier);
      continue;
    }
    classifiersInWindow.add(p.classifier);
    if (!classifierMatches(p.classifier, filter)) continue;
    if (p.family === 'q') {
      const u = fields.get(CF.outcome('unclassifiable')) ?? 0;
      const e = fields.get(CF.outcome('error')) ?? 0;
      unclassifiable += u;
      classifierErrors += e;
      inc(failedBy, p.classifier, u + e);
      for (const [f, v] of fields) {
        const parts = splitField(f);
        if (parts[0] === 'r' && parts.length === 3 && (parts[1] === 'unclassifiable' || parts[1] === 'error')) {
          inc(reasons, `${parts[1]}${FIELD_SEP}${parts[2]}`, v);
        }
      }
      continue;
    }
    if (p.view !== input.view.id) {
      if (p.view) otherViews.add(p.view);
      continue;
    }
    let answeredHere = 0;
    // Tags per model (tm fields) are complete in this scope only when every tag count has its per-model twin;
    // samples recorded before tm fields existed (and not rebucketed since) leave the scope out of those figures.
    const tagsPerModel = tagsPerModelRecorded(fields);
    if (filter.model) {
      // Per-model figures come from the cm/pm/tm fields only.
      for (const [f, v] of fields) {
        const parts = splitField(f);
        if (parts.length !== 3 || parts[2] !== filter.model) continue;
        if (parts[0] === 'cm') {
          inc(catCount, parts[1]!, v);
          inc(nested(weekCats, p.week), parts[1]!, v);
          inc(nested(modelCats, parts[2]), parts[1]!, v);
        } else if (parts[0] === 'pm') {
          inc(primaryCount, parts[1]!, v);
          inc(nested(modelPrimary, parts[2]), parts[1]!, v);
          answeredHere += v;
        } else if (parts[0] === 'tm' && tagsPerModel) {
          inc(tagCount, parts[1]!, v);
          inc(nested(weekTags, p.week), parts[1]!, v);
          inc(nested(modelTags, parts[2]), parts[1]!, v);
        }
      }
      classified += answeredHere;
      if (tagsPerModel) {
        tagAnswered += answeredHere;
        inc(weekTagAnswered, p.week, answeredHere);
        inc(modelTagSamples, filter.model, answeredHere);
      } else addGap(tagGaps, p.week, answeredHere);
    } else {
      const c = fields.get(CF.outcome('classified')) ?? 0;
      const b = fields.get(CF.outcome('belowThreshold')) ?? 0;
      classified += c;
      belowThreshold += b;
      answeredHere = c + b;
      const scopeN: Tally = new Map(); // category → primary samples in this scope
      const scopePrompt = new Map<string, Histogram>();
      const scopeCompletion = new Map<string, Histogram>();
      for (const [f, v] of fields) {
        const parts = splitField(f);
        const kind = parts[0];
        if (parts.length === 2) {
          if (kind === 'c') {
            inc(catCount, parts[1]!, v);
            inc(nested(weekCats, p.week), parts[1]!, v);
          } else if (kind === 'p') inc(primaryCount, parts[1]!, v);
          else if (kind === 't') {
            inc(tagCount, parts[1]!, v);
            inc(nested(weekTags, p.week), parts[1]!, v);
          }
        } else if (parts.length === 3) {
          if (kind === 'cm') inc(nested(modelCats, parts[2]!), parts[1]!, v);
          else if (kind === 'pm') {
            inc(nested(modelPrimary, parts[2]!), parts[1]!, v);
            if (tagsPerModel) inc(modelTagSamples, parts[2]!, v);
          } else if (kind === 'tm') {
            if (tagsPerModel) inc(nested(modelTags, parts[2]!), parts[1]!, v);
          } else if (kind === 'ct') {
            const s = sums(parts[1]!);
            if (parts[2] === 'n') {
              s.n += v;
              inc(scopeN, parts[1]!, v);
            }
            else if (parts[2] === 'pt') s.pt += v;
            else if (parts[2] === 'ct') s.ct += v;
            else if (parts[2] === 'cost') s.cost += v;
            else if (parts[2] === 'tok2') s.tok2 += v;
            else if (parts[2] === 'cost2') s.cost2 += v;
            else if (parts[2] === 'costtok') s.costTok += v;
          } else if (kind === 'ch') addToHistogram(sums(parts[1]!).hist, Number(parts[2]), v);
          else if (kind === 'chp') addToHistogram(histogramOf(scopePrompt, parts[1]!), Number(parts[2]), v);
          else if (kind === 'chc') addToHistogram(histogramOf(scopeCompletion, parts[1]!), Number(parts[2]), v);
          else if (kind === 'lang') {
            if (parts[2] === 'n') inc(langN, parts[1]!, v);
            else if (parts[2] === 'tok') inc(langTok, parts[1]!, v);
          }
        }
      }
      // Prompt / completion histograms count for a category only where they hold all of its samples in the scope.
      for (const [category, n] of scopeN) {
        const ph = scopePrompt.get(category);
        const chh = scopeCompletion.get(category);
        if (ph && chh && histogramCount(ph) === n && histogramCount(chh) === n) {
          const s = sums(category);
          for (const [b, k] of ph) addToHistogram(s.promptHist, b, k);
          for (const [b, k] of chh) addToHistogram(s.completionHist, b, k);
          s.covered += n;
        } else addGap(lengthGaps, p.week, n);
      }
      tagAnswered += answeredHere;
      inc(weekTagAnswered, p.week, answeredHere);
      if (!tagsPerModel) addGap(tagGaps, p.week, answeredHere);
    }
    inc(answeredBy, p.classifier, answeredHere);
    inc(weekAnswered, p.week, answeredHere);
  }

  const answered = classified + belowThreshold;
  const tokenFigures = !filter.model; // token sums, histograms and languages are not kept per model
  // Sums of squares per category from its histogram (bucket midpoints), for the delta-method intervals.
  const sumSq = (s: CategorySums) => {
    const m = histogramMoments(s.hist);
    return m.n * m.meanSquare;
  };
  let allTok = 0;
  let allTokSq = 0;
  const allHist: Histogram = new Map();
  for (const s of catSums.values()) {
    allTok += s.pt + s.ct;
    allTokSq += sumSq(s);
    for (const [b, c] of s.hist) addToHistogram(allHist, b, c);
  }

  const zFamily = familyZ(CATEGORY_IDS.length);
  const categories: CategoryFigure[] = CATEGORY_IDS.map((id) => {
    const k = catCount.get(id) ?? 0;
    const pk = primaryCount.get(id) ?? 0;
    const suppressed = suppressedBySamples(rules, k);
    const primarySuppressed = suppressed || suppressedBySamples(rules, pk);
    const base = { category: id, name: CATEGORY_DISPLAY_NAMES[id], suppressed, primarySuppressed };
    const primary = primarySuppressed
      ? {
          primarySampledRequests: null, primaryShare: null, primaryShareLow: null, primaryShareHigh: null,
          primaryShareFamilyLow: null, primaryShareFamilyHigh: null, tokenShare: null,
        }
      : (() => {
          const pci = shareEstimate(pk, answered);
          const pfam = wilsonInterval(pk, answered, zFamily);
          const s = catSums.get(id);
          return {
            primarySampledRequests: pk,
            primaryShare: pci.value,
            primaryShareLow: pci.low,
            primaryShareHigh: pci.high,
            primaryShareFamilyLow: pfam.low,
            primaryShareFamilyHigh: pfam.high,
            tokenShare:
              tokenFigures && s && !suppressedBySamples(rules, s.n)
                ? ratioShareEstimate({ partSum: s.pt + s.ct, partSumSq: sumSq(s), allSum: allTok, allSumSq: allTokSq, n: answered })
                : null,
          };
        })();
    if (suppressed) {
      return {
        ...base, sampledRequests: null, estimatedRequests: null, share: null, shareLow: null, shareHigh: null,
        estimatedRequestsLow: null, estimatedRequestsHigh: null, shareFamilyLow: null, shareFamilyHigh: null, ...primary,
      };
    }
    const ci = shareEstimate(k, answered);
    const fam = wilsonInterval(k, answered, zFamily);
    return {
      ...base,
      sampledRequests: k,
      estimatedRequests: Math.round(k * scale),
      share: ci.value,
      shareLow: ci.low,
      shareHigh: ci.high,
      estimatedRequestsLow: Math.round(ci.low * answered * scale),
      estimatedRequestsHigh: Math.round(ci.high * answered * scale),
      shareFamilyLow: fam.low,
      shareFamilyHigh: fam.high,
      ...primary,
    };
  }).sort((a, b) => Number(a.suppressed) - Number(b.suppressed) || (b.sampledRequests ?? 0) - (a.sampledRequests ?? 0) || a.category.localeCompare(b.category));

  const tagCategory = new Map(input.view.mapping.tags().map((t) => [t.id, t.category]));
  const categoryOfTag = (tag: string) => tagCategory.get(tag) ?? 'others';
  const tags: TagFigure[] = [...tagCount.entries()]
    .map(([tag, k]): TagFigure & { n: number } => {
      const suppressed = suppressedBySamples(rules, k);
      if (suppressed) {
        return {
          tag, category: categoryOfTag(tag), sampledRequests: null, estimatedRequests: null, estimatedRequestsLow: null,
          estimatedRequestsHigh: null, share: null, shareLow: null, shareHigh: null, suppressed, n: k,
        };
      }
      const e = shareEstimate(k, tagAnswered);
      return {
        tag,
        category: categoryOfTag(tag),
        sampledRequests: k,
        estimatedRequests: Math.round(k * scale),
        estimatedRequestsLow: Math.round(e.low * tagAnswered * scale),
        estimatedRequestsHigh: Math.round(e.high * tagAnswered * scale),
        share: e.value,
        shareLow: e.low,
        shareHigh: e.high,
        suppressed,
        n: k,
      };
    })
    .sort((a, b) => Number(a.suppressed) - Number(b.suppressed) || (a.suppressed ? 0 : b.n - a.n) || a.tag.localeCompare(b.tag))
    .map(({ n: _n, ...t }) => t);

  /**
   * One breakdown: category shares among `samples` answers and tag shares among `tagInput.samples` (the samples
   * whose scopes record the tags needed; equal to `samples` once every scope does); all cells suppressed when the
   * group is small.
   */
  const breakdown = (key: string, samples: number, cats: Tally, groupSuppressed: boolean, tagInput: { tally: Tally; samples: number }): SampledBreakdown => {
    const small = groupSuppressed || suppressedBySamples(rules, samples);
    const cell = (category: string, k: number): SampledCategoryCell => categoryCell(category, k, samples, scale, small || suppressedBySamples(rules, k));
    const tagN = tagInput.samples;
    const tagsSmall = small || suppressedBySamples(rules, tagN);
    return {
      key,
      samples: small ? null : samples,
      suppressed: small,
      categories: CATEGORY_IDS.map((c) => cell(c, cats.get(c) ?? 0)).sort(byCount),
      tagSamples: tagsSmall ? null : tagN,
      tags: [...tagInput.tally.entries()]
        .filter(([, k]) => k > 0)
        .map(([tag, k]) => ({ ...tagCell(tag, categoryOfTag(tag), k, tagN, scale, tagsSmall || suppressedBySamples(rules, k)), n: k }))
        .sort((a, b) => Number(a.suppressed) - Number(b.suppressed) || (a.suppressed ? 0 : b.n - a.n) || a.tag.localeCompare(b.tag))
        .map(({ n: _n, ...t }) => t),
    };
  };

  /** Shown groups by size, then suppressed ones by key: the order of a suppressed group discloses nothing. */
  const bySize = (a: SampledBreakdown & { n: number }, b: SampledBreakdown & { n: number }) =>
    Number(a.suppressed) - Number(b.suppressed) || (a.suppressed ? 0 : b.n - a.n) || a.key.localeCompare(b.key);

  const weekly = [...weekAnswered.keys()].sort().map((week) =>
    breakdown(week, weekAnswered.get(week)!, weekCats.get(week) ?? new Map(), false, {
      tally: weekTags.get(week) ?? new Map(),
      samples: weekTagAnswered.get(week) ?? 0,
    }),
  );

  const modelSamples = (m: string) => [...(modelPrimary.get(m)?.values() ?? [])].reduce((a, b) => a + b, 0);
  const byModel = [...modelPrimary.keys()]
    .map((m) => {
      const n = modelSamples(m);
      const tagInput = { tally: modelTags.get(m) ?? new Map(), samples: modelTagSamples.get(m) ?? 0 };
      return { ...breakdown(m, n, modelCats.get(m) ?? new Map(), suppressedByUsers(rules, usersOf(rules, DQ.window('model', m))), tagInput), n };
    })
    .sort(bySize)
    .map(({ n: _n, ...b }) => b);

  // Source types: closed / chinese-oss / row-oss / unknown, and 'open' = both open groups.
  const groupsOf = (m: string) => {
    const st = dims(m).sourceType;
    return st === 'chinese-oss' || st === 'row-oss' ? [st, 'open'] : [st];
  };
  const groupCats = new Map<string, Tally>();
  const groupPrimary = new Map<string, Tally>();
  const groupTags = new Map<string, Tally>();
  const groupTagSamples: Tally = new Map();
  for (const [m, t] of modelCats) for (const g of groupsOf(m)) for (const [c, v] of t) inc(nested(groupCats, g), c, v);
  for (const [m, t] of modelPrimary) for (const g of groupsOf(m)) for (const [c, v] of t) inc(nested(groupPrimary, g), c, v);
  for (const [m, t] of modelTags) for (const g of groupsOf(m)) for (const [tag, v] of t) inc(nested(groupTags, g), tag, v);
  for (const [m, v] of modelTagSamples) for (const g of groupsOf(m)) inc(groupTagSamples, g, v);
  const groupUsers = (g: string) => usersOf(rules, g === 'open' ? DQ.window('openness', 'open') : DQ.window('sourceType', g));
  const bySourceType = ['closed', 'chinese-oss', 'row-oss', 'open', 'unknown']
    .filter((g) => groupPrimary.has(g))
    .map((g) => {
      const n = [...groupPrimary.get(g)!.values()].reduce((a, b) => a + b, 0);
      const tagInput = { tally: groupTags.get(g) ?? new Map(), samples: groupTagSamples.get(g) ?? 0 };
      return breakdown(g, n, groupCats.get(g) ?? new Map(), suppressedByUsers(rules, groupUsers(g)), tagInput);
    });

  // How each category's (primary) samples split by source type: the study's programming / roleplay split.
  const categorySourceSplit = CATEGORY_IDS.map((category) => {
    const bySt: Tally = new Map();
    for (const g of ['closed', 'chinese-oss', 'row-oss', 'unknown']) {
      const v = groupPrimary.get(g)?.get(category) ?? 0;
      if (v) bySt.set(g, v);
    }
    const n = [...bySt.values()].reduce((a, b) => a + b, 0);
    const small = suppressedBySamples(rules, n);
    return {
      category,
      samples: small ? null : n,
      suppressed: small,
      n,
      split: [...bySt.entries()]
        .map(([g, k]) => categoryCell(g, k, n, scale, small || suppressedBySamples(rules, k) || suppressedByUsers(rules, groupUsers(g))))
        .sort(byCount),
    };
  })
    .filter((c) => c.n > 0)
    .map(({ n: _n, ...c }) => c);

  // Languages: request share (Wilson) and token share (delta method; per-language second moments assumed to
  // follow the sample's overall coefficient of variation, since per-language histograms are not kept).
  const cv2 = histogramCv2(allHist);
  const langTotal = [...langTok.values()].reduce((a, b) => a + b, 0);
  const langSq = (code: string) => {
    const n = langN.get(code) ?? 0;
    const t = langTok.get(code) ?? 0;
    return n > 0 ? ((1 + cv2) * t * t) / n : 0;
  };
  const langTotalSq = [...langN.keys()].reduce((a, c) => a + langSq(c), 0);
  const langAnswered = [...langN.values()].reduce((a, b) => a + b, 0);
  const languages = [...langN.entries()]
    .map(([language, n]) => {
      const suppressed = suppressedBySamples(rules, n);
      const share = suppressed ? null : shareEstimate(n, langAnswered);
      return {
        language,
        sampledRequests: suppressed ? null : n,
        estimatedRequests: share ? { value: n * scale, low: share.low * langAnswered * scale, high: share.high * langAnswered * scale } : null,
        requestShare: share,
        tokenShare: suppressed
          ? null
          : ratioShareEstimate({ partSum: langTok.get(language) ?? 0, partSumSq: langSq(language), allSum: langTotal, allSumSq: langTotalSq, n: langAnswered }),
        suppressed,
        tok: langTok.get(language) ?? 0,
      };
    })
    .sort((a, b) => Number(a.suppressed) - Number(b.suppressed) || (a.suppressed ? 0 : b.tok - a.tok) || a.language.localeCompare(b.language))
    .map(({ tok: _t, ...l }) => l);

  // Cost vs usage per primary category, and token shapes per category.
  const costRows = tokenFigures
    ? CATEGORY_IDS.filter((c) => (catSums.get(c)?.n ?? 0) > 0).map((category) => {
        const s = catSums.get(category)!;
        const suppressed = suppressedBySamples(rules, s.n);
        const tok = s.pt + s.ct;
        return {
          category,
          samples: suppressed ? null : s.n,
          suppressed,
          totalTokens: suppressed ? null : totalEstimate(tok, sumSq(s), rate),
          costPer1M: suppressed || tok === 0 ? null : (s.cost / 1e9 / tok) * 1e6,
          costPer1MEstimate: suppressed || tok === 0 ? null : costPer1MInterval(s),
        };
      })
    : [];
  const shown = costRows.filter((r) => !r.suppressed);
  const medianCost = median(shown.filter((r) => r.costPer1M !== null && r.costPer1M > 0).map((r) => r.costPer1M!));
  const medianTokens = median(shown.map((r) => r.totalTokens!.value));
  const costVsUsage = {
    medianCostPer1M: medianCost,
    medianTotalTokens: medianTokens,
    categories: costRows.map((r) => ({
      ...r,
      quadrant:
        r.suppressed || r.costPer1M === null || medianCost === null || medianTokens === null
          ? null
          : r.costPer1M >= medianCost
            ? r.totalTokens!.value >= medianTokens ? ('premium-workloads' as const) : ('specialised-experts' as const)
            : r.totalTokens!.value >= medianTokens ? ('mass-market' as const) : ('niche-utility' as const),
    })),
  };

  const shapesByCategory = tokenFigures
    ? CATEGORY_IDS.filter((c) => (catSums.get(c)?.n ?? 0) > 0).map((category) => {
        const s = catSums.get(category)!;
        const suppressed = suppressedBySamples(rules, s.n);
        // Prompt / completion percentiles come from the samples whose scopes hold those histograms (s.covered).
        const lengths = !suppressed && s.covered > 0 && !suppressedBySamples(rules, s.covered);
        const cvTotal = histogramCv2(s.hist);
        // Prompt and completion means are exact sums over every sample; their spread comes from the prompt
        // (completion) histogram, or, without one (samples recorded before they were kept), from the total's.
        const meanWithCv = (sum: number, h: Histogram): Estimate | null => {
          if (s.n < 2) return null;
          const cv2 = histogramCount(h) >= 2 ? histogramCv2(h) : cvTotal;
          const mean = sum / s.n;
          const half = (Z95 * Math.sqrt(cv2) * mean) / Math.sqrt(s.n);
          return { value: mean, low: Math.max(0, mean - half), high: mean + half };
        };
        const q = (h: Histogram, p: number) => (lengths ? quantileEstimate(h, p) : null);
        return {
          category,
          samples: suppressed ? null : s.n,
          suppressed,
          meanPromptTokens: suppressed ? null : meanWithCv(s.pt, s.promptHist),
          meanCompletionTokens: suppressed ? null : meanWithCv(s.ct, s.completionHist),
          meanTotalTokens: suppressed ? null : meanEstimate(s.pt + s.ct, sumSq(s), s.n),
          p50TotalTokens: suppressed ? null : quantileEstimate(s.hist, 0.5),
          p90TotalTokens: suppressed ? null : quantileEstimate(s.hist, 0.9),
          p99TotalTokens: suppressed ? null : quantileEstimate(s.hist, 0.99),
          promptCompletionSamples: lengths ? s.covered : null,
          p50PromptTokens: q(s.promptHist, 0.5),
          p90PromptTokens: q(s.promptHist, 0.9),
          p99PromptTokens: q(s.promptHist, 0.99),
          p50CompletionTokens: q(s.completionHist, 0.5),
          p90CompletionTokens: q(s.completionHist, 0.9),
          p99CompletionTokens: q(s.completionHist, 0.99),
        };
      })
    : [];

  const classifierNames = new Set([...answeredBy.keys(), ...failedBy.keys()]);
  const classifiers = [...classifierNames]
    .sort()
    .map((classifier) => {
      const a = answeredBy.get(classifier) ?? 0;
      const f = failedBy.get(classifier) ?? 0;
      return { classifier, samples: a + f, answered: a, failed: f };
    });
  const failureReasons: FailureReason[] = [...reasons.entries()]
    .map(([k, samples]) => {
      const [outcome, reason] = k.split(FIELD_SEP) as ['unclassifiable' | 'error', string];
      return { outcome, reason, samples };
    })
    .sort((a, b) => b.samples - a.samples || a.outcome.localeCompare(b.outcome) || a.reason.localeCompare(b.reason));

  return {
    categories,
    tags,
    classifiers,
    warnings: classifierWarnings({
      filter,
      viewId: input.view.id,
      behindCategories: classifiers.filter((c) => c.answered > 0),
      inWindow: [...classifiersInWindow].sort(),
      outside: [...classifiersOutside].filter((c) => !classifiersInWindow.has(c)).sort(),
      otherViews: [...otherViews].sort(),
      tagGaps,
      lengthGaps: tokenFigures ? lengthGaps : { samples: 0, weeks: new Set() },
    }),
    outcomes: { classified, belowThreshold, unclassifiable, classifierErrors, failureReasons },
    shapesByCategory,
    sampled: { samples: answered, tagSamples: tagAnswered, weekly, byModel, bySourceType, categorySourceSplit, languages, costVsUsage },
  };
}

/**
 * What a reader of the category figures must be told: they mix classifier versions (whose labels are not
 * comparable), --classifier matched nothing, or the view has no data although other views do.
 */
function classifierWarnings(o: {
  filter: ReportFilter;
  viewId: string;
  behindCategories: Array<{ classifier: string; answered: number }>;
  inWindow: string[];
  outside: string[];
  otherViews: string[];
  tagGaps: Gaps;
  lengthGaps: Gaps;
}): string[] {
  const out: string[] = [];
  const list = (xs: string[]) => xs.join(', ');
  if (o.behindCategories.length > 1) {
    const named = o.behindCategories.map((c) => `${c.classifier} (${c.answered.toLocaleString('en-US')} samples)`).join(', ');
    const why = o.filter.classifier
      ? `--classifier ${o.filter.classifier} matches ${o.behindCategories.length} classifier versions`
      : `no --classifier filter was given`;
    out.push(
      `Category figures mix ${o.behindCategories.length} classifier versions: ${named}; ${why}, so their counts are added ` +
        `although different classifiers label differently. Pass --classifier with one version (e.g. --classifier ` +
        `${o.behindCategories[0]!.classifier}) to read one classifier's figures.`,
    );
  }
  if (o.filter.classifier && !o.inWindow.some((c) => classifierMatches(c, o.filter))) {
    const matchesOutside = o.outside.filter((c) => classifierMatches(c, o.filter));
    const where = [
      o.inWindow.length ? `Classifiers with samples in this window: ${list(o.inWindow)}.` : 'No classifier has samples in this window.',
      matchesOutside.length ? `It matches ${list(matchesOutside)}, which has samples only outside the window.` : '',
      !o.inWindow.length && o.outside.length && !matchesOutside.length ? `Outside the window the store holds: ${list(o.outside)}.` : '',
    ].filter(Boolean).join(' ');
    out.push(`--classifier ${o.filter.classifier} matches no classifier in this window, so every category figure is empty. ${where}`);
  } else if (o.behindCategories.length === 0 && o.otherViews.length > 0) {
    out.push(
      `No category figures under view ${o.viewId} (mapping@minConfidence) in this window, but the store holds views ` +
        `${list(o.otherViews)}. Run "prompt-census rebucket" with this mapping and threshold to build the view, or pass ` +
        `--mapping / --min-confidence for an existing one.`,
    );
  }
  const weeksOf = (g: Gaps) => {
    const ws = [...g.weeks].sort();
    return `${ws.length === 1 ? 'week' : 'weeks'} ${ws.join(', ')}`;
  };
  const rebuild = '"prompt-census rebucket" (same mapping and threshold) rebuilds the view from the stored raw labels and fills them in.';
  if (o.tagGaps.samples > 0) {
    out.push(
      `Tags per model and per source type${o.filter.model ? ' (and, under --model, every tag figure)' : ''} leave out ` +
        `${o.tagGaps.samples.toLocaleString('en-US')} samples of ${weeksOf(o.tagGaps)}, classified before tags were recorded per model; ${rebuild}`,
    );
  }
  if (o.lengthGaps.samples > 0) {
    out.push(
      `Prompt and completion percentiles per category (shapes.byCategory) leave out ${o.lengthGaps.samples.toLocaleString('en-US')} ` +
        `samples of ${weeksOf(o.lengthGaps)}, classified before per-category prompt / completion histograms were recorded; ${rebuild}`,
    );
  }
  return out;
}

/** Samples left out of a figure because their scopes predate the fields it needs, and the weeks they fall in. */
interface Gaps {
  samples: number;
  weeks: Set<string>;
}

function addGap(g: Gaps, week: string, samples: number): void {
  if (samples <= 0) return;
  g.samples += samples;
  g.weeks.add(week);
}

const TAG_PREFIX = CF.tag('');
/** Prefix of CATEGORY_FIELDS.tagModel (tm␟tag␟model). */
const TAG_MODEL_PREFIX = `tm${FIELD_SEP}`;

/**
 * Whether a category scope records tags per model for all its samples: every tag count (t␟tag) is also counted
 * per model (tm␟tag␟model), so their sums agree; samples recorded before tm fields existed make Σtm < Σt.
 */
function tagsPerModelRecorded(fields: ReadonlyMap<string, number>): boolean {
  let t = 0;
  let tm = 0;
  for (const [f, v] of fields) {
    if (f.startsWith(TAG_PREFIX)) t += v;
    else if (f.startsWith(TAG_MODEL_PREFIX)) tm += v;
  }
  return tm >= t;
}

function histogramOf(m: Map<string, Histogram>, key: string): Histogram {
  let h = m.get(key);
  if (!h) m.set(key, (h = new Map()));
  return h;
}

function histogramCount(h: Histogram): number {
  let n = 0;
  for (const c of h.values()) n += c;
  return n;
}

function byCount(a: SampledCategoryCell, b: SampledCategoryCell): number {
  return Number(a.suppressed) - Number(b.suppressed) || (b.sampledRequests ?? 0) - (a.sampledRequests ?? 0) || a.category.localeCompare(b.category);
}

function categoryCell(category: string, k: number, n: number, scale: number, suppressed: boolean): SampledCategoryCell {
  if (suppressed) {
    return { category, sampledRequests: null, share: null, shareLow: null, shareHigh: null, estimatedRequests: null, suppressed };
  }
  const e = shareEstimate(k, n);
  return {
    category,
    sampledRequests: k,
    share: e.value,
    shareLow: e.low,
    shareHigh: e.high,
    estimatedRequests: { value: k * scale, low: e.low * n * scale, high: e.high * n * scale },
    suppressed,
  };
}

function tagCell(tag: string, category: string, k: number, n: number, scale: number, suppressed: boolean): SampledTagCell {
  const { category: _c, ...c } = categoryCell(category, k, n, scale, suppressed);
  return { tag, category, ...c };
}
