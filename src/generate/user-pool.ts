import { scrambleIndex } from './scramble-index.js';
import type { SeededRandom } from './seeded-random.js';
import { BILLING_COUNTRY_WEIGHTS } from './study-shares.js';
import type { WeekPlan } from './traffic-plan.js';
import { WeightedPicker } from './weighted-picker.js';

/** About one user per this many events, so distinct-user counts and cohorts are meaningful. */
export const EVENTS_PER_USER = 20;
/** Share of users already active in the first week (the "foundational" cohort). */
export const FIRST_WEEK_COHORT_SHARE = 0.4;
/**
 * Retention, after the study's section "Retention" (the Cinderella "glass slipper" effect): early
 * cohorts whose workload found its model stay far longer than later cohorts. A share of the first
 * cohort stays for the whole window; everyone else leaves with a fixed weekly churn.
 */
export const FIRST_COHORT_LOYAL_SHARE = 0.6;
export const FIRST_COHORT_WEEKLY_SURVIVAL = 0.8;
export const LATER_COHORT_WEEKLY_SURVIVAL = 0.65;
/** Share of a user's requests that go to the user's favourite model. */
export const FAVOURITE_MODEL_LOYALTY = 0.85;

export interface SyntheticUser {
  id: string;
  favouriteModel: string;
  billingCountry: string;
  firstWeek: number;
  lastWeek: number;
}

/**
 * A fixed pool of synthetic users, each with a favourite model (drawn from the request shares of the
 * week they join), a billing country, a first week and a last week.
 */
export class UserPool {
  readonly users: readonly SyntheticUser[];
  /** Per week: active user indexes, all and by favourite model. */
  private readonly activeByWeek: { all: number[]; byModel: Map<string, number[]> }[];

  constructor(random: SeededRandom, size: number, plans: readonly WeekPlan[], seedKey: number) {
    const countries = new WeightedPicker(Object.keys(BILLING_COUNTRY_WEIGHTS), Object.values(BILLING_COUNTRY_WEIGHTS));
    const modelPickers = plans.map((p) => new WeightedPicker(p.models.map((m) => m.id), p.modelShare));
    const weeks = plans.length;
    const users: SyntheticUser[] = [];
    for (let i = 0; i < size; i++) {
      const firstWeek = i === 0 || random.chance(FIRST_WEEK_COHORT_SHARE) ? 0 : random.int(weeks);
      let lastWeek: number;
      if (i === 0 || (firstWeek === 0 && random.chance(FIRST_COHORT_LOYAL_SHARE))) {
        lastWeek = weeks - 1;
      } else {
        const survival = firstWeek === 0 ? FIRST_COHORT_WEEKLY_SURVIVAL : LATER_COHORT_WEEKLY_SURVIVAL;
        lastWeek = firstWeek;
        while (lastWeek < weeks - 1 && random.chance(survival)) lastWeek++;
      }
      users.push({
        id: `user-${scrambleIndex(i, seedKey)}`,
        favouriteModel: modelPickers[firstWeek]!.pick(random),
        billingCountry: countries.pick(random),
        firstWeek,
        lastWeek,
      });
    }
    this.users = users;
    this.activeByWeek = plans.map(() => ({ all: [], byModel: new Map() }));
    users.forEach((u, i) => {
      for (let w = u.firstWeek; w <= u.lastWeek; w++) {
        const active = this.activeByWeek[w]!;
        active.all.push(i);
        const list = active.byModel.get(u.favouriteModel);
        if (list) list.push(i);
        else active.byModel.set(u.favouriteModel, [i]);
      }
    });
  }

  /**
   * The user behind one request to `modelId` in `week`: usually someone whose favourite it is, else
   * any active user. Activity is skewed (a few heavy users, many light ones).
   */
  pick(random: SeededRandom, week: number, modelId: string): SyntheticUser {
    const active = this.activeByWeek[week]!;
    const fans = active.byModel.get(modelId);
    const list = fans && random.chance(FAVOURITE_MODEL_LOYALTY) ? fans : active.all;
    const u = random.next();
    return this.users[list[Math.floor(u * u * list.length)]!]!;
  }
}
