#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""initramfs.py - pack a gzip'd newc cpio for the QEMU guests, without root.

USAGE: initramfs.py -o OUT.cpio.gz DEST=SRC [DEST=SRC ...]

Every DEST=SRC copies the host file SRC to DEST in the archive (mode 0755),
its directories made first.
The archive always holds the directories /dev /proc /sys /tmp /bin and the
device nodes /dev/console (5,1) and /dev/null (1,3), written as cpio entries
(no mknod, so no root needed).  Owner root, mtime 0 and gzip mtime 0: the same
inputs give the same bytes.  The newc format is the kernel's
Documentation/driver-api/early-userspace/buffer-format.rst.
"""
import argparse
import gzip
import os
import stat
import sys

DIRS = ["dev", "proc", "sys", "tmp", "bin", "root"]
NODES = [("dev/console", stat.S_IFCHR | 0o600, 5, 1),
         ("dev/null", stat.S_IFCHR | 0o666, 1, 3)]


def entry(ino, name, mode, data=b"", rdev=(0, 0), nlink=1):
    """One newc header + name + data, each padded to 4 bytes."""
    name_b = name.encode() + b"\0"
    fields = [ino, mode, 0, 0, nlink, 0, len(data), 0, 0, rdev[0], rdev[1],
              len(name_b), 0]
    hdr = b"070701" + b"".join(b"%08X" % f for f in fields)
    out = hdr + name_b
    out += b"\0" * (-len(out) % 4)
    out += data
    out += b"\0" * (-len(out) % 4)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("files", nargs="+", metavar="DEST=SRC")
    a = ap.parse_args()

    parts, ino = [], 1
    for d in DIRS:
        parts.append(entry(ino, d, stat.S_IFDIR | 0o755, nlink=2))
        ino += 1
    for name, mode, major, minor in NODES:
        parts.append(entry(ino, name, mode, rdev=(major, minor)))
        ino += 1
    made = set(DIRS)
    for spec in a.files:
        dest, sep, src = spec.partition("=")
        if not sep or not dest.startswith("/"):
            sys.exit("initramfs.py: want /DEST=SRC, got %r" % spec)
        # the kernel's unpacker creates no parent directory (init/initramfs.c)
        path = dest.strip("/").split("/")[:-1]
        for i in range(1, len(path) + 1):
            d = "/".join(path[:i])
            if d not in made:
                parts.append(entry(ino, d, stat.S_IFDIR | 0o755, nlink=2))
                ino += 1
                made.add(d)
        with open(src, "rb") as f:
            data = f.read()
        parts.append(entry(ino, dest.lstrip("/"), stat.S_IFREG | 0o755, data))
        ino += 1
    parts.append(entry(0, "TRAILER!!!", 0))
    blob = b"".join(parts)

    tmp = a.output + ".tmp"
    with open(tmp, "wb") as raw:
        with gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0, compresslevel=6) as gz:
            gz.write(blob)
    os.replace(tmp, a.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
