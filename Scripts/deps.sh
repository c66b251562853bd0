# Sourced by Scripts/run, Scripts/test and Scripts/bench: installs the Debian packages Cipin
# needs when any is missing (with sudo when not root) and checks that Swift is there.

cipin_packages=(
  pkg-config        # finds libxml2 for the CLibXML2 target
  libxml2-dev       # DocBook writing and RELAX NG validation
  libxml2-utils     # xmllint, used by the tests as an independent validator
  libsqlite3-dev    # the run store (GRDB)
  python3-jieba     # jieba's dictionary and HMM model (and the reference segmenter in tests)
  docbook5-xml      # the DocBook 5 RELAX NG schema
  docbook-xsl-ns    # the standard DocBook stylesheets, for HTML
  xsltproc          # applies them
)

cipin_install_dependencies() {
  local missing=()
  local package
  for package in "${cipin_packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$package")
    fi
  done
  if [ ${#missing[@]} -gt 0 ]; then
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    echo "Installing Debian packages: ${missing[*]}" >&2
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  fi
  if ! command -v swift >/dev/null 2>&1; then
    echo "Swift is not on PATH: install a Swift 6 toolchain (swift.org) and run this again." >&2
    exit 1
  fi
}
