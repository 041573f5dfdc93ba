#!/usr/bin/env python3
"""Error analysis for attribution relations (direct and reported speech), grouped by cause.

Runs the release binary on a relations corpus in ../shared (read at run time, never copied here;
when it is absent, says so and exits 0) and scores it the way ../shared/eval/score.py does in
relations mode, then prints the misses grouped by why they were missed:

  missed     gold relations no predicted content covers half of, by cue word and by whether
             the gold content was in quotation marks
  boundary   found but not exact: which side is off and the words that differ
  spurious   predicted relations not half inside a gold content, by rule and cue lemma
  source     matched pairs whose predicted mention misses the gold source, by mention kind

usage: scripts/reported_errors.py [--corpus polnear-attr-train.jsonl] [--examples 3]
                                  [--binary target/release/quotelens | --pred PRED.jsonl] [--only CAUSE]
"""
import argparse, collections, json, os, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# ../shared beside the checkout; QUOTELENS_SHARED points elsewhere (a worktree nested deeper).
SHARED = os.environ.get("QUOTELENS_SHARED") or os.path.join(os.path.dirname(ROOT), "shared")

TRIM = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb \n\t\u00a0.,;:"


def trim(span, text):
    s, e = span
    while s < e and text[s] in TRIM:
        s += 1
    while e > s and text[e - 1] in TRIM:
        e -= 1
    return (s, e)


def overlap(a, b):
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def run(binary, docs, extra=()):
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, d in enumerate(docs):
            p = os.path.join(tmp, f"{i:05d}.txt")
            with open(p, "w", encoding="utf-8", newline="") as f:
                f.write(d["text"])
            paths.append(p)
        out = subprocess.run([binary, "extract", "--format", "jsonl", *extra, *paths], capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit(f"{binary} failed: {out.stderr[-2000:]}")
        pred = {}
        for line in out.stdout.splitlines():
            if line.strip():
                o = json.loads(line)
                pred[int(os.path.basename(o["path"])[:5])] = o
        return pred


def first_word(s):
    w = s.strip().split()
    return w[0].lower().strip(".,;:\"'\u201c\u201d") if w else ""


def short(s, n=110):
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 3] + "..."


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="polnear-attr-train.jsonl")
    ap.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "quotelens"))
    ap.add_argument("--examples", type=int, default=3)
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--only", choices=["missed", "boundary", "spurious", "source"])
    ap.add_argument("--args", default="", help="extract options (default: none, as the relations gate runs)")
    ap.add_argument("--pred", help="saved predictions (JSONL with the corpus document's id or index) instead of running --binary")
    a = ap.parse_args()
    path = os.path.join(SHARED, "corpus", a.corpus)
    if not os.path.exists(path):
        print(f"reported_errors: {path} is absent (the corpora live in {SHARED}); nothing to do")
        return 0
    docs = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    if a.pred:
        index = {d["id"]: i for i, d in enumerate(docs)}
        pred = {}
        for line in open(a.pred, encoding="utf-8"):
            if line.strip():
                o = json.loads(line)
                pred[index[o["id"]] if "id" in o else int(os.path.basename(o["path"])[:5])] = o
    else:
        pred = run(a.binary, docs, a.args.split())

    groups = {k: collections.defaultdict(list) for k in ("missed", "boundary", "spurious", "source")}
    totals = collections.Counter()
    for i, d in enumerate(docs):
        text = d["text"]
        quotes = [q for q in pred.get(i, {}).get("quotes") or [] if q.get("kind", "speech") in ("speech", "indirect")]
        pc = [trim((q["start"], q["end"]), text) for q in quotes]
        gold = [g for g in d["attributions"] if g["content"]]
        gc = [trim((min(s for s, _ in g["content"]), max(e for _, e in g["content"])), text) for g in gold]
        for g, span in zip(gold, gc):
            totals["gold"] += 1
            cue = " ".join(text[s:e] for s, e in g["cue"]).strip()
            ctx = text[max(0, span[0] - 60): span[1] + 20]
            best = max(range(len(pc)), key=lambda k: overlap(span, pc[k]), default=None)
            found = best is not None and overlap(span, pc[best]) * 2 >= span[1] - span[0]
            if not found:
                kind = "quoted" if g["quoted"] else "unquoted"
                near = best is not None and overlap(span, pc[best]) > 0
                why = "partly covered" if near else "not covered"
                seen = f"\n          pred: {short(text[pc[best][0]:pc[best][1]])}" if near else ""
                groups["missed"][f"{kind:8} {why:14} cue={first_word(cue) or '-'}"].append(
                    f"[{cue}] {short(text[span[0]:span[1]])}  <<{short(ctx, 160)}>>{seen}")
                continue
            totals["found"] += 1
            if span in pc:
                totals["exact"] += 1
            else:
                # Compare with the prediction sharing the gold cue, when there is one.
                gcue = [tuple(x) for x in g["cue"]]
                same = [k for k, q in enumerate(quotes)
                        if q.get("cue") and any(overlap((q["cue"]["start"], q["cue"]["end"]), c) > 0 for c in gcue)]
                k = max(same, key=lambda k: overlap(span, pc[k]), default=None)
                if k is None:
                    q = quotes[best]
                    groups["boundary"][f"{q.get('kind')}/{q.get('rule')} found through another cue"].append(
                        f"[{cue}]\n        gold: {short(text[span[0]:span[1]])}\n        pred: {short(text[pc[best][0]:pc[best][1]])}")
                else:
                    p, q = pc[k], quotes[k]
                    sides = []
                    if p[0] < span[0]:
                        sides.append(f"starts early [{first_word(text[p[0]:span[0]])}]")
                    elif p[0] > span[0]:
                        sides.append(f"starts late [{first_word(text[span[0]:p[0]])}]")
                    if p[1] > span[1]:
                        sides.append(f"ends late [{first_word(text[span[1]:p[1]])}]")
                    elif p[1] < span[1]:
                        sides.append(f"ends early [{first_word(text[p[1]:span[1]])}]")
                    key = f"{q.get('kind')}/{q.get('rule')} " + ", ".join(x.split(' [')[0] for x in sides)
                    groups["boundary"][key].append(
                        f"{'; '.join(sides)} [{cue}]\n        gold: {short(text[span[0]:span[1]])}\n        pred: {short(text[p[0]:p[1]])}")
            if g.get("source"):
                m = quotes[best].get("mention")
                if m and not any(overlap((m["start"], m["end"]), tuple(x)) > 0 for x in g["source"]):
                    srcs = " | ".join(text[s:e] for s, e in g["source"])
                    rule = quotes[best].get("rule")
                    groups["source"][f"{quotes[best].get('kind')}/{rule}"].append(
                        f"pred [{m['text']}] gold [{srcs}]  <<{short(ctx, 160)}>>")
        for q, p in zip(quotes, pc):
            totals["pred"] += 1
            if not any(overlap(p, g) * 2 >= p[1] - p[0] for g in gc):
                cue = (q.get("cue") or {}).get("text", "-")
                groups["spurious"][f"{q.get('kind')}/{q.get('rule')} cue={cue.lower()}"].append(
                    f"{short(text[p[0]:p[1]])}  <<{short(text[max(0, p[0] - 80):p[1] + 10], 180)}>>")

    print(f"gold {totals['gold']}, predicted {totals['pred']}, found {totals['found']}, exact {totals['exact']}")
    for name, g in groups.items():
        if a.only and name != a.only:
            continue
        n = sum(len(v) for v in g.values())
        print(f"\n=== {name}: {n}")
        for key, items in sorted(g.items(), key=lambda kv: -len(kv[1]))[: a.top]:
            print(f"{len(items):6}  {key}")
            for ex in items[: a.examples]:
                print(f"        - {ex}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
