#!/usr/bin/env bash
# Hark's defaults against hand-set clip lengths and the PyTorch peer (issue 16, must-show 2). On three datasets:
#   emodb            ../shared/data/emodb, speaker-independent split (speakers 03 and 08 test), 2.0 s clips
#   fsdd-repeat      2-5 FSDD takes of one digit by one speaker, labelled by the digit (bench/make_defaults_data.py)
#   fsdd-speaker     3-6 FSDD digits of one speaker, labelled by the speaker
# each dataset is trained three ways, and the test accuracy of each is printed:
#   default  `hark train --data CSV --out DIR` and nothing else: the clip length comes from the data (its log line and
#            config.yaml's chosen_from_data say which and why)
#   tuned    the same with the clip length set by hand (--set front_end.length.seconds=L): 2.0 s on EMO-DB (as
#            bench/emodb.sh), the longest clip rounded up to 0.1 s on the built sets (their hand_set_seconds.txt)
#   torch    ../shared/bench/peer_torch_train.py CSV --sr 16000 --seconds L (the same L as tuned; it trains on the
#            train rows, evaluates the final EMA weights)
# Last line: defaults_vs_tuned=<min over datasets of default/tuned accuracy> defaults_vs_torch=<min of default/torch>
# (goals: >= 0.98 and >= 1.0). EPOCHS=N adds --set recipe.epochs=N to every Hark run (and --epochs N to PyTorch's) for
# a quick check; unset, every side trains the recipe's 30 epochs. The built datasets go to $TMPDIR (outside the clone).
# Takes about an hour on two cores with the default epochs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="$root/../shared"
[ -d "$shared/data/emodb" ] && [ -d "$shared/data/fsdd" ] || { echo "defaults.sh: $shared/data/emodb and fsdd are needed (the datasets sit in ../shared/data beside the clone)" >&2; exit 1; }
out="$root/bench/out/defaults"
built="${TMPDIR:-/tmp}/hark-defaults-data"
rm -rf "$out" "$built"; mkdir -p "$out"
/usr/bin/python3 "$root/bench/make_defaults_data.py" "$shared/data/fsdd" "$built"
epoch_set=(); epoch_arg=(--epochs 30)
if [ -n "${EPOCHS:-}" ]; then epoch_set=(--set recipe.epochs="$EPOCHS"); epoch_arg=(--epochs "$EPOCHS"); fi
results="$out/results.tsv"
printf 'dataset\tside\tclip_seconds\taccuracy\n' > "$results"

accuracy() { python3 -c "import json, sys; print(json.load(open(sys.argv[1]))['test']['accuracy'])" "$1/metrics.json"; }
chosen() { grep -o 'seconds=[0-9.]*' "$1/config.yaml" | head -1 | cut -d= -f2; }

run_dataset() {
  local name=$1 csv=$2 seconds=$3
  echo "== $name: hark train with no flags"
  "$root/hark" train --data "$csv" --out "$out/$name-default" "${epoch_set[@]}" | tee "$out/$name-default.log"
  printf '%s\tdefault\t%s\t%s\n' "$name" "$(chosen "$out/$name-default")" "$(accuracy "$out/$name-default")" >> "$results"

  echo "== $name: hark train --set front_end.length.seconds=$seconds"
  "$root/hark" train --data "$csv" --out "$out/$name-tuned" --set front_end.length.seconds="$seconds" "${epoch_set[@]}" | tee "$out/$name-tuned.log"
  printf '%s\ttuned\t%s\t%s\n' "$name" "$seconds" "$(accuracy "$out/$name-tuned")" >> "$results"

  echo "== $name: peer_torch_train.py --sr 16000 --seconds $seconds"
  (cd "$(dirname "$csv")" && /usr/bin/python3 "$shared/bench/peer_torch_train.py" "$(basename "$csv")" --sr 16000 --seconds "$seconds" \
    "${epoch_arg[@]}" --threads 2 --seed 0) | tee "$out/$name-torch.log"
  printf '%s\ttorch\t%s\t%s\n' "$name" "$seconds" "$(grep -o 'test_acc=[0-9.]*' "$out/$name-torch.log" | tail -1 | cut -d= -f2)" >> "$results"
}

run_dataset emodb "$shared/data/emodb/metadata.csv" 2.0
for name in fsdd-repeat fsdd-speaker; do
  run_dataset "$name" "$built/$name/metadata.csv" "$(cat "$built/$name/hand_set_seconds.txt")"
done

python3 - "$results" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
acc = {(r["dataset"], r["side"]): float(r["accuracy"]) for r in rows}
seconds = {(r["dataset"], r["side"]): r["clip_seconds"] for r in rows}
datasets = list(dict.fromkeys(r["dataset"] for r in rows))
for d in datasets:
    print(f"{d:<16} default {acc[d, 'default']:.4f} ({seconds[d, 'default']} s)  tuned {acc[d, 'tuned']:.4f} ({seconds[d, 'tuned']} s)  torch {acc[d, 'torch']:.4f}")
print(f"defaults_vs_tuned={min(acc[d, 'default'] / acc[d, 'tuned'] for d in datasets):.3f} "
      f"defaults_vs_torch={min(acc[d, 'default'] / acc[d, 'torch'] for d in datasets):.3f}")
PY
