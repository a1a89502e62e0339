#!/usr/bin/env bash
# System libraries Qt needs on a bare Debian/Ubuntu machine, plus poppler-utils
# (pdftoppm/pdffonts, used by the report tests), fonts-hanazono (CJK Ext-A/B fallback,
# e.g. 𠀀) and fonts-arphic-uming (宋体-style body text) for the PDF report.  Installs only
# what is missing,
# and only when we can (root + apt-get); elsewhere it just says what to install.
set -euo pipefail
PACKAGES=(libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3 libxkbcommon0
  libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 poppler-utils
  fonts-hanazono fonts-arphic-uming)
command -v dpkg-query >/dev/null 2>&1 || exit 0
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "安装系统依赖：${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "缺少系统依赖，请先安装：sudo apt-get install ${missing[*]}" >&2
fi
