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
  named_source_ceiling   the scorer's own named-source accuracy if every source it judges whose
                         head is a name (as above) were given right and every other judged source
                         (unnamed by the conventions, which searchd reports without a name) stayed
                         as it is: the most any attribution that follows the conventions can reach
                         on the scorer's figure.
  named_source_reachable the same, with two kinds of named-head error left as they are, which no
                         attribution that follows the conventions can change: the same person in
                         another form (surname_part: "Ryan, a conservative," for "Paul Ryan") and
                         an alignment artefact (the scorer aligned our quote with another gold
                         attribution, while one whose source is our speaker holds the quote too).
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


def held_elsewhere(gq, gi, q):
    """Another gold attribution than gq[gi], whose source is q's speaker, holds at least half of
    the shorter of its content and q's text: the scorer's alignment put q elsewhere."""
    qw = Counter(s.words(q["text"]))
    for gj, g in enumerate(gq):
        if gj == gi or not q["speaker"] or not g["source"] or not s.source_matches(g["source"], q["speaker"]):
            continue
        gw = Counter(s.words(g["text"]))
        short = min(sum(gw.values()), sum(qw.values()))
        if short and sum((gw & qw).values()) / short >= 0.5:
            return True
    return False


def main():
    gold = s.read_jsonl(sys.argv[2])
    pred = {p["id"]: p for p in s.read_jsonl(sys.argv[3])}
    judged = right = right_surname = 0
    scorer_judged = scorer_right_other = 0  # the scorer's judged sources; right ones without a named head
    artefacts = 0  # named-head errors that are alignment artefacts (held_elsewhere)
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
            src = gq[gi]["source"]
            if [t for t in re.findall(r"[A-Z][\w'’-]+", src) if t.lower() not in s.PRONOUNS]:
                scorer_judged += 1  # as score_extract.py judges
                if not named_head(src):
                    scorer_right_other += s.source_matches(src, pq[pi]["speaker"])
            if named_head(gq[gi]["source"]):
                judged += 1
                ok = s.source_matches(gq[gi]["source"], pq[pi]["speaker"])
                right += ok
                right_surname += ok or surname_part(gq[gi]["source"], pq[pi]["speaker"])
                if not ok and not surname_part(gq[gi]["source"], pq[pi]["speaker"]) and held_elsewhere(gq, gi, pq[pi]):
                    artefacts += 1
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
        "named_source_ceiling": (judged + scorer_right_other) / scorer_judged if scorer_judged else 0.0,
        "named_source_reachable": (judged + scorer_right_other - (right_surname - right) - artefacts) / scorer_judged if scorer_judged else 0.0,
        "quote_precision_joined": p,
        "speech_quote_f1_joined": 2 * p * r / (p + r) if p + r else 0.0,
    }))


if __name__ == "__main__":
    main()
