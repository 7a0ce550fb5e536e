#!/usr/bin/env bash
# Builds sessiond and sessionctl and stages the root filesystem of the runtime image. The
# Dockerfile's build stage runs it; so does the test suite (with --reuse-build, in a temporary
# folder), so that the image build is checked on machines without a container engine.
#
# Usage: deploy/docker/build-image-root.sh --root DIR [options]
#   --root DIR              stage the image root here (must be empty or absent)
#   --source DIR            the source checkout (default: this script's repository)
#   --build-dir DIR         CMake build folder for a fresh Release build (default: DIR/../build)
#   --reuse-build DIR       take sessiond and sessionctl from an existing build folder instead of
#                           building (the test suite uses this to stay fast)
#   --install-deps          apt-get install the packages of build-packages.txt first (image build)
#   --runtime-packages FILE the runtime package list to check against (default: the one beside
#                           this script)
#
# The staged root holds /usr/local/bin/{sessiond,sessionctl} (stripped) and the SQL migrations
# under /usr/local/share/usersessions/migrations for review (sessiond embeds them; `sessiond
# migrate` needs no files). Then it checks that both binaries run `--version` and that every
# shared library they load belongs to a package of the runtime list, and that every package on
# the list provides one of them. Exit code 0 when the root is staged and the checks pass.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source_dir="$(cd "${script_dir}/../.." && pwd)"
root=""
build_dir=""
reuse_build=""
install_deps=0
runtime_packages="${script_dir}/runtime-packages.txt"

log() { echo "build-image-root: $*" >&2; }
die() { echo "build-image-root: error: $*" >&2; exit 1; }
usage() { sed -n '2,22s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --root) root="$2"; shift ;;
    --source) source_dir="$(cd "$2" && pwd)"; shift ;;
    --build-dir) build_dir="$2"; shift ;;
    --reuse-build) reuse_build="$(cd "$2" && pwd)"; shift ;;
    --install-deps) install_deps=1 ;;
    --runtime-packages) runtime_packages="$2"; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
  shift
done
[[ -n "${root}" ]] || { usage >&2; die "--root is required"; }
[[ -f "${runtime_packages}" ]] || die "no runtime package list at ${runtime_packages}"
if [[ -e "${root}" && -n "$(ls -A "${root}")" ]]; then die "${root} is not empty"; fi

# Package names of a list file: comments and blank lines dropped.
read_list() { sed -e 's/#.*//' -e 's/[[:space:]]//g' "$1" | grep -v '^$' | sort -u; }

if [[ "${install_deps}" -eq 1 ]]; then
  log "installing build packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  read_list "${script_dir}/build-packages.txt" | xargs apt-get install -y --no-install-recommends
fi

if [[ -n "${reuse_build}" ]]; then
  sessiond="${reuse_build}/server/sessiond"
  sessionctl="${reuse_build}/client/sessionctl/sessionctl"
  log "reusing ${sessiond} and ${sessionctl}"
else
  build_dir="${build_dir:-${source_dir}/../build}"
  log "building sessiond and sessionctl in ${build_dir}"
  cmake -S "${source_dir}" -B "${build_dir}" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DUSERSESSIONS_BUILD_TESTS=OFF -DUSERSESSIONS_BUILD_EXAMPLES=OFF \
    -DUSERSESSIONS_BUILD_BENCHMARKS=OFF
  cmake --build "${build_dir}" --target sessiond sessionctl
  sessiond="${build_dir}/server/sessiond"
  sessionctl="${build_dir}/client/sessionctl/sessionctl"
fi
[[ -x "${sessiond}" && -x "${sessionctl}" ]] || die "sessiond or sessionctl was not built"

log "staging ${root}"
install -d "${root}/usr/local/bin" "${root}/usr/local/share/usersessions/migrations"
install -m 0755 "${sessiond}" "${sessionctl}" "${root}/usr/local/bin/"
strip --strip-unneeded "${root}/usr/local/bin/sessiond" "${root}/usr/local/bin/sessionctl"
for backend in mysql sqlite; do
  install -d "${root}/usr/local/share/usersessions/migrations/${backend}"
  install -m 0644 "${source_dir}/migrations/${backend}"/*.sql \
    "${root}/usr/local/share/usersessions/migrations/${backend}/"
done

log "checking the staged binaries"
for binary in sessiond sessionctl; do
  version="$("${root}/usr/local/bin/${binary}" --version)" ||
    die "${binary} --version failed"
  log "${version}"
done

# Every library the dynamic loader resolves, mapped to the Debian package that ships it. dpkg
# records the path the package installs, which may differ from the loader's by the /usr merge or
# a symlink, so each library is looked up under all those names, in one dpkg query. Prints one
# package per line; fails naming any library that no package ships.
needed_packages() {
  local binary path resolved
  for binary in "$@"; do
    if ldd "${binary}" | grep -q 'not found'; then
      ldd "${binary}" | grep 'not found' >&2
      die "${binary} needs libraries that are not installed"
    fi
  done
  local forms="${work}/library-forms" owners="${work}/library-owners"
  for binary in "$@"; do
    ldd "${binary}" | awk '/=>/ { print $3; next } /^[[:space:]]*\// { print $1 }'
  done | sort -u | while read -r path; do
    resolved="$(readlink -f "${path}")"
    for form in "${path}" "${path#/usr}" "/usr${path#/usr}" \
      "${resolved}" "${resolved#/usr}" "/usr${resolved#/usr}"; do
      printf '%s\t%s\n' "${path}" "${form}"
    done
  done >"${forms}"
  cut -f2 "${forms}" | sort -u | xargs dpkg -S >"${owners}" 2>/dev/null || true
  # owners: "package[:arch][, package...]: /path"; forms: "library<TAB>candidate path".
  awk -F'\t' '
    FNR == NR { at = index($0, ": "); owner[substr($0, at + 2)] = substr($0, 1, at - 1); next }
    !($1 in package) && ($2 in owner) { split(owner[$2], names, /[:,]/); package[$1] = names[1] }
    { libraries[$1] = 1 }
    END {
      for (library in libraries) {
        if (!(library in package)) { print "no Debian package ships " library > "/dev/stderr"; failed = 1 }
        else print package[library]
      }
      exit failed
    }' "${owners}" "${forms}" | sort -u
}

work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT
needed_packages "${root}/usr/local/bin/sessiond" "${root}/usr/local/bin/sessionctl" \
  >"${work}/needed" || die "cannot map the binaries' libraries to Debian packages"
mapfile -t needed <"${work}/needed"
[[ "${#needed[@]}" -gt 0 ]] || die "found no shared libraries at all"
mapfile -t listed < <(read_list "${runtime_packages}")
missing="$(comm -23 <(printf '%s\n' "${needed[@]}") <(printf '%s\n' "${listed[@]}"))"
unused="$(comm -13 <(printf '%s\n' "${needed[@]}") <(printf '%s\n' "${listed[@]}"))"
[[ -z "${missing}" ]] ||
  die "$(basename "${runtime_packages}") lacks packages the binaries load: ${missing//$'\n'/ }"
[[ -z "${unused}" ]] ||
  die "$(basename "${runtime_packages}") lists packages no binary loads: ${unused//$'\n'/ }"
log "runtime packages match the binaries: ${needed[*]}"
log "image root staged in ${root}"
