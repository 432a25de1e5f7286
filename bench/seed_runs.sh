# Sourced by the multi-seed side-by-side benchmarks (emodb.sh, fsdd-mix.sh) once $results names their TSV: each run
# appends one row (seed, side, then its metrics) for bench/seed_means.py to summarise.

# record_hark SEED RUN_DIR METRIC...: the run's test metrics from RUN_DIR/metrics.json.
record_hark() {
  local seed=$1 run=$2
  shift 2
  python3 -c "import json, sys; t = json.load(open(sys.argv[1]))['test']; print('\t'.join([sys.argv[2], 'hark'] + [str(t[k]) for k in sys.argv[3:]]))" \
    "$run/metrics.json" "$seed" "$@" >> "$results"
}

# record_torch SEED LOG KEY...: the last test_KEY=<value> the PyTorch peer printed to LOG, for each KEY.
record_torch() {
  local seed=$1 log=$2 row
  shift 2
  row="$seed"$'\t'torch
  for key in "$@"; do row+=$'\t'$(grep -o "test_$key=[0-9.]*" "$log" | tail -1 | cut -d= -f2); done
  printf '%s\n' "$row" >> "$results"
}
