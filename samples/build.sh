#!/usr/bin/env bash
# Packs Hark into ../artifacts and builds the .NET samples against those packages (a local folder feed), as a user would.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf artifacts samples/.packages
dotnet pack Hark.slnx -c Release -o artifacts -nologo -v q -clp:ErrorsOnly
# the .NET samples (samples/node is a Node.js program; CI does not need Node)
for project in samples/*/*.csproj; do
  dotnet build "$project" -c Release -nologo -v q -clp:ErrorsOnly
done
echo "samples: built $(ls samples/*/*.csproj | wc -l) samples against $(ls artifacts/*.nupkg | wc -l) packages in artifacts/"
