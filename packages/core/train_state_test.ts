import assert from "node:assert/strict";
import { resolveConfig, type TrainConfig } from "./config.ts";
import { initModel } from "./model.ts";
import { paramSizes, type TrainState, validateTrainState } from "./train_state.ts";

function setUp(fields: TrainConfig) {
  const config = resolveConfig(fields);
  return { config, model: initModel(config, 2, 1) };
}

function state(fields: Partial<TrainState>): TrainState {
  return {
    epochs: 4,
    optimizer: "sgd",
    steps: 4,
    beta1Power: 1,
    beta2Power: 1,
    first: [],
    second: [],
    ...fields,
  };
}

Deno.test("paramSizes: W1, b1, W2, b2 (biases only when on), then W_s", () => {
  assert.deepEqual(paramSizes(setUp({ hidden: [3] }).model), [6, 3, 3, 1]);
  assert.deepEqual(paramSizes(setUp({ hidden: [3], useBias: false }).model), [6, 3]);
  assert.deepEqual(paramSizes(setUp({ hidden: [3], shortcut: true }).model), [6, 3, 3, 1, 2]);
});

Deno.test("validateTrainState: accepts a state that fits, for every optimizer", () => {
  const sizes = [6, 3, 3, 1];
  const zeros = sizes.map((n) => new Array(n).fill(0));
  for (
    const [optimizer, first, second] of [
      ["sgd", [], []],
      ["momentum", zeros, []],
      ["adam", zeros, zeros],
    ] as const
  ) {
    const { config, model } = setUp({ hidden: [3], optimizer });
    const s = state({ optimizer, first: [...first], second: [...second], beta1Power: 0.5 });
    assert.equal(validateTrainState(s, config, model), s);
  }
});

Deno.test("validateTrainState: a state that does not fit is one error naming the path", () => {
  const { config, model } = setUp({ hidden: [3], optimizer: "momentum" });
  const good = [[0, 0, 0, 0, 0, 0], [0, 0, 0], [0, 0, 0], [0]];
  const cases: [unknown, RegExp][] = [
    [null, /^state: null is not allowed; expected an object$/],
    [
      state({ first: good }),
      /^state\.optimizer: "sgd" is not allowed; the config's optimizer is momentum$/,
    ],
    [
      state({ optimizer: "momentum", first: good, epochs: -1 }),
      /^state\.epochs: -1 is not allowed/,
    ],
    [
      state({ optimizer: "momentum", first: good, steps: 1.5 }),
      /^state\.steps: 1\.5 is not allowed/,
    ],
    [state({ optimizer: "momentum", first: good, beta1Power: 0 }), /^state\.beta1Power: 0 is not/],
    [state({ optimizer: "momentum", first: good.slice(1) }), /^state\.first: .* expected 4 arrays/],
    [
      state({ optimizer: "momentum", first: [good[0], good[1], good[2], [NaN]] }),
      /^state\.first\[3\]\[0\]: NaN is not allowed; expected a finite number$/,
    ],
    [
      state({ optimizer: "momentum", first: good, second: good }),
      /^state\.second: .* expected 0 arrays/,
    ],
  ];
  for (const [value, message] of cases) {
    assert.throws(() => validateTrainState(value, config, model), (err: unknown) => {
      assert.ok(err instanceof RangeError || err instanceof TypeError);
      assert.match(err.message, message);
      assert.deepEqual(err.cause, { field: "initialState" });
      return true;
    });
  }
});
