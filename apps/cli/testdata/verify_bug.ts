// A module for `deno task verify --impl`: the reference engine with a planted bug
// (the hidden layers' f′ taken wrong), from the catalogue of `@backprop/verify/bugs`.
import { BUGS } from "@backprop/verify/bugs";

export const engine = BUGS.find((b) => b.id === "wrong-derivative")!.engine;
