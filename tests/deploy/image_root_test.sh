#!/usr/bin/env bash
# Runs the image build script of deploy/docker the way the Dockerfile does, but reusing the
# binaries of this build tree: the staged root must hold working binaries whose shared libraries
# are exactly those of the runtime package list; a list that lacks one, or names one too many,
# must fail the build. Also checks the Dockerfile's fixed properties.
#
# Usage: image_root_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
source_dir="$1"
build_dir="$2"
script="${source_dir}/deploy/docker/build-image-root.sh"
dockerfile="${source_dir}/deploy/docker/Dockerfile"
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT

fail() { echo "FAIL $*"; exit 1; }
ok() { echo "ok   $*"; }

bash "${script}" --reuse-build "${build_dir}" --root "${work}/root" >"${work}/log" 2>&1 ||
  { cat "${work}/log"; fail "build-image-root.sh failed"; }
for file in usr/local/bin/sessiond usr/local/bin/sessionctl \
  usr/local/share/usersessions/migrations/mysql/0001_create_sessions.sql \
  usr/local/share/usersessions/migrations/sqlite/0001_create_sessions.sql; do
  [[ -f "${work}/root/${file}" ]] || fail "the image root lacks /${file}"
done
ok "image root staged"
"${work}/root/usr/local/bin/sessiond" --version | grep -q '^sessiond ' || fail "staged sessiond --version"
"${work}/root/usr/local/bin/sessionctl" --version | grep -q '^sessionctl ' || fail "staged sessionctl --version"
"${work}/root/usr/local/bin/sessiond" --help | grep -q -- '--metrics-listen' || fail "staged sessiond lacks --metrics-listen"
ok "staged binaries run"
grep -q 'runtime packages match the binaries' "${work}/log" || fail "the library check did not run"
ok "runtime packages match the binaries' libraries"

grep -v '^libmaxminddb0$' "${source_dir}/deploy/docker/runtime-packages.txt" >"${work}/short.txt"
if bash "${script}" --reuse-build "${build_dir}" --root "${work}/short-root" \
  --runtime-packages "${work}/short.txt" >"${work}/short.log" 2>&1; then
  fail "a runtime list without libmaxminddb0 was accepted"
fi
grep -q 'lacks packages the binaries load: libmaxminddb0' "${work}/short.log" ||
  { cat "${work}/short.log"; fail "the missing package was not named"; }
ok "a missing runtime package fails the build"

{ cat "${source_dir}/deploy/docker/runtime-packages.txt"; echo "libxml2"; } >"${work}/long.txt"
if bash "${script}" --reuse-build "${build_dir}" --root "${work}/long-root" \
  --runtime-packages "${work}/long.txt" >"${work}/long.log" 2>&1; then
  fail "a runtime list with an unused package was accepted"
fi
grep -q 'lists packages no binary loads: libxml2' "${work}/long.log" ||
  { cat "${work}/long.log"; fail "the unused package was not named"; }
ok "an unused runtime package fails the build"

grep -q 'build-image-root.sh' "${dockerfile}" || fail "the Dockerfile does not run build-image-root.sh"
grep -q 'runtime-packages.txt' "${dockerfile}" || fail "the Dockerfile does not install runtime-packages.txt"
grep -Eq '^USER [1-9][0-9]*:[1-9][0-9]*$' "${dockerfile}" || fail "the Dockerfile must set a numeric non-root USER"
! grep -Eq '^HEALTHCHECK' "${dockerfile}" || fail "the Dockerfile must not declare a HEALTHCHECK"
[[ "$(grep -c '^FROM ' "${dockerfile}")" -ge 2 ]] || fail "the Dockerfile must be multi-stage"
! grep -Eq '^FROM [^ ]*:latest|^FROM [^ :]+( |$)' "${dockerfile}" || fail "base images must be pinned"
grep -q '^ARG DEBIAN_RELEASE=12\.' "${dockerfile}" || fail "the base image must be Debian 12"
ok "Dockerfile: multi-stage Debian 12, numeric non-root user, no HEALTHCHECK"
echo "image root: all checks passed"
