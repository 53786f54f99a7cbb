import assert from "node:assert/strict";
import {
  censoredPercentile,
  epochText,
  runTimes,
  showStays,
  showTimeToEvent,
  timeToEvent,
} from "./survival.ts";

/**
 * Kaplan–Meier by its definition: S(t) = Π over event times tᵢ ≤ t of (1 − dᵢ/nᵢ),
 * nᵢ the runs still at risk, with the runs that did not get there censored at the
 * cap (after every event). The q-quantile is the smallest event time with
 * 1 − S(t) ≥ q, or none.
 */
function kaplanMeier(times: (number | null)[], q: number): number | null {
  const events = times.filter((t): t is number => t !== null).sort((a, b) => a - b);
  let atRisk = times.length;
  let s = 1;
  for (let i = 0; i < events.length;) {
    const t = events[i];
    let d = 0;
    while (i < events.length && events[i] === t) (d++, i++);
    s *= 1 - d / atRisk;
    atRisk -= d;
    // 1e-12: S is a product of fractions, 1 − S may miss q = k/n by rounding.
    if (1 - s >= q / 100 - 1e-12) return t;
  }
  return null;
}

Deno.test("censoredPercentile is the Kaplan–Meier quantile with censoring at the cap", () => {
  const samples: (number | null)[][] = [
    [1595, 12, 880, 4609, 547, 1261, 33],
    [5, 9, 2, null, 7],
    [5, null, null, 7, 3, 3],
    [5, null, null, null, 3],
    [1, 2, 3, 4, 5, 6, null, 8, 9, 10],
    [4, 4, 4, null, null],
    [1203, null, null],
    [null, null],
  ];
  for (const times of samples) {
    for (const q of [0, 10, 25, 50, 75, 90, 100]) {
      const expected = q === 0
        ? kaplanMeier(times, 1e-9) // the first event, if any
        : kaplanMeier(times, q);
      assert.equal(censoredPercentile(times, q), expected, `${JSON.stringify(times)} q ${q}`);
    }
  }
});

Deno.test("censoredPercentile: the first time by which q % of all runs got there", () => {
  assert.equal(censoredPercentile([null, 20, null, 10], 0), 10);
  assert.equal(censoredPercentile([null, 20, null, 10], 25), 10);
  assert.equal(censoredPercentile([null, 20, null, 10], 26), 20);
  assert.equal(censoredPercentile([null, 20, null, 10], 50), 20);
  assert.equal(censoredPercentile([null, 20, null, 10], 51), null); // "> cap"
  // One run of three solved at 1203: a tenth of the runs had got there by then.
  assert.equal(censoredPercentile([1203, null, null], 10), 1203);
  assert.equal(censoredPercentile([], 50), null);
  assert.throws(() => censoredPercentile([1], 101), /q: 101/);
});

Deno.test("timeToEvent and its cell: every quantile over all runs, with n", () => {
  // The classics' 4-4-1 TF.js cell: 2 of 6 seeds solved under a 10 000-sweep cap.
  const t = timeToEvent([2974, null, null, 2781, null, null], 10_000);
  assert.deepEqual(t, { n: 6, events: 2, cap: 10_000, median: null, p10: 2781, p90: null });
  assert.equal(showTimeToEvent(t), "> 10 000 [2781, > 10 000], n = 6");
  assert.equal(showTimeToEvent(timeToEvent([], 100)), "no runs");
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
