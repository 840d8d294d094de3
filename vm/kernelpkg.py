#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""kernelpkg.py - resolve a Debian kernel image from a suite's own package metadata.

USAGE: kernelpkg.py --apt-dir DIR --arch ARCH --flavour FLAVOUR --series X.Y

DIR is vm/vmtest's private apt configuration (sources.list, lists/, cache/),
already updated.  ARCH is a Debian arch (arm64, amd64), FLAVOUR a kernel
flavour (cloud, rt, ...), X.Y the upstream series the guest is named after.

1. The kernel: the candidate of the flavour's metapackage
   linux-image-FLAVOUR-ARCH, followed through its Depends to the versioned
   linux-image-<abi>-FLAVOUR-ARCH; when the metapackage has moved on to
   another series (trixie-backports: 7.3 where the guest is 6.19), the newest
   version of a linux-image-X.Y<...>-FLAVOUR-ARCH package in the same lists.
2. The packages that may hold the image: the versioned linux-image package
   and, transitively, every package it depends on that is built from the
   kernel's own sources (Source "linux" or "linux-signed-ARCH").  bookworm's
   linux-image-* holds /boot/vmlinuz itself; trixie-backports' 6.19
   linux-image-* is an empty package over linux-binary-*, which holds it; sid
   splits it further into linux-base-*, linux-binary-* (/usr/lib/modules/<abi>/vmlinuz)
   and linux-modules-*.  Which one holds the file is read from the .deb
   (vm/vmtest), since the Contents indices lag the package lists.

Prints, one per line:
  meta NAME VERSION               the metapackage and its candidate
  image NAME VERSION HOW          the versioned image package; HOW is "metapackage"
                                  or "series" (the fallback of step 1)
  try NAME VERSION SIZE           a package to look in, smallest download first
Exit status: 0 resolved, 1 not resolvable (one line on stderr), 2 usage.
"""
import argparse
import functools
import re
import sys

try:
    import apt_pkg
except ImportError:
    sys.exit("kernelpkg.py: python3-apt is needed (apt-get install python3-apt)")


def die(msg):
    sys.stderr.write("kernelpkg.py: %s\n" % msg)
    sys.exit(1)


def open_cache(apt_dir, arches):
    apt_pkg.init_config()
    c = apt_pkg.config
    c.set("Dir::Etc::SourceList", apt_dir + "/sources.list")
    c.set("Dir::Etc::SourceParts", "/dev/null")
    c.set("Dir::State::Lists", apt_dir + "/lists")
    c.set("Dir::Cache", apt_dir + "/cache")
    # The machine's dpkg status must not make an installed kernel the candidate.
    c.set("Dir::State::status", "/dev/null")
    c.clear("APT::Architectures")
    for a in arches:
        c.set("APT::Architectures::", a)
    apt_pkg.init_system()
    cache = apt_pkg.Cache(None)
    return cache, apt_pkg.DepCache(cache), apt_pkg.PackageRecords(cache)


def series_of(version):
    """Upstream X.Y of a Debian kernel package version (6.19.14-1~bpo13+1 -> 6.19)."""
    m = re.match(r"^(?:\d+:)?(\d+)\.(\d+)", version)
    return "%s.%s" % (m.group(1), m.group(2)) if m else None


def source_of(records, ver):
    records.lookup(ver.file_list[0])
    return records.source_pkg or ver.parent_pkg.name


def newest(versions):
    best = None
    for v in versions:
        if best is None or apt_pkg.version_compare(v.ver_str, best.ver_str) > 0:
            best = v
    return best


def dep_targets(ver, kinds=("PreDepends", "Depends")):
    """Every (package, version) a version's dependencies can be satisfied by."""
    for kind in kinds:
        for group in ver.depends_list.get(kind, []):
            for dep in group:
                for t in dep.all_targets():
                    yield t


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--apt-dir", required=True)
    ap.add_argument("--arch", required=True)
    ap.add_argument("--flavour", required=True)
    ap.add_argument("--series", required=True)
    a = ap.parse_args()

    cache, depcache, records = open_cache(a.apt_dir, ["amd64", "arm64"])
    suffix = "-%s-%s" % (a.flavour, a.arch)
    image_re = re.compile(r"^linux-image-\d+\.\d+[.+~\-][^ ]*%s$" % re.escape(suffix))
    kernel_sources = ("linux", "linux-signed-" + a.arch)

    # Step 1: the metapackage's choice, then every other image of the series,
    # newest first (a fallback for a package the archive lists but cannot
    # serve).
    meta_name = "linux-image" + suffix
    try:
        meta_pkg = cache[meta_name, a.arch]
    except KeyError:
        meta_pkg = None
    meta = depcache.get_candidate_ver(meta_pkg) if meta_pkg else None
    images = []
    if meta:
        print("meta %s %s" % (meta_name, meta.ver_str))
        if series_of(meta.ver_str) == a.series:
            first = newest(t for t in dep_targets(meta, ("Depends",))
                           if image_re.match(t.parent_pkg.name))
            if first:
                images.append((first, "metapackage"))
    else:
        print("meta %s none" % meta_name)
    rest = [v for p in cache.packages if p.architecture == a.arch and image_re.match(p.name)
            for v in p.version_list
            if series_of(v.ver_str) == a.series and source_of(records, v) in kernel_sources]
    rest.sort(key=functools.cmp_to_key(lambda x, y: apt_pkg.version_compare(y.ver_str,
                                                                          x.ver_str)))
    for v in rest:
        if all(v.id != w.id for w, _ in images):
            images.append((v, "series" if not images else "older"))
    if not images:
        die("no linux-image-%s.*%s in these lists (metapackage: %s)" %
            (a.series, suffix, meta.ver_str if meta else "none"))

    # Step 2: per image, the image package and the kernel packages under it,
    # each followed by its unsigned twin.
    for image, how in images:
        print("image %s %s %s" % (image.parent_pkg.name, image.ver_str, how))
        for v in sorted(closure(image, records, kernel_sources, a.arch),
                        key=lambda v: (v.size, v.parent_pkg.name)):
            print("try %s %s %d" % (v.parent_pkg.name, v.ver_str, v.size))
    return 0


def closure(image, records, kernel_sources, arch):
    """The image's version and every kernel package under it, with their twins.

    A signed package (Source linux-signed-ARCH) and its unsigned twin (Source
    linux, same version, same files) name each other in Conflicts and
    Replaces; bookworm's linux-image-*-unsigned are found that way."""
    seen, todo, out = set(), [image], []
    while todo:
        v = todo.pop()
        if v.id in seen:
            continue
        seen.add(v.id)
        if source_of(records, v) not in kernel_sources:
            continue
        out.append(v)
        todo.extend(t for t in dep_targets(v) if t.parent_pkg.architecture == arch)
        conflicts = {t.id for t in dep_targets(v, ("Conflicts",))}
        todo.extend(t for t in dep_targets(v, ("Replaces",))
                    if t.id in conflicts and t.ver_str == v.ver_str)
    return out


if __name__ == "__main__":
    sys.exit(main())
