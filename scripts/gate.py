#!/usr/bin/env python3
"""Fail when accuracy on a corpus drops below the gates in scripts/gates.json.

Reads ../shared (the read-only corpora beside the project; or $QUOTELENS_SHARED) at run time.
When it is absent, says so and exits 0: the gates can only run where the corpora are.

usage: scripts/gate.py [--binary target/release/quotelens] [NAME ...]   (default: every gate)
"""
import argparse, json, os, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# ../shared beside the checkout; QUOTELENS_SHARED points elsewhere (a worktree nested deeper).
SHARED = os.environ.get("QUOTELENS_SHARED") or os.path.join(os.path.dirname(ROOT), "shared")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "quotelens"))
    ap.add_argument("names", nargs="*")
    a = ap.parse_args()
    gates = json.load(open(os.path.join(ROOT, "scripts", "gates.json")))
    scorer = os.path.join(SHARED, "eval", "score.py")
    if not os.path.exists(scorer):
        print(f"accuracy gates skipped: {SHARED} is absent (the corpora live there)")
        return 0
    failed = []
    for name, gate in gates.items():
        if a.names and name not in a.names:
            continue
        corpus = os.path.join(SHARED, "corpus", gate["corpus"])
        if not os.path.exists(corpus):
            print(f"{name}: {corpus} is absent, skipped")
            continue
        cmd = f"{a.binary} extract --format jsonl " + gate.get("args", "")
        out = subprocess.run([sys.executable, scorer, corpus, "--run", cmd, "--json"], capture_output=True, text=True)
        if out.returncode != 0:
            print(f"{name}: scorer failed: {out.stderr[-2000:]}")
            failed.append(name)
            continue
        res = json.loads(out.stdout.strip().splitlines()[-1])
        for metric, minimum in gate["min"].items():
            got = res.get(metric)
            ok = got is not None and got >= minimum
            print(f"{name:14} {metric:24} {got!s:8} (gate {minimum}) {'ok' if ok else 'FAIL'}")
            if not ok:
                failed.append(f"{name}.{metric}")
    if failed:
        print("accuracy gates failed: " + ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
