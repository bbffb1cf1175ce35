#!/usr/bin/env python3
"""Writes tools/hot-functions.order: the reportgen functions a build runs, hottest first.

The release link (see the Makefile) hands this list to lld's --symbol-ordering-file, so the
code a build executes sits on as few pages as possible: the binary's resident text, and with it
peak RSS, shrinks by several MiB. Functions missing from the list (renamed, new) are simply
placed after it, so a stale list costs memory, never correctness.

Usage: tools/order-file.py .build/release/reportgen   (run by `make order-file`)

It runs the binary under callgrind on the default build, its no-change rebuild, a draft of the
development articles in ../shared/eval/dev and the build of that draft, and sums each function's
own instruction count over all of them.
"""
import collections
import glob
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def callgrind(binary, args, cwd, out_dir, tag):
    out = os.path.join(out_dir, f"cg.{tag}.%p")
    cmd = ["valgrind", "--tool=callgrind", "--demangle=no", f"--callgrind-out-file={out}", binary] + args
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def self_costs(path, binary, costs):
    """Adds each function's own Ir cost in `binary` from one callgrind profile to `costs`."""
    names = {"ob": {}, "fn": {}}
    ob = fn = None
    skip_next = False
    real = os.path.realpath(binary)

    def resolve(kind, value):
        value = value.strip()
        if value.startswith("("):
            close = value.index(")")
            key, rest = value[1:close], value[close + 1:].strip()
            if rest:
                names[kind][key] = rest
            return names[kind].get(key, "")
        return value

    with open(path, errors="replace") as f:
        for line in f:
            if skip_next:
                skip_next = False
                continue
            if line.startswith("ob="):
                ob = resolve("ob", line[3:])
            elif line.startswith("fn="):
                fn = resolve("fn", line[3:])
            elif line.startswith("cob="):
                resolve("ob", line[4:])
            elif line.startswith("cfn="):
                resolve("fn", line[4:])
            elif line.startswith("calls="):
                skip_next = True  # the next line is the call's inclusive cost, not fn's own
            elif line[:1].isdigit() or line[:1] in "+-*":
                fields = line.split()
                if len(fields) >= 2 and fn and ob and os.path.realpath(ob) == real:
                    try:
                        costs[fn] += int(fields[1])
                    except ValueError:
                        pass


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    dev = sorted(glob.glob(os.path.join(ROOT, "..", "shared", "eval", "dev", "*.txt")))
    costs = collections.Counter()
    with tempfile.TemporaryDirectory() as tmp:
        # valgrind cannot read every DWARF 5 form lld writes; the symbol table is all it needs.
        binary = os.path.join(tmp, "reportgen")
        subprocess.run(["objcopy", "--strip-debug", os.path.abspath(sys.argv[1]), binary], check=True)
        out = os.path.join(tmp, "out")
        callgrind(binary, ["build", "--out", out, "--quiet"], ROOT, tmp, "build")
        callgrind(binary, ["build", "--out", out, "--quiet"], ROOT, tmp, "rebuild")
        if dev:
            draft = os.path.join(tmp, "draft")
            callgrind(binary, ["draft", *dev, "--out", draft], ROOT, tmp, "draft")
            callgrind(binary, ["build", "report.yaml", "--quiet"], draft, tmp, "draft-build")
        for profile in glob.glob(os.path.join(tmp, "cg.*")):
            self_costs(profile, binary, costs)
    hot = [name for name, cost in costs.most_common() if cost > 0]
    target = os.path.join(ROOT, "tools", "hot-functions.order")
    with open(target, "w") as f:
        f.write("".join(name + "\n" for name in hot))
    print(f"{target}: {len(hot)} functions")


if __name__ == "__main__":
    main()
