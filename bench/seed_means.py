# Summary of a multi-seed side-by-side benchmark: reads a TSV with columns seed, side (hark|torch) and one column per
# metric, prints every run and the mean of each side, and ends with the scripts' last line:
#   hark_<key>=<mean> torch_<key>=<mean> ... seeds=<n>
# Usage: seed_means.py RESULTS.tsv COLUMN=KEY [COLUMN=KEY ...]   e.g. accuracy=acc macro_f1=macro_f1
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
metrics = [pair.split("=", 1) for pair in sys.argv[2:]]
print(f"{'seed':<6}{'side':<7}" + "".join(f"{column:>10}" for column, _ in metrics))
for r in rows:
    print(f"{r['seed']:<6}{r['side']:<7}" + "".join(f"{float(r[column]):>10.4f}" for column, _ in metrics))
mean = {(side, column): statistics.mean(float(r[column]) for r in rows if r["side"] == side) for side in ("hark", "torch") for column, _ in metrics}
seeds = len({r["seed"] for r in rows})
for side in ("hark", "torch"):
    print(f"mean over {seeds} seed(s), {side}: " + ", ".join(f"{column} {mean[side, column]:.4f}" for column, _ in metrics))
print(" ".join(f"{side}_{key}={mean[side, column]:.4f}" for column, key in metrics for side in ("hark", "torch")) + f" seeds={seeds}")
