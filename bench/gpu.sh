#!/usr/bin/env bash
# GPU benchmark (issue 14, must-show 2) in two halves, so the GPU machine needs no .NET SDK:
#   bench/gpu.sh publish   here: Hark.Bench.Gpu published self-contained for linux-x64 as one compressed file into
#                          bench/gpu-publish (checked to stay under the 64 MiB a device run may carry)
#   bench/gpu.sh run       on the GPU machine (carry bench/gpu-publish): names the device, then parity (Hark's CUDA
#                          backend against its CPU backend for seed-000 and CNN14 logits and one SGD step; seed-000 also
#                          against PyTorch on the same GPU, fp32, within 1e-3 relative) and throughput side by side
#                          (seed-000 at batch 32 and 256, CNN14 10 s clips at batch 32 fp32; PyTorch also at 128 bf16,
#                          which Hark does not run yet). Last line:
#                          seed_train_ratio=<Hark/PyTorch at B=32> cnn14_train_ratio=<B=32 fp32> cnn14_infer_ratio=<B=32 fp32>
# cuBLAS, cuDNN and the CUDA 13 runtime come from PyTorch's wheels; TORCH_VENV moves them.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/gpu-publish
case "${1:-}" in
  publish)
    rm -rf "$out"
    dotnet publish bench/Hark.Bench.Gpu -c Release -r linux-x64 --self-contained -p:PublishSingleFile=true \
      -p:EnableCompressionInSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -o "$out" -nologo -v q
    rm -f "$out"/*.pdb
    size=$(du -sm "$out" | cut -f1)
    echo "published $out: ${size} MiB"
    [ "$size" -lt 64 ] || { echo "bench/gpu.sh: $out is ${size} MiB, over the 64 MiB a device run carries" >&2; exit 1; }
    ;;
  run)
    venv="${TORCH_VENV:-/opt/torch/.venv}"
    site="$(ls -d "$venv"/lib/python3*/site-packages | head -1)"
    export LD_LIBRARY_PATH="$site/nvidia/cu13/lib:$site/nvidia/cudnn/lib:${LD_LIBRARY_PATH:-}"
    python="$venv/bin/python"
    hark="$out/Hark.Bench.Gpu"
    nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || true
    parity_dir="$(mktemp -d)"
    echo "== parity"
    "$hark" parity "$parity_dir" cuda
    "$python" bench/gpu_torch.py parity "$parity_dir"
    echo "== Hark throughput (cuda)"
    hark_out="$("$hark" throughput cuda)"
    echo "$hark_out"
    echo "== PyTorch throughput ($("$python" -c 'import torch; print(torch.__version__)'))"
    torch_out="$("$python" bench/gpu_torch.py throughput)"
    echo "$torch_out"
    value() { echo "$1" | awk -v key="$2" 'index($0, key) == 1 { print $NF; exit }'; }
    awk -v hs="$(value "$hark_out" "seed000 B=32 train")" -v ts="$(value "$torch_out" "seed000 B=32 train")" \
      -v hc="$(value "$hark_out" "cnn14 B=32 train")" -v tc="$(value "$torch_out" "cnn14 B=32 train")" \
      -v hi="$(value "$hark_out" "cnn14 B=32 infer")" -v ti="$(value "$torch_out" "cnn14 B=32 infer")" \
      'BEGIN { printf "seed_train_ratio=%.2f cnn14_train_ratio=%.2f cnn14_infer_ratio=%.2f\n", hs / ts, hc / tc, hi / ti }'
    ;;
  *)
    echo "usage: bench/gpu.sh publish|run" >&2
    exit 2
    ;;
esac
