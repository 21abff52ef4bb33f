#!/usr/bin/env bash
# Installs the Debian 12 packages bates needs to build, test and run. Idempotent and
# non-interactive: packages already present are skipped, so a second run does nothing.
#   scripts/install-deps.sh          build + test dependencies
#   scripts/install-deps.sh --bench  also the peers the benchmarks compare against
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git ccache clang clang-format clang-tidy
  libclang-rt-14-dev libfuzzer-14-dev python3
  # libraries, one owning module each (see docs/ARCHITECTURE.md)
  libssl-dev libxxhash-dev libicu-dev libfmt-dev libspdlog-dev libzstd-dev      # core
  libgmime-3.0-dev libpoppler-cpp-dev libarchive-dev libmagic-dev libuchardet-dev libxml2-dev # ingest
  libpugixml-dev libpff-dev libolecf-dev libtesseract-dev tesseract-ocr-eng     # ingest
  libexif-dev libtiff-dev catdoc                                               # ingest
  libsqlite3-dev libpq-dev                                                     # store
  libpoppler-glib-dev libcairo2-dev                                            # produce (libtiff above)
  libxapian-dev xapian-tools                                                   # index
  liblinear-dev libvectorscan-dev                                              # analytics, review
  libxlsxwriter-dev                                                            # review: XLSX privilege log
  nlohmann-json3-dev libcli11-dev libcpp-httplib-dev                           # engine, cli, server
  libyaml-cpp-dev                                                              # demand (spec YAML)
  libmstch-dev libboost-dev   # demand letters: Mustache templates (mstch's header uses boost::variant)
  libpango1.0-dev             # demand letters: paragraphs laid out with Pango into a searchable PDF
  python3-holidays                                                             # demand (independent holiday table: scripts/gen_federal_holidays.py)
  libgtest-dev libgmock-dev libbenchmark-dev                                   # tests
  libsodium-dev                                   # server: Argon2id password hashes (crypto_pwhash_str)
  # tools the tests use to make and check inputs
  qpdf poppler-utils zip
  iproute2          # ss: the listen queue of `bates serve` in its test
  python3-openpyxl  # reads the XLSX privilege log back in its test
  chromium nodejs  # server: browser tests of `bates serve` (playwright-core from npm, tests/web)
)
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(notmuch maildir-utils time hyperfine ripgrep pst-utils unrtf
    wrk)  # wrk: load bench of `bates serve` (bench/, issue 10)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
else
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Front-end test dependencies from the npm registry (tests/web/package-lock.json): playwright-core
# for the browser tests. npm ships with nodejs (NodeSource) or as Debian's npm package.
web_tests="$(cd "$(dirname "$0")/.." && pwd)/tests/web"
if [[ ! -d "$web_tests/node_modules/playwright-core" ]] && command -v npm >/dev/null; then
  echo "install-deps: npm ci in tests/web"
  (cd "$web_tests" && npm ci --no-audit --no-fund)
fi
