#!/usr/bin/env bash
# Builds a Java 17 base image tar from Debian packages, for Jib when no container registry is reachable:
#   k8s/make-base-image.sh                       # -> target/debian-jre17.tar (about 300 MB, 2-3 minutes)
#   mvn -Pimage package -Djib.from.image=tar://$PWD/target/debian-jre17.tar
# Debian bookworm minbase + openjdk-17-jre-headless + ca-certificates, one layer, docker-archive format
# (what `docker save` writes, what Jib's tar:// base reads). Needs root and debootstrap
# (apt-get install debootstrap). With a registry at hand, use the default eclipse-temurin:17-jre instead.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${1:-target/debian-jre17.tar}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

[ "$(id -u)" -eq 0 ] || { echo "needs root (debootstrap)" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "needs debootstrap: apt-get install debootstrap" >&2; exit 1; }

debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates bookworm "$WORK/rootfs" "$MIRROR"
# nothing a JVM needs at run time
rm -rf "$WORK"/rootfs/var/cache/apt/archives/*.deb "$WORK"/rootfs/var/lib/apt/lists/* \
       "$WORK"/rootfs/usr/share/doc "$WORK"/rootfs/usr/share/man "$WORK"/rootfs/usr/share/locale

mkdir -p "$WORK/image"
tar --numeric-owner -C "$WORK/rootfs" -cf "$WORK/image/layer.tar" .
digest=$(sha256sum "$WORK/image/layer.tar" | cut -d' ' -f1)
cat > "$WORK/image/config.json" <<JSON
{"architecture":"amd64","os":"linux",
 "config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64"]},
 "rootfs":{"type":"layers","diff_ids":["sha256:$digest"]},
 "history":[{"created_by":"k8s/make-base-image.sh: debootstrap bookworm minbase + openjdk-17-jre-headless"}]}
JSON
echo '[{"Config":"config.json","RepoTags":["debian-jre17:local"],"Layers":["layer.tar"]}]' > "$WORK/image/manifest.json"
mkdir -p "$(dirname "$OUT")"
tar -C "$WORK/image" -cf "$OUT" manifest.json config.json layer.tar
echo "wrote $OUT"
