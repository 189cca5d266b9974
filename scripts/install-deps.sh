#!/usr/bin/env bash
# Installs the Debian packages RTCEngine builds and tests with, when any is missing.
# apt-get as root, sudo otherwise; a clear message when neither can.
set -euo pipefail

packages=(libsrtp2-dev libnss3-dev libssl-dev openssl libopus-dev libwebrtc-audio-processing-dev libspeexdsp-dev pkg-config zlib1g-dev python3-venv iproute2 iptables libnetfilter-queue1)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  run=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  run=(sudo)
else
  echo "install-deps: these Debian packages are missing: ${missing[*]}" >&2
  echo "install-deps: run as root or with sudo: apt-get install -y ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${run[@]}" apt-get update -qq
"${run[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
