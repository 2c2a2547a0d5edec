import type { CellFlags, CensusReport, TokenTotals } from './census-report.js';

type FlaggedRow = TokenTotals & CellFlags;

/** A row of byModel / byProvider / byWeek / byDay as published: its numbers null when it is flagged suppressed. */
export type PublishedRow<T extends FlaggedRow> = Omit<T, keyof TokenTotals> & { [K in keyof TokenTotals]: number | null };

export type PublishedReport = Omit<CensusReport, 'byModel' | 'byProvider' | 'byWeek' | 'byDay'> & {
  byModel: Array<PublishedRow<CensusReport['byModel'][number]>>;
  byProvider: Array<PublishedRow<CensusReport['byProvider'][number]>>;
  byWeek: Array<PublishedRow<CensusReport['byWeek'][number]>>;
  byDay: Array<PublishedRow<CensusReport['byDay'][number]>>;
};

const NULL_TOTALS = {
  requests: null, promptTokens: null, completionTokens: null, reasoningTokens: null, cachedTokens: null, costUsd: null,
} as const;

function publishRow<T extends FlaggedRow>(row: T): PublishedRow<T> {
  return row.suppressed ? { ...row, ...NULL_TOTALS, users: null } : row;
}

/**
 * The report as it may be published (the HTML report embeds this): every other figure is already suppressed
 * in the JSON, and the exact rows the JSON keeps for reconciliation (byModel, byProvider, byWeek, byDay) lose
 * their numbers when they are flagged suppressed. Pure; the input is not changed.
 */
export function publishedReport(r: CensusReport): PublishedReport {
  return {
    ...r,
    byModel: r.byModel.map(publishRow),
    byProvider: r.byProvider.map(publishRow),
    byWeek: r.byWeek.map(publishRow),
    byDay: r.byDay.map(publishRow),
  };
}
