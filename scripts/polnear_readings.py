#!/usr/bin/env python3
"""PolNeAR figures under our reading of CONVENTIONS.md, printed beside the scorer's, never instead.

  polnear_readings.py SHARED_TOOLS_DIR GOLD PRED   -> one JSON object on stdout

The data kit's scorer (score_extract.py) and CONVENTIONS.md disagree in three places, each
measured here so that the size of the disagreement is a number, not a claim:

  named_head_accuracy    the scorer judges every source span holding a capitalised word that is
                         not a pronoun, so "White House officials" and "a Twitter spokesman" are
                         judged, though the conventions call them unnamed and searchd reports them
                         without a name. Here only sources whose head (the last word of the span's
                         first comma-separated part) is capitalised and not a generic noun, a
                         pronoun or a party's or nation's members are judged.
  named_head_surname_accuracy
                         the same, and a source "Murphy, who was elected in 2012" also matches the
                         full name "Patrick Murphy" the article gives elsewhere (the conventions ask
                         for the fullest form; the scorer wants the whole name inside the span).
  speech_quote_f1_joined the conventions give one quote per contiguous quoted span
                         ('"A," he said, "B."' is two quotes); PolNeAR annotates one content
                         for both. Here a predicted piece wholly inside (90% of its words) a gold
                         content already aligned to another piece of the same speaker is not
                         counted as a false positive.

Standard library only.
"""
import json
import re
import sys
from collections import Counter

sys.path.insert(0, sys.argv[1])
import score_extract as s  # noqa: E402

GROUPS = {"democrats", "republicans", "conservatives", "liberals", "progressives", "americans"}


def named_head(src):
    toks = re.findall(r"[\w'’.-]+", re.split(r"[,;(]", src)[0])
    if not toks:
        return False
    h = re.sub(r"['’]s$", "", toks[-1]).lower()
    return toks[-1][:1].isupper() and h not in s.GENERIC_FIRST | s.GENERIC_LAST | GROUPS | s.PRONOUNS


def surname_part(src, pred):
    """The span's first comma part names the predicted person by surname: "Mr. Frum, a former
    speechwriter," for David Frum (not a possessive: "Frum's aide")."""
    first = re.split(r"[,;(]", src)[0]
    if re.search(r"['’]s\b", first):
        return False
    ft, pt = s.name_tokens(first), s.name_tokens(pred)
    return bool(ft and pt) and len(pt) > 1 and ft[-1] == pt[-1]


def main():
    gold = s.read_jsonl(sys.argv[2])
    pred = {p["id"]: p for p in s.read_jsonl(sys.argv[3])}
    judged = right = right_surname = 0
    tp = fp = speech_all = speech_found = 0
    for g in gold:
        gq = []
        for a in g["attributions"]:
            c = a.get("content") or {}
            if not c.get("text"):
                continue
            cue = s.words((a.get("cue") or {}).get("text") or "")
            speech = any(w in s.SPEECH_CUES for w in cue) or '"' in c["text"] or "“" in c["text"]
            gq.append({"text": c["text"], "source": (a.get("source") or {}).get("text") or "", "speech": speech})
        pq = s.pred_quotes(pred.get(g["id"], {}))
        al = s.align_quotes(gq, pq)
        for gi, pi in al:
            if named_head(gq[gi]["source"]):
                judged += 1
                ok = s.source_matches(gq[gi]["source"], pq[pi]["speaker"])
                right += ok
                right_surname += ok or surname_part(gq[gi]["source"], pq[pi]["speaker"])
        aligned = dict(al)
        used = set(aligned.values())
        for pi, p in enumerate(pq):
            if pi in used:
                continue
            pw = Counter(s.words(p["text"]))
            n = sum(pw.values())
            piece = n and any(
                pq[aligned[gi]]["speaker"] == p["speaker"]
                and sum((Counter(s.words(gq[gi]["text"])) & pw).values()) / n >= 0.9
                for gi in aligned)
            fp += not piece
        tp += len(al)
        speech_all += sum(1 for q in gq if q["speech"])
        speech_found += sum(1 for gi in aligned if gq[gi]["speech"])
    p = tp / (tp + fp) if tp + fp else 0.0
    r = speech_found / speech_all if speech_all else 0.0
    print(json.dumps({
        "named_head_accuracy": right / judged if judged else 0.0,
        "named_head_surname_accuracy": right_surname / judged if judged else 0.0,
        "named_head_judged": judged,
        "quote_precision_joined": p,
        "speech_quote_f1_joined": 2 * p * r / (p + r) if p + r else 0.0,
    }))


if __name__ == "__main__":
    main()
