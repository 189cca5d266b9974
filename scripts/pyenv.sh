#!/usr/bin/env bash
# Creates .build/pyenv, a Python virtualenv with Tencent's reference implementations that the
# RTCSignaling tests compare against: tls-sig-api-v2 (UserSig) and tencentcloud-sdk-python-trtc
# (TC3-HMAC-SHA256 request signing). Idempotent; prints the venv's python path on success.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.build/pyenv"
python="${PYTHON:-python3}"
packages=(tls-sig-api-v2 tencentcloud-sdk-python-trtc)

if [ ! -x "$venv/bin/python" ]; then
  mkdir -p "$root/.build"
  "$python" -m venv "$venv"
fi
if ! "$venv/bin/python" -c "import TLSSigAPIv2, tencentcloud.common.abstract_client" 2>/dev/null; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${packages[@]}"
fi
echo "$venv/bin/python"
