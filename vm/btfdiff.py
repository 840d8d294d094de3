#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""btfdiff.py - what a kernel's BTF says of the fields the BPF object reads.

USAGE: btfdiff.py KERNEL OBJECT

KERNEL is a raw BTF file or a kernel image (a guest's
$VM_CACHE/kernels/<guest>/vmlinuz: arm64's raw Image, or a bzImage whose
payload is decompressed with gzip, xz, lz4 or zstd), whose BTF is cut out by
its header.  OBJECT is the BPF object (.output/clonecheck.bpf.o, or
$(OUTPUT)/vmtest/build-<arch>/clonecheck.bpf.o for a guest's arch).  Both are
decoded by `bpftool -j btf dump file`.

For every named struct or union of the object's BTF (vmlinux.h's CO-RE types
and compat.bpf.h's ___flavours, matched by name without the flavour), prints
one line per member the kernel lacks, or has with another kind, size,
signedness or bitfield-ness (arrays: of another element): the places where a CO-RE read needs a guard, a
flavour or a bitfield read.  Structs the kernel lacks altogether are listed
too (the object's own record and map types among them).  Members inside
anonymous unions are not followed.  A diagnostic, not a verdict: every line
of it may be handled already (bpf/compat.bpf.h).

Exit status: 0 when listed, 2 when a file cannot be read or has no BTF.
"""
import json
import struct
import subprocess
import sys
import tempfile

BTF_MAGIC = b"\x9f\xeb\x01\x00\x18\x00\x00\x00"	# magic, version 1, flags 0, hdr_len 24
PAYLOADS = ((b"\x1f\x8b\x08", ["gzip", "-dc"]), (b"\xfd7zXZ\x00", ["xz", "-dc"]),
            (b"\x02\x21\x4c\x18", ["lz4", "-dc"]), (b"\x28\xb5\x2f\xfd", ["zstd", "-dc"]))


def die(msg):
    sys.stderr.write("btfdiff.py: %s\n" % msg)
    sys.exit(2)


def cut_btf(data):
    """The largest well-formed vmlinux BTF blob in data, or None."""
    best, i = None, data.find(BTF_MAGIC)
    while i >= 0:
        type_off, type_len, str_off, str_len = struct.unpack_from("<IIII", data, i + 8)
        end = i + 24 + str_off + str_len
        if type_off == 0 and str_off == type_len and end <= len(data) and \
                (best is None or end - i > len(best)):
            best = data[i:end]
        i = data.find(BTF_MAGIC, i + 1)
    return best


def kernel_btf(path):
    """BTF bytes from a BTF file or a kernel image."""
    with open(path, "rb") as f:
        data = f.read()
    if data.startswith(BTF_MAGIC[:4]):
        return data
    btf = cut_btf(data)
    for magic, tool in PAYLOADS:
        if btf:
            break
        i = data.find(magic)
        if i >= 0:
            out = subprocess.run(tool, input=data[i:], capture_output=True).stdout
            btf = cut_btf(out)
    if not btf:
        die("%s: no BTF found (raw or gzip/xz/lz4/zstd payload)" % path)
    return btf


def dump(path):
    p = subprocess.run(["bpftool", "-j", "btf", "dump", "file", path], capture_output=True,
                       text=True)
    if p.returncode:
        die("bpftool btf dump file %s: %s" % (path, p.stderr.strip()))
    return {t["id"]: t for t in json.loads(p.stdout)["types"]}


def describe(types, tid):
    """(kind, size, detail) of a member type, through typedefs and qualifiers."""
    t = types.get(tid, {"kind": "VOID"})
    while t["kind"] in ("TYPEDEF", "CONST", "VOLATILE", "RESTRICT", "TYPE_TAG"):
        t = types.get(t["type_id"], {"kind": "VOID"})
    kind = t["kind"]
    if kind == "INT":
        return ("int", t["size"], t["encoding"] == "SIGNED")
    if kind == "PTR":
        return ("ptr", 8, None)
    if kind == "ARRAY":
        elem = describe(types, t["type_id"])
        return ("array", elem[1] * t["nr_elems"], elem)
    if kind in ("STRUCT", "UNION"):
        return (kind.lower(), t["size"], t["name"])
    if kind in ("ENUM", "ENUM64"):
        return ("enum", t["size"], None)
    return (kind.lower(), t.get("size", 0), None)


def main():
    if len(sys.argv) != 3:
        die("usage: btfdiff.py KERNEL OBJECT")
    with tempfile.NamedTemporaryFile(suffix=".btf") as f:
        f.write(kernel_btf(sys.argv[1]))
        f.flush()
        kernel = dump(f.name)
    local = dump(sys.argv[2])
    by_name = {}
    for t in kernel.values():
        if t["kind"] in ("STRUCT", "UNION") and t["name"] != "(anon)":
            by_name.setdefault(t["name"], t)
    for t in local.values():
        if t["kind"] not in ("STRUCT", "UNION") or t["name"] == "(anon)":
            continue
        target = by_name.get(t["name"].split("___")[0])
        if target is None:
            print("%-32s absent" % t["name"])
            continue
        theirs = {m["name"]: m for m in target["members"]}
        for m in t["members"]:
            if m["name"] == "(anon)":
                continue
            tm = theirs.get(m["name"])
            if tm is None:
                print("%-32s .%s absent" % (t["name"], m["name"]))
                continue
            ours, its = describe(local, m["type_id"]), describe(kernel, tm["type_id"])
            obf, ibf = m.get("bitfield_size", 0), tm.get("bitfield_size", 0)
            same = ours[0] == its[0] and bool(obf) == bool(ibf) and \
                (ours[0] in ("struct", "union") or ours == its or
                 # arrays: the element, not the length (vmlinux.h keeps
                 # one word of a cpumask; char's signedness does not matter)
                 (ours[0] == "array" and ours[2][:2] == its[2][:2]))
            if not same:
                print("%-32s .%s %s%s here, %s%s in the kernel" % (
                    t["name"], m["name"], ours, " :%d" % obf if obf else "", its,
                    " :%d" % ibf if ibf else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
