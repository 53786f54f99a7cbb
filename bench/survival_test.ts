import assert from "node:assert/strict";
import { percentile } from "./stats.ts";
import {
  censoredPercentile,
  epochText,
  runTimes,
  showStays,
  showTimeToEvent,
  timeToEvent,
} from "./survival.ts";

Deno.test("censoredPercentile equals percentile when every run got there", () => {
  const times = [1595, 12, 880, 4609, 547, 1261, 33];
  for (const q of [0, 10, 25, 50, 90, 100]) {
    assert.equal(censoredPercentile(times, q), percentile(times, q), `q ${q}`);
  }
});

Deno.test("censoredPercentile places the runs that did not get there above the cap", () => {
  // Sorted: 10, 20, ∞, ∞. Position (n − 1)·q/100.
  assert.equal(censoredPercentile([null, 20, null, 10], 0), 10);
  assert.equal(censoredPercentile([null, 20, null, 10], 25), 17.5); // 10 + 0.75·10
  assert.equal(censoredPercentile([null, 20, null, 10], 100 / 3), 20); // exactly rank 1
  assert.equal(censoredPercentile([null, 20, null, 10], 50), null); // between 20 and ∞
  assert.equal(censoredPercentile([null, null], 10), null);
  assert.equal(censoredPercentile([], 50), null);
  assert.throws(() => censoredPercentile([1], 101), /q: 101/);
});

/**
 * Kaplan–Meier by its definition: S(t) = Π over event times tᵢ ≤ t of (1 − dᵢ/nᵢ),
 * with the runs that did not get there censored at the cap (after every event).
 * The median is the smallest event time with S ≤ 0.5, or none.
 */
function kaplanMeierMedian(times: (number | null)[]): number | null {
  const events = times.filter((t): t is number => t !== null).sort((a, b) => a - b);
  let atRisk = times.length;
  let s = 1;
  for (let i = 0; i < events.length;) {
    const t = events[i];
    let d = 0;
    while (i < events.length && events[i] === t) (d++, i++);
    s *= 1 - d / atRisk;
    atRisk -= d;
    if (s <= 0.5) return t;
  }
  return null;
}

Deno.test("the censored median is Kaplan–Meier's where the rank is whole, '> cap' where KM has none", () => {
  // Odd counts: the median's position is a whole rank, so no interpolation.
  const cases: (number | null)[][] = [
    [5, 9, 2, null, 7],
    [5, null, null, 7, 3],
    [5, null, null, null, 3],
    [1, 2, 3, 4, 5, 6, null],
    [4, 4, 4, null, null],
  ];
  for (const times of cases) {
    assert.equal(censoredPercentile(times, 50), kaplanMeierMedian(times), JSON.stringify(times));
  }
});

Deno.test("timeToEvent and its cell: every quantile over all runs, with n", () => {
  // The classics' 4-4-1 TF.js cell: 2 of 6 seeds solved under a 10 000-sweep cap;
  // p10 at position 5 · 0.1 = 0.5: halfway from 2781 to 2974.
  const t = timeToEvent([2974, null, null, 2781, null, null], 10_000);
  assert.deepEqual(t, { n: 6, events: 2, cap: 10_000, median: null, p10: 2877.5, p90: null });
  assert.equal(showTimeToEvent(t), "> 10 000 [2877.5, > 10 000], n = 6");
  assert.equal(showTimeToEvent(timeToEvent([], 100)), "no runs");
  assert.equal(epochText(12.5), "12.5");
  assert.equal(epochText(20_000), "20 000");
});

Deno.test("runTimes: first meeting, staying solved, and the runs that lost it again", () => {
  const runs = [
    { epochsToTarget: 4, stableFrom: 7 }, // seed 7 of `default`
    { epochsToTarget: 42, stableFrom: 98 },
    { epochsToTarget: 10, stableFrom: 10 },
    { epochsToTarget: 30, stableFrom: null }, // met, then lost by the end
    { epochsToTarget: null, stableFrom: null },
  ];
  const r = runTimes(runs, 100);
  assert.equal(r.relapsed, 3);
  assert.equal(r.first.median, 30);
  assert.equal(r.first.events, 4);
  assert.equal(r.stays.events, 3);
  assert.equal(r.stays.median, 98);
  assert.match(showStays(r), /^98 \[.*\], n = 5; 3 runs lost it again$/);
  assert.equal(showStays(runTimes([{ epochsToTarget: 3, stableFrom: 3 }], 10)), "same as first");
});
