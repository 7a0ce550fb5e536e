#!/usr/bin/env bash
# Installs this build into a private prefix, checks the layout, builds an outside project against
# it (find_package, the examples, every installed header, and pkg-config), then runs that project
# against the real sessiond.
#
# Usage: install_consumer_test.sh BUILD_DIR SOURCE_DIR SESSIOND
set -euo pipefail
build_dir="$1"
source_dir="$2"
sessiond="$3"

work="$(mktemp -d)"
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

fail() { echo "FAIL $*"; exit 1; }
ok() { echo "ok   $*"; }

prefix="$work/prefix"
cmake --install "$build_dir" --prefix "$prefix" >"$work/install.log" 2>&1 ||
  { cat "$work/install.log"; fail "cmake --install"; }
ok "cmake --install"

# Layout.
libdir="$(dirname "$(find "$prefix" -name libusersessions_sdk.a | head -n 1)")"
[ -d "$libdir" ] || fail "libusersessions_sdk.a is not installed"
for lib in protos common client sdk sdk_httplib sdk_beast; do
  [ -f "$libdir/libusersessions_$lib.a" ] || fail "libusersessions_$lib.a is not installed"
done
for header in client/session_store_client.h client/mocks/mock_session_store_connection.h \
  common/errors.h common/clock.h sdk/session_engine.h sdk/session.h sdk/cookie.h \
  sdk/httplib/session_middleware.h sdk/beast/session_middleware.h \
  v1/session_store.pb.h v1/session_store.grpc.pb.h google/rpc/status.pb.h \
  grpc/health/v1/health.pb.h; do
  [ -f "$prefix/include/usersessions/$header" ] || fail "include/usersessions/$header is missing"
done
for file in cmake/UserSessions/UserSessionsConfig.cmake \
  cmake/UserSessions/UserSessionsConfigVersion.cmake pkgconfig/usersessions-client.pc \
  pkgconfig/usersessions-sdk.pc; do
  [ -f "$libdir/$file" ] || fail "$libdir/$file is missing"
done
# Nothing of the source or build tree leaks into the package.
if grep -rlF -e "$source_dir" -e "$build_dir" "$libdir/cmake" "$libdir/pkgconfig"; then
  fail "package files name the source or build tree"
fi
ok "layout"

launcher=()
cxx=(c++)
if command -v ccache >/dev/null 2>&1; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  cxx=(ccache c++)
  # Paths inside the temporary folder become relative, so that runs share cache entries.
  export CCACHE_BASEDIR="$work"
fi

# find_package: the consumer, the examples, and one file including every installed header.
{
  echo "// Every installed header."
  (cd "$prefix/include/usersessions" && find . -name '*.h' | sort | sed 's|^\./\(.*\)|#include "\1"|')
} >"$work/all_headers.cc"
consumer_build="$work/consumer-build"
cmake -S "$source_dir/tests/install/consumer" -B "$consumer_build" -G Ninja \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix" "${launcher[@]}" \
  -DUSERSESSIONS_EXAMPLES_DIR="$source_dir/examples" \
  -DUSERSESSIONS_HEADER_CHECK_SOURCE="$work/all_headers.cc" >"$work/configure.log" 2>&1 ||
  { cat "$work/configure.log"; fail "configuring the consumer"; }
cmake --build "$consumer_build" -j2 >"$work/build.log" 2>&1 ||
  { cat "$work/build.log"; fail "building the consumer"; }
ok "find_package(UserSessions): consumer, examples and every header build"

# pkg-config.
export PKG_CONFIG_PATH="$libdir/pkgconfig"
flags="$(pkg-config --cflags --libs usersessions-sdk)" || fail "pkg-config usersessions-sdk"
for needle in "include/usersessions" "-lusersessions_sdk" "-lusersessions_client" \
  "-lusersessions_protos" "-lgrpc++" "-lprotobuf"; do
  grep -qF -- "$needle" <<<"$flags" || fail "pkg-config usersessions-sdk lacks $needle: $flags"
done
[ "$(pkg-config --modversion usersessions-client)" = "$(pkg-config --modversion usersessions-sdk)" ] ||
  fail "client and sdk .pc versions differ"
# shellcheck disable=SC2046  # pkg-config output is a list of words
(cd "$work" && "${cxx[@]}" -std=c++17 -O1 -o consumer-pc "$source_dir/tests/install/consumer/main.cc" \
  $(pkg-config --cflags --libs usersessions-sdk-httplib)) >"$work/pc.log" 2>&1 ||
  { cat "$work/pc.log"; fail "building the consumer with pkg-config"; }
ok "pkg-config: usersessions-sdk flags, consumer builds with usersessions-sdk-httplib"

# Against the real sessiond.
"$sessiond" --listen=127.0.0.1:0 --store="sqlite:$work/sessions.db" 2>"$work/sessiond.log" &
pid=$!
address=""
for _ in $(seq 1 200); do
  address="$(sed -n 's/.*"listening":"\([^"]*\)".*/\1/p' "$work/sessiond.log" | head -n 1)"
  [ -n "$address" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/sessiond.log"; fail "sessiond exited"; }
  sleep 0.05
done
[ -n "$address" ] || { cat "$work/sessiond.log"; fail "sessiond did not listen"; }

for binary in "$consumer_build/consumer" "$work/consumer-pc"; do
  output="$("$binary" "$address" 2>&1)" || { echo "$output"; fail "$(basename "$binary") failed"; }
  grep -qx "consumer: ok" <<<"$output" || { echo "$output"; fail "$(basename "$binary") output"; }
  ok "$(basename "$binary") against sessiond"
done

kill -TERM "$pid"
wait "$pid" || fail "sessiond exited with $? after SIGTERM"
pid=""
echo "install: all checks passed"
