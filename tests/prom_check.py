#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""prom_check.py FILE [SAMPLE ...]: parse FILE with prometheus_client's own
text-format parser (Debian's python3-prometheus-client, written apart from
clonecheck's writer) and print, for each SAMPLE given as name{label="v",...}
or name, its value, one per line.  Exit 1 with the parser's complaint if the
file is not valid text format, 2 if a SAMPLE is missing."""
import re
import sys

from prometheus_client.parser import text_string_to_metric_families


def main():
    text = open(sys.argv[1], encoding="utf-8").read()
    samples = {}
    try:
        for fam in text_string_to_metric_families(text):
            if not fam.documentation or not fam.type:
                raise ValueError("family %s without HELP or TYPE" % fam.name)
            for s in fam.samples:
                key = s.name + "{" + ",".join(
                    '%s="%s"' % (k, v) for k, v in sorted(s.labels.items())) + "}"
                if key in samples:
                    raise ValueError("sample %s twice" % key)
                samples[key] = s.value
    except Exception as e:  # the parser raises ValueError and others
        print("not Prometheus text: %s" % e)
        return 1
    if not text.endswith("\n"):
        print("not Prometheus text: no final newline")
        return 1
    for want in sys.argv[2:]:
        m = re.match(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?$", want)
        labels = m.group(3) or ""
        parts = sorted(p for p in re.findall(r'[a-zA-Z_]+="[^"]*"', labels))
        key = m.group(1) + "{" + ",".join(parts) + "}"
        if key not in samples:
            print("missing %s" % key)
            return 2
        print("%g" % samples[key])
    return 0


if __name__ == "__main__":
    sys.exit(main())
