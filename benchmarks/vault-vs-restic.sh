#!/bin/sh
# The vault engine against restic and borgbackup on a generated core-data set (default 1 GiB; -Dbench.bytes=N).
# Installs restic and borgbackup from Debian when missing, builds, and runs the benchmark; extra arguments go to
# Maven, e.g.  benchmarks/vault-vs-restic.sh -Dbench.bytes=268435456
set -eu
cd "$(dirname "$0")/.."
missing=""
command -v restic >/dev/null 2>&1 || missing="$missing restic"
command -v borg >/dev/null 2>&1 || missing="$missing borgbackup"
if [ -n "$missing" ]; then
    echo "installing$missing with apt-get" >&2
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >&2
fi
df -h "${TMPDIR:-/tmp}" >&2
# The modules are installed into a local repository of this checkout (benchmarks/target/bench-m2), reading
# everything else from ~/.m2 without writing to it (Maven 3.9's read-only tail), so a benchmark never replaces the
# SNAPSHOTs other builds on the machine resolve from ~/.m2.
LOCAL_REPO="$(pwd)/benchmarks/target/bench-m2"
REPOS="-Dmaven.repo.local=$LOCAL_REPO -Dmaven.repo.local.tail=$HOME/.m2/repository"
./mvnw -q -B $REPOS -Pbench -pl benchmarks -am install -DskipTests
exec ./mvnw -q -B $REPOS -Pbench -pl benchmarks exec:exec@vault "$@"
