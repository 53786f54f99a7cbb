"""Rewrites scikit-learn's bundled datasets as the CSV files in data/.

Run once, by hand, on the files of Debian's python3-sklearn package
(`apt-get download python3-sklearn && dpkg -x python3-sklearn_*.deb x`):

    python3 tools/import_sklearn_data.py x/usr/lib/python3/dist-packages/sklearn/datasets/data data

sklearn's files are a count line (rows, features, class names…) then rows of
numbers with the class index last; ours have a header and the class name last.
"""

import csv
import gzip
import sys

MEASURES = ["radius", "texture", "perimeter", "area", "smoothness", "compactness",
            "concavity", "concave points", "symmetry", "fractal dimension"]
WINE = ["alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols",
        "flavanoids", "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue",
        "od280/od315_of_diluted_wines", "proline"]
SETS = {
    "iris": ("iris.csv", ["sepal_length", "sepal_width", "petal_length", "petal_width"], "species"),
    "wine": ("wine_data.csv", WINE, "cultivar"),
    "breast-cancer": ("breast_cancer.csv",
                      [f"mean {m}" for m in MEASURES] + [f"{m} error" for m in MEASURES]
                      + [f"worst {m}" for m in MEASURES], "diagnosis"),
}


def main(src, dst):
    for name, (file, features, label) in SETS.items():
        with open(f"{src}/{file}") as f:
            rows = list(csv.reader(f))
        count, names = rows[0], rows[0][2:]
        assert int(count[0]) == len(rows) - 1 and int(count[1]) == len(features)
        with open(f"{dst}/{name}.csv", "w", newline="") as out:
            w = csv.writer(out, lineterminator="\n")
            w.writerow(features + [label])
            for row in rows[1:]:
                w.writerow(row[:-1] + [names[int(row[-1])]])
    with gzip.open(f"{src}/digits.csv.gz", "rt") as f:
        rows = list(csv.reader(f))
    with open(f"{dst}/digits.csv", "w", newline="") as out:
        w = csv.writer(out, lineterminator="\n")
        w.writerow([f"pixel_{r}_{c}" for r in range(8) for c in range(8)] + ["digit"])
        for row in rows:
            w.writerow([str(int(float(v))) for v in row[:-1]] + [str(int(float(row[-1])))])


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
