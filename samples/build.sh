#!/usr/bin/env bash
# Packs Hark into ../artifacts and builds the samples against those packages (a local folder feed), as a user would.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf artifacts samples/.packages
dotnet pack Hark.slnx -c Release -o artifacts -nologo -v q -clp:ErrorsOnly
for sample in samples/*/; do
  dotnet build "$sample" -c Release -nologo -v q -clp:ErrorsOnly
done
echo "samples: built $(ls -d samples/*/ | wc -l) samples against $(ls artifacts/*.nupkg | wc -l) packages in artifacts/"
