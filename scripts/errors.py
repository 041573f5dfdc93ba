#!/usr/bin/env python3
"""Attribution errors grouped by cause, and the precision of each sieve rule, on one corpus.

Reads the corpora and the scorer in ../shared at run time (never copied here); when they are
absent it says so and exits 0. Matching and "right speaker" are the scorer's own definitions
(../shared/eval/score.py), imported, so the numbers here add up to the scorer's.

usage: scripts/errors.py CORPUS.jsonl [--binary target/release/quotelens] [--examples N]
                         [--cause NAME] [--limit DOCS]
  CORPUS is a path or a name in ../shared/corpus (pdnc-dev, polnear-dev, ...).

Causes (first that applies, for each gold quote with a speaker that is not attributed right):
  quote-missed        no predicted quote covers the gold quote
  not-speech          the quote was found but classified as a title or term
  no-cue-found        unattributed, and the gold says an explicit or anaphoric cue names the speaker
                      (PDNC "Explicit"/"Anaphoric"; news: a gold speaker span in the same paragraph)
  no-turn-taking      unattributed, and nothing in the paragraph names the speaker (PDNC "Implicit"; news:
                      speaker outside the paragraph)
  addressee-as-speaker  the predicted speaker is named inside the quote (a vocative or addressee)
  naming-mismatch     the predicted entity has a mention whose text is a gold alias, but its name is not
  pronoun-wrong-entity  attributed through a pronoun to the wrong entity
  description-wrong   attributed through a description ("the old man") to the wrong entity
  narrator-wrong      attributed through a first-person "I" to the wrong entity
  <rule>-wrong        any other wrong attribution, by the sieve rule that made it (turn-taking-wrong, ...)
"""
import argparse, bisect, collections, importlib.util, json, os, re, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def find_shared():
    """$QUOTELENS_SHARED, or the nearest `shared` beside the project or one of its parents (a
    git worktree may sit deeper than the main checkout)."""
    if os.environ.get("QUOTELENS_SHARED"):
        return os.environ["QUOTELENS_SHARED"]
    d = ROOT
    while os.path.dirname(d) != d:
        d = os.path.dirname(d)
        if os.path.exists(os.path.join(d, "shared", "eval", "score.py")):
            return os.path.join(d, "shared")
    return os.path.join(os.path.dirname(ROOT), "shared")


SHARED = find_shared()


def load_scorer():
    path = os.path.join(SHARED, "eval", "score.py")
    if not os.path.exists(path):
        return None
    spec = importlib.util.spec_from_file_location("score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def predict(binary, docs):
    lines = "".join(json.dumps({"id": d["id"], "text": d["text"]}) + "\n" for d in docs)
    out = subprocess.run([binary, "extract", "--parts", "--input", "jsonl", "--format", "jsonl"],
                         input=lines, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"quotelens failed ({out.returncode}): {out.stderr[-2000:]}")
    preds = [json.loads(l) for l in out.stdout.splitlines() if l.strip()]
    return {d["id"]: p for d, p in zip(docs, preds)}


def paragraph_bounds(text, pos):
    start = text.rfind("\n\n", 0, pos)
    end = text.find("\n\n", pos)
    return (0 if start < 0 else start + 2, len(text) if end < 0 else end)


def nearby(gs, starts, longest):
    """Indices of predicted spans (sorted by start) that can overlap gs: keeps this linear."""
    lo = bisect.bisect_left(starts, gs[0] - longest)
    hi = bisect.bisect_left(starts, gs[1])
    return range(lo, hi)


def cause_of(S, d, g, gs, preds, pspans, pred_doc, mention_kind):
    text = d["text"]
    if S.covered(gs, pspans) * 2 < gs[1] - gs[0]:
        # A title or term covering it is a classification miss, not a missed quote.
        others = [S.inner((p["start"], p["end"]), text) for p in pred_doc.get("quotes") or []
                  if p.get("kind", "speech") != "speech"]
        return "not-speech" if S.covered(gs, others) * 2 >= gs[1] - gs[0] else "quote-missed", None
    best = max(range(len(preds)), key=lambda i: S.overlap(gs, pspans[i]))
    p = preds[best]
    if S.speaker_right(g, p, pred_doc):
        return None, p
    if not p.get("speaker"):
        kind = g.get("type")
        if kind is None:  # news gold: is the speaker mention in the quote's paragraph?
            a, b = paragraph_bounds(text, gs[0])
            near = any(a <= s < b for s, _ in g.get("speaker_spans") or [])
            return ("no-cue-found" if near else "no-turn-taking"), p
        return ("no-turn-taking" if kind == "Implicit" else "no-cue-found"), p
    name = p["speaker"]
    content = text[p["start"]:p["end"]].lower()
    if any(len(w) > 2 and re.search(r"\b" + re.escape(w) + r"\b", content) for w in S.name_words(name)):
        return "addressee-as-speaker", p
    aliases = {" ".join(S.words(a)) for a in g.get("aliases") or []}
    if aliases:
        sp = next((s for s in pred_doc.get("speakers") or [] if s.get("id") == p.get("speaker_id")), None)
        if sp and any(" ".join(S.words(m["text"])) in aliases for m in sp.get("mentions") or []
                      if m.get("kind") == "name"):
            return "naming-mismatch", p
    m = p.get("mention")
    kind = mention_kind.get((m["start"], m["end"])) if m else None
    if kind == "pronoun":
        return ("narrator-wrong" if m["text"].lower() == "i" else "pronoun-wrong-entity"), p
    if kind == "description":
        return "description-wrong", p
    return f"{p.get('rule', 'none')}-wrong", p


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "quotelens"))
    ap.add_argument("--examples", type=int, default=0, help="examples to print per cause")
    ap.add_argument("--cause", help="print examples of this cause only")
    ap.add_argument("--limit", type=int, help="first N documents")
    ap.add_argument("--dump", help="write every gold quote with a speaker, its prediction and cause "
                    "(null when right) to this jsonl file, for grouping by other features")
    a = ap.parse_args()
    S = load_scorer()
    corpus = a.corpus if os.path.exists(a.corpus) else os.path.join(SHARED, "corpus", a.corpus.removesuffix(".jsonl") + ".jsonl")
    if S is None or not os.path.exists(corpus):
        print(f"error analysis skipped: {SHARED} (the scorer and corpora) is absent or has no {a.corpus}")
        return 0
    docs = [json.loads(l) for l in open(corpus, encoding="utf-8") if l.strip()][: a.limit]
    pred = predict(a.binary, docs)
    causes = collections.Counter()
    examples = collections.defaultdict(list)
    rules = collections.defaultdict(lambda: [0, 0])  # rule -> [right, attributed]
    total = 0
    dump = open(a.dump, "w", encoding="utf-8") if a.dump else None
    for d in docs:
        text, pd = d["text"], pred[d["id"]]
        preds = [p for p in pd.get("quotes") or [] if p.get("kind", "speech") == "speech"]
        preds.sort(key=lambda p: S.inner((p["start"], p["end"]), text))
        pspans = [S.inner((p["start"], p["end"]), text) for p in preds]
        starts = [s for s, _ in pspans]
        longest = max((e - s for s, e in pspans), default=0)
        mention_kind = {(m["start"], m["end"]): m.get("kind") for s in pd.get("speakers") or []
                        for m in s.get("mentions") or []}
        for g in d["quotes"]:
            if not g.get("speaker"):
                continue
            total += 1
            gs = S.inner((g["start"], g["end"]), text)
            near = nearby(gs, starts, longest)
            cause, p = cause_of(S, d, g, gs, [preds[i] for i in near], [pspans[i] for i in near],
                                pd, mention_kind)
            if p is not None and p.get("speaker"):
                r = rules[p.get("rule", "none")]
                r[1] += 1
                r[0] += cause is None
            if dump:
                dump.write(json.dumps({
                    "id": d["id"], "start": gs[0], "end": gs[1], "gold_speaker": g.get("speaker"),
                    "speaker": p.get("speaker") if p else None,
                    "mention": (p.get("mention") or {}).get("text") if p else None,
                    "rule": p.get("rule") if p else None, "cause": cause,
                    "before": text[max(0, gs[0] - 100):gs[0]], "quote": text[gs[0]:gs[1]][:200],
                    "after": text[gs[1]:gs[1] + 100]}, ensure_ascii=False) + "\n")
            if cause is None:
                continue
            causes[cause] += 1
            if len(examples[cause]) < max(a.examples, 0) and (not a.cause or a.cause == cause):
                examples[cause].append((d["id"], gs[0], text[gs[0]:gs[1]][:80].replace("\n", " "),
                                        g.get("speaker"), p.get("speaker") if p else None,
                                        (p.get("mention") or {}).get("text") if p else None,
                                        p.get("rule") if p else None))
    wrong = sum(causes.values())
    print(f"{os.path.basename(corpus)}: {total} gold quotes with a speaker, {total - wrong} right "
          f"({(total - wrong) / max(1, total):.4f}), {wrong} wrong")
    print("\nerrors by cause")
    for c, n in causes.most_common():
        print(f"  {c:26} {n:6}  {n / max(1, total):6.2%}")
    print("\nper-rule precision (gold quotes the rule attributed; right / attributed)")
    for r, (ok, n) in sorted(rules.items(), key=lambda x: -x[1][1]):
        print(f"  {r:26} {ok:6} / {n:6}  {ok / max(1, n):.4f}")
    for c, exs in examples.items():
        if not exs:
            continue
        print(f"\nexamples of {c}")
        for e in exs:
            print("  " + json.dumps(e, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
