/**
 * Forecast backtest: synthetic months with a known weekday pattern (quiet weekends), noise and a level
 * that differs per month, forecast at day 10 and day 20 against the month's true total. Prints the mean
 * absolute percentage error (MAPE) and how often the 90 % range covered the truth, beside a naive
 * straight-line run rate measured on the same months (the reference).
 */
import type { Bench } from './run';
import { forecastPeriodEnd, type DayAmount } from '../shared/domain/budgets/forecast';
import { seeded } from '../shared/domain/random';

const rng = seeded;

function gaussian(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

/** Sunday..Saturday: weekends at a quarter of a weekday, Mondays and Tuesdays busiest. */
export const WEEKDAY_SHAPE = [0.25, 1.2, 1.15, 1.0, 1.0, 0.95, 0.25];

interface Scenario {
  name: string;
  noise: number;
}

const SCENARIOS: Scenario[] = [
  { name: 'noise 15 %', noise: 0.15 },
  { name: 'noise 35 %', noise: 0.35 },
];

function month(r: () => number, noise: number, firstWeekday: number, days: number, lookbackDays: number): { lookback: DayAmount[]; month: DayAmount[] } {
  const level = 50 + 100 * r();
  const make = (i: number): DayAmount => {
    const wd = (((firstWeekday + i) % 7) + 7) % 7;
    const amount = level * WEEKDAY_SHAPE[wd]! * Math.exp(noise * gaussian(r) - (noise * noise) / 2);
    const d = new Date(Date.UTC(2025, 0, 1) + i * 86_400_000);
    return { day: d.toISOString().slice(0, 10), weekday: wd, amount };
  };
  const all = Array.from({ length: lookbackDays + days }, (_, i) => make(i - lookbackDays));
  return { lookback: all.slice(0, lookbackDays), month: all.slice(lookbackDays) };
}

export function backtest(noise: number, months = 400, seed = 42) {
  const r = rng(seed);
  const out: Record<10 | 20, { ape: number[]; covered: number; naiveApe: number[] }> = {
    10: { ape: [], covered: 0, naiveApe: [] },
    20: { ape: [], covered: 0, naiveApe: [] },
  };
  for (let m = 0; m < months; m++) {
    const days = 28 + Math.floor(r() * 4);
    const { lookback, month: mdays } = month(r, noise, Math.floor(r() * 7), days, 42);
    const truth = mdays.reduce((s, d) => s + d.amount, 0);
    for (const at of [10, 20] as const) {
      const elapsed = mdays.slice(0, at);
      const f = forecastPeriodEnd({ elapsed, today: null, todayElapsedShare: 0, remaining: mdays.slice(at), lookback, budget: null });
      if (f.status !== 'ok') throw new Error(`no forecast at day ${at}`);
      out[at].ape.push(Math.abs(f.expected - truth) / truth);
      if (f.low <= truth && truth <= f.high) out[at].covered++;
      const spent = elapsed.reduce((s, d) => s + d.amount, 0);
      out[at].naiveApe.push(Math.abs((spent / at) * days - truth) / truth);
    }
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return ([10, 20] as const).map((at) => ({
    day: at,
    mape: mean(out[at].ape),
    coverage: out[at].covered / months,
    naiveMape: mean(out[at].naiveApe),
  }));
}

export const bench: Bench = {
  name: 'forecast',
  summary: 'budget forecast backtest on synthetic months with weekday seasonality (MAPE, 90 % range coverage)',
  async run() {
    const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
    for (const s of SCENARIOS) {
      console.log(`\n${s.name}, 400 months, lookback 6 weeks, weekday shape ${WEEKDAY_SHAPE.join('/')} (Sun..Sat)`);
      console.log('  at day | MAPE    | range covered | naive run-rate MAPE | ratio');
      for (const row of backtest(s.noise)) {
        console.log(
          `  ${String(row.day).padStart(6)} | ${pct(row.mape).padStart(7)} | ${pct(row.coverage).padStart(13)} | ${pct(row.naiveMape).padStart(19)} | ${(row.mape / row.naiveMape).toFixed(2)}`,
        );
      }
    }
  },
};
