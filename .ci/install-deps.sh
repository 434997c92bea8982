#!/usr/bin/env bash
# Installs the Debian 12 packages discwright needs to build, test, fuzz and benchmark.
# Idempotent: packages already present are left alone. Run as root (or with sudo).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  clang libclang-rt-14-dev clang-format
  libcdio-dev libiso9660-dev libburn-dev genisoimage xorriso
  libcdio-utils bchunk mame-tools nrg2iso iat flac
  cdparanoia cd-paranoia cdrdao wodim cdrskin sg3-utils eject whipper
  libfmt-dev libspdlog-dev libcli11-dev nlohmann-json3-dev
  libssl-dev zlib1g-dev libdiscid-dev libflac-dev libcurl4-openssl-dev libexpat1-dev
  libgtest-dev libgmock-dev libbenchmark-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
