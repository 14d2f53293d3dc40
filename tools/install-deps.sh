#!/usr/bin/env bash
# Installs the Debian packages claims needs to build and test (run as root on Debian 12).
# Installs only what is missing, so a second run costs nothing.
set -euo pipefail
pkgs=(cmake make g++ pkg-config libcli11-dev libre2-dev libfmt-dev libgtest-dev libutf8proc-dev
      libgoogle-perftools-dev liburing-dev python3)
if [ "${CLAIMS_DEV_DEPS:-0}" = 1 ]; then
  # Tests under sanitizers, fuzzing and benchmarks.
  pkgs+=(clang libclang-rt-dev libbenchmark-dev ripgrep time parallel)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
