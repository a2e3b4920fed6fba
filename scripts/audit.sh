#!/usr/bin/env bash
# Audits the locked dependencies against the RustSec advisory database,
# offline: the snapshot in ../shared/advisory-db (next to the repository, in
# CI too; another folder with JUNTOS_ADVISORY_DB=<dir>). Nothing is fetched:
# not the database (--no-fetch), not the crates.io index (--no-yanked, so
# yanked crates are not checked).
#
# Fails on any vulnerability, and on any "unmaintained", "unsound" or other
# informational warning that docs/security.md does not accept: the accepted
# ones are the RUSTSEC ids listed under "Accepted advisories" there, each with
# why. A new warning therefore fails the run until someone writes down why it
# is acceptable (or removes the crate).
#
# Audited: Cargo.lock (the core, the CLI and the desktop app) and
# fuzz/Cargo.lock (the fuzz targets; never shipped, audited all the same).
# Needs cargo-audit (scripts/setup.sh --test installs it).
set -euo pipefail
cd "$(dirname "$0")/.."

DB="${JUNTOS_ADVISORY_DB:-../shared/advisory-db}"
if [[ ! -d "$DB/crates" ]]; then
  echo "audit: no advisory database at $DB (see its SNAPSHOT.md; set JUNTOS_ADVISORY_DB)" >&2
  exit 1
fi
if ! cargo audit --version >/dev/null 2>&1; then
  echo "audit: cargo-audit is missing; run: bash scripts/setup.sh --test" >&2
  exit 1
fi

# The accepted ids: those in the "Accepted advisories" section of docs/security.md.
accepted=$(awk '/^#+ Accepted advisories/{on=1; next} /^#/{on=0} on' docs/security.md |
  grep -oE 'RUSTSEC-[0-9]{4}-[0-9]{4}' | sort -u)
ignore=()
for id in $accepted; do ignore+=(--ignore "$id"); done

snapshot=$(tr '\n' ' ' <"$DB/SNAPSHOT.md" | grep -oE '\((20[0-9]{2}-[0-9]{2}-[0-9]{2})\)' | head -n1 || true)
echo "audit: RustSec advisory database snapshot ${snapshot:-of unknown date}; $(wc -w <<<"$accepted") accepted warnings (docs/security.md)"
for lock in Cargo.lock fuzz/Cargo.lock; do
  cargo audit --db "$DB" --no-fetch --no-yanked --deny warnings "${ignore[@]}" --file "$lock"
done
echo "audit: no vulnerability and no unaccepted warning in Cargo.lock and fuzz/Cargo.lock"
