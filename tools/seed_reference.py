#!/usr/bin/env python3
"""Golden reference data for the XOR backprop "seed" program.

Runs the original NumPy program (a 2-input, no-bias, sigmoid MLP trained on
XOR with plain full-batch backprop, from a Portuguese tutorial) for a fixed
set of cases and writes one JSON file per case to testdata/seed/, plus
index.json and mt19937_draws.json (raw NumPy legacy MT19937 draws for checking
a TypeScript port of the generator).

Usage:
    python3 tools/seed_reference.py             # (re)write testdata/seed/
    python3 tools/seed_reference.py --out DIR   # write somewhere else
    python3 tools/seed_reference.py --check     # regenerate to a temp dir and
                                                # compare with committed files

The arithmetic deliberately mirrors the original line by line (float64,
np.dot, same operation order) so that a port can match it to ~1e-9.
"""

import argparse
import json
import math
import os
import re
import sys
import tempfile

try:
    import numpy as np
except ImportError:
    print("seed_reference.py: NumPy is required (pip install numpy)", file=sys.stderr)
    sys.exit(2)

GENERATOR = "tools/seed_reference.py"
REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_OUT = os.path.join(REPO_ROOT, "testdata", "seed")
TOLERANCE = 1e-12

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
Y = np.array([[0], [1], [1], [0]], dtype=np.float64)

# (name, seed, hidden, learningRate, epochs, description)
#
# The plateau and local-minimum cases were found with a throwaway loop that
# trained every seed in range(60) for hidden=2 and hidden=3 (lr 0.5, 10000
# epochs, plus 50000-epoch reruns of the candidates) and looked at the loss
# at epochs 1000/5000/10000 and at the final outputs.
CASES = [
    ("original", 42, 3, 0.5, 10000,
     "The tutorial's program as written: seed 42, 3 hidden units, lr 0.5, "
     "10000 epochs. Solves XOR."),
    ("seed0", 0, 3, 0.5, 10000,
     "Different seed (0), otherwise the original settings. Solves XOR."),
    ("seed7_epochs5000", 7, 3, 0.5, 5000,
     "Seed 7 stopped after 5000 epochs: mostly trained, outputs ~[0.15, 0.89, "
     "0.90, 0.10]."),
    ("seed123_epochs1000", 123, 3, 0.5, 1000,
     "Seed 123 stopped after 1000 epochs: mid-training, XOR not solved yet."),
    ("lr0.1", 42, 3, 0.1, 10000,
     "Small learning rate 0.1: loss sits near 0.5 for ~6000 epochs and XOR is "
     "not yet solved after 10000 epochs."),
    ("lr1.0", 42, 3, 1.0, 10000,
     "Learning rate 1.0 with the original seed: leaves the initial ~0.5 "
     "plateau sooner than lr 0.5 and solves XOR."),
    ("lr2.0", 42, 3, 2.0, 10000,
     "Large learning rate 2.0 with the original seed: still stable, fastest "
     "of the three to solve XOR."),
    ("hidden2", 42, 2, 0.5, 10000,
     "Only 2 hidden units, original seed: solves XOR (less sharply)."),
    ("hidden4", 42, 4, 0.5, 10000,
     "4 hidden units, original seed (W1 is 2x4, so W2 uses later draws). "
     "Solves XOR."),
    ("hidden8", 42, 8, 0.5, 10000,
     "8 hidden units, original seed: solves XOR quickly."),
    ("epochs1", 42, 3, 0.5, 1,
     "A single training step of the original: the easiest case to debug."),
    # Plateau: seed 53 (hidden 3) stood out in the search because its loss at
    # epoch 1000 and 5000 was still ~0.5 (all outputs ~0.5) while it ends
    # solved; the loss moves only 0.5018 -> 0.4999 over the first 5000 epochs,
    # then drops sharply between epochs 5000 and 7000.
    ("plateau_seed53", 53, 3, 0.5, 10000,
     "Plateau: loss stays at ~0.5 (every output ~0.5) for the first ~5000 "
     "epochs, then escapes and solves XOR by epoch 10000."),
    # Local minimum: with hidden=2 about half of seeds 0..59 fail. Seed 5 goes
    # to outputs ~[0.02, 0.665, 0.665, 0.667] (loss 0.3345) and is still there
    # after 50000 epochs (loss 0.33356): the net cannot separate (1,1) from
    # the XOR-true rows.
    ("localmin_hidden2_seed5", 5, 2, 0.5, 10000,
     "Local minimum: 2 hidden units, seed 5. Ends with outputs ~[0.02, 0.67, "
     "0.67, 0.67]: row (1,1) is wrong, and more epochs do not fix it."),
    # Local minimum with the tutorial's own architecture: seed 1 (hidden 3)
    # solves three rows but leaves (1,1) at ~0.5 (loss ~0.127, still 0.125
    # after 50000 epochs). Found in the same search (seeds 1, 2, 9, 16, 19,
    # ... behave the same way).
    ("localmin_seed1", 1, 3, 0.5, 10000,
     "Local minimum with 3 hidden units: seed 1 ends with output ~0.5 for "
     "row (1,1) while the other rows are right."),
]

MT_SEEDS = [0, 1, 42, 123, 4294967295]


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def sample_epochs(epochs):
    """1, 2, 5, 10, 20, 50, 100, 200, 500, then every multiple of 1000, and the last."""
    picks = {e for e in (1, 2, 5, 10, 20, 50, 100, 200, 500) if e <= epochs}
    picks.update(range(1000, epochs + 1, 1000))
    picks.add(epochs)
    return sorted(picks)


def train(seed, hidden, lr, epochs):
    # Same draws as np.random.seed(seed) followed by the global uniform calls.
    rng = np.random.RandomState(seed)
    W1 = rng.uniform(-1, 1, (2, hidden))
    W2 = rng.uniform(-1, 1, (hidden, 1))
    initial = {"W1": W1.tolist(), "W2": W2.tolist()}

    wanted = set(sample_epochs(epochs))
    history = []
    loss = None
    for epoch in range(1, epochs + 1):
        h = sigmoid(np.dot(X, W1))
        o = sigmoid(np.dot(h, W2))
        loss = float(0.5 * np.sum((Y - o) ** 2))
        if epoch in wanted:
            history.append([epoch, loss])
        d_o = (Y - o) * o * (1 - o)
        d_h = np.dot(d_o, W2.T) * h * (1 - h)
        W2 += lr * np.dot(h.T, d_o)
        W1 += lr * np.dot(X.T, d_h)

    outputs = sigmoid(np.dot(sigmoid(np.dot(X, W1)), W2))
    return {
        "initialWeights": initial,
        "finalWeights": {"W1": W1.tolist(), "W2": W2.tolist()},
        "outputs": outputs.tolist(),
        "lossHistorySampled": history,
        "finalLoss": loss,
    }


def case_document(name, seed, hidden, lr, epochs, description):
    doc = {
        "generator": GENERATOR,
        "numpy": np.__version__,
        "case": name,
        "description": description,
        "seed": seed,
        "hidden": hidden,
        "learningRate": lr,
        "epochs": epochs,
        "lossSampling": "epochs 1, 2, 5, 10, 20, 50, 100, 200, 500, every multiple "
                        "of 1000, and the last; loss of epoch k = 0.5*sum((y-o)^2) "
                        "from epoch k's forward pass, before its update",
    }
    doc.update(train(seed, hidden, lr, epochs))
    return doc


def raw_mt19937_words(seed, n):
    """First n raw 32-bit MT19937 outputs of np.random.RandomState(seed).

    Legacy integer seeding is MT19937 init_genrand(seed). Two independent
    routes are computed and must agree: the bit generator's random_raw(), and
    randint over the full 32-bit range (mask 0xFFFFFFFF, so no rejection and
    no transformation of the word).
    """
    bit_gen = np.random.MT19937()
    bit_gen._legacy_seeding(seed)
    words = [int(w) for w in bit_gen.random_raw(n)]
    via_randint = np.random.RandomState(seed).randint(0, 2**32, size=n, dtype=np.uint64)
    if words != [int(w) for w in via_randint]:
        raise RuntimeError(f"raw MT19937 recipes disagree for seed {seed}")
    return words


def mt19937_document():
    seeds = []
    for seed in MT_SEEDS:
        seeds.append({
            "seed": seed,
            "raw32": raw_mt19937_words(seed, 10),
            "randomSample": np.random.RandomState(seed).random_sample(10).tolist(),
        })
    rng = np.random.RandomState(42)
    W1 = rng.uniform(-1, 1, (2, 3))
    W2 = rng.uniform(-1, 1, (3, 1))
    return {
        "generator": GENERATOR,
        "numpy": np.__version__,
        "description": (
            "NumPy legacy RandomState(seed) (MT19937, init_genrand seeding). "
            "raw32: first 10 tempered 32-bit outputs (MT19937._legacy_seeding(seed) "
            "then random_raw(10); equal to RandomState(seed).randint(0, 2**32, "
            "size=10, dtype=np.uint64)). randomSample: first 10 random_sample() "
            "doubles, each ((a >> 5) * 67108864 + (b >> 6)) / 9007199254740992 from "
            "two consecutive words a, b. uniform42: RandomState(42).uniform(-1, 1, "
            "(2, 3)) then .uniform(-1, 1, (3, 1)); uniform(lo, hi) = lo + (hi - lo) "
            "* random_sample()."
        ),
        "seeds": seeds,
        "uniform42": {"W1": W1.tolist(), "W2": W2.tolist()},
    }


_NUMBER_LIST = re.compile(r"\[\s*([-+0-9.eE]+(?:,\s*[-+0-9.eE]+)*)\s*\]")


def write_json(path, doc):
    """Indented JSON, but each innermost list of numbers on one line."""
    text = json.dumps(doc, indent=1)
    text = _NUMBER_LIST.sub(lambda m: "[" + ", ".join(m.group(1).replace(",", " ").split()) + "]", text)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text + "\n")


def generate(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    names = []
    for name, seed, hidden, lr, epochs, description in CASES:
        write_json(os.path.join(out_dir, f"{name}.json"),
                   case_document(name, seed, hidden, lr, epochs, description))
        names.append(name)
    write_json(os.path.join(out_dir, "index.json"), {
        "generator": GENERATOR,
        "numpy": np.__version__,
        "cases": names,
        "mt19937": "mt19937_draws.json",
    })
    write_json(os.path.join(out_dir, "mt19937_draws.json"), mt19937_document())
    return names


def compare(expected, actual, where, problems):
    """Collect differences between two JSON values; floats compared to TOLERANCE."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in sorted(set(expected) | set(actual)):
            if key == "numpy":
                continue  # a different NumPy version is fine if the numbers agree
            if key not in expected or key not in actual:
                problems.append(f"{where}.{key}: present on one side only")
            else:
                compare(expected[key], actual[key], f"{where}.{key}", problems)
    elif isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            problems.append(f"{where}: length {len(expected)} != {len(actual)}")
        else:
            for i, (e, a) in enumerate(zip(expected, actual)):
                compare(e, a, f"{where}[{i}]", problems)
    elif (isinstance(expected, float) or isinstance(actual, float)) and \
            isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        if not math.isclose(expected, actual, rel_tol=0, abs_tol=TOLERANCE):
            problems.append(f"{where}: committed {expected!r}, regenerated {actual!r}")
    elif expected != actual:
        problems.append(f"{where}: committed {expected!r}, regenerated {actual!r}")


def check(committed_dir):
    with tempfile.TemporaryDirectory() as tmp:
        generate(tmp)
        problems = []
        for file_name in sorted(os.listdir(tmp)):
            committed_path = os.path.join(committed_dir, file_name)
            if not os.path.exists(committed_path):
                problems.append(f"{file_name}: missing from {committed_dir}")
                continue
            with open(committed_path, encoding="utf-8") as f:
                expected = json.load(f)
            with open(os.path.join(tmp, file_name), encoding="utf-8") as f:
                actual = json.load(f)
            compare(expected, actual, file_name[:-len(".json")], problems)
    for problem in problems:
        print(f"MISMATCH {problem}")
    if problems:
        print(f"seed_reference.py --check: {len(problems)} difference(s)")
        return 1
    print(f"seed_reference.py --check: all files in {committed_dir} match (tolerance {TOLERANCE})")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=DEFAULT_OUT,
                        help="output directory (default: testdata/seed in the repo)")
    parser.add_argument("--check", action="store_true",
                        help="regenerate into a temp dir and compare with --out; exit 1 on mismatch")
    args = parser.parse_args()
    if args.check:
        return check(args.out)
    names = generate(args.out)
    print(f"wrote {len(names)} cases + index.json + mt19937_draws.json to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
