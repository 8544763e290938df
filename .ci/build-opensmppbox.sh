#!/usr/bin/env bash
# Builds opensmppbox, Kannel's SMPP server, from Debian's kannel source package: Debian's kannel and kannel-extras
# ship bearerbox and fakesmsc but not this add-on, and the SMS suite (tests/sms) binds to it as an ESME.
# Idempotent: nothing to do when the binary is there (FORCE=1 builds again; OPENSMPPBOX_TARGET installs elsewhere).
set -euo pipefail

target=${OPENSMPPBOX_TARGET:-/usr/local/sbin/opensmppbox}
if [ -x "$target" ] && [ -z "${FORCE:-}" ]; then
  echo "opensmppbox: $target is already built"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive

# Source packages come from the machine's own Debian entries: each deb822 file gets a deb-src twin.
if ! grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  for list in /etc/apt/sources.list.d/*.sources; do
    [ -e "$list" ] || continue
    sed -E 's/^Types:[[:space:]]*deb[[:space:]]*$/Types: deb-src/' "$list" > "/etc/apt/sources.list.d/$(basename "$list" .sources)-src.sources"
  done
  if [ -f /etc/apt/sources.list ] && grep -qE '^deb ' /etc/apt/sources.list; then
    sed -nE 's/^deb /deb-src /p' /etc/apt/sources.list > /etc/apt/sources.list.d/sources-list-src.list
  fi
fi
apt-get update -q
apt-get install -y -q --no-install-recommends build-essential dpkg-dev kannel-dev
# --arch-only: the libraries Kannel links (Build-Depends), not the TeX toolchain of its manuals (Build-Depends-Indep).
apt-get build-dep -y -q --arch-only kannel

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
# Only the upstream tarball: opensmppbox is Kannel's own add-on, untouched by Debian's patches.
apt-get source -q --tar-only kannel
tar -xf "$(ls kannel_*.orig.tar.* | head -n 1)"
cd "$(dirname "$(find . -path '*/addons/opensmppbox/configure' | head -n 1)")"
# Built against the installed Kannel (kannel-dev's gw-config and libraries), the same version as bearerbox.
./configure --with-kannel-dir=/usr
make -j"$(nproc)"
install -D -m 0755 gw/opensmppbox "$target"
echo "opensmppbox: installed $target"
