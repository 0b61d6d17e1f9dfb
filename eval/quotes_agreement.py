#!/usr/bin/env python3
"""How far apart PolNeAR's own annotators are, next to gazette (issue 5), on the same articles.

PolNeAR's `annotator-training` compartment has a few articles, each annotated by several
annotators (one BRAT file per annotator: `STEM_ANNOTATOR.ann`). This script scores

  1. every annotator against every other one, with the scorer of `../shared/eval` (each
     Content fragment of the second annotator is one prediction, its Source the speaker
     span, its Cue the cue span), pooled over all ordered pairs; and
  2. with `--gazette BIN`: gazette's `quotes` output against each annotator, pooled.

The human numbers are what the content F1 and speaker accuracy of `quotes_polnear.py` look
like when the "prediction" is a trained annotator: a ceiling for gazette. These articles are
not in PolNeAR train, so gazette's committed cue model has not seen them either.

Usage (from the repository):

  python3 eval/quotes_agreement.py [--polnear ../shared/corpora/polnear/data/annotator-training]
                                   [--gazette target/release/gazette]

Standard library only. Exit 0 on success, 2 when the folder or the scorer is missing.
"""

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def print_pooled(label, tot):
    """Prints content P/R/F1 from the summed counts and speaker accuracy from the summed
    right speakers over the summed matched pairs with a Source."""
    p = tot["matched"] / tot["pred"] if tot["pred"] else 0.0
    r = tot["matched"] / tot["gold"] if tot["gold"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    s = tot["speaker_ok"] / tot["matched_with_source"] if tot["matched_with_source"] else 0.0
    print(f"{label}, pooled: content F1 {f:.4f} (P {p:.4f} R {r:.4f}), speaker accuracy {s:.4f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--polnear", default=str(SHARED / "corpora" / "polnear" / "data" / "annotator-training"),
                    help="compartment with text/ and several annotators' attributions/")
    ap.add_argument("--metadata", default=str(SHARED / "corpora" / "polnear" / "data" / "metadata.tsv"),
                    help="PolNeAR metadata.tsv (publisher and date of each article)")
    ap.add_argument("--scorer-dir", default=str(SHARED / "eval"), help="folder of quotes_polnear.py")
    ap.add_argument("--gazette", metavar="BIN", help="also score this gazette binary against each annotator")
    args = ap.parse_args(argv)

    src = Path(args.polnear)
    if not (src / "text").is_dir() or not (src / "attributions").is_dir():
        print(f"quotes_agreement: {src}: no text/ and attributions/ folders", file=sys.stderr)
        return 2
    if not (Path(args.scorer_dir) / "quotes_polnear.py").is_file():
        print(f"quotes_agreement: {args.scorer_dir}: no quotes_polnear.py", file=sys.stderr)
        return 2
    sys.path.insert(0, args.scorer_dir)
    import quotes_polnear as q  # noqa: E402

    names = sorted(os.listdir(src / "attributions"))
    annotators = sorted({n[:-4].rsplit("_", 1)[1] for n in names if n.endswith(".ann")})
    with tempfile.TemporaryDirectory(prefix="quotes_agreement.") as tmp:
        # one folder per annotator: the same texts, only that annotator's files
        gold = {}
        for a in annotators:
            d = Path(tmp) / a
            (d / "attributions").mkdir(parents=True)
            (d / "text").symlink_to(src.resolve() / "text")
            (d / "metadata.tsv").symlink_to(Path(args.metadata).resolve())
            for n in names:
                if n.endswith(f"_{a}.ann"):
                    (d / "attributions" / n).symlink_to(src.resolve() / "attributions" / n)
            rows, g, _ = q.load_corpus([str(d)], None)
            gold[a] = (rows, g)

        keys = ("gold", "pred", "matched", "matched_with_source", "speaker_ok")
        human = dict.fromkeys(keys, 0)
        print(f"{len(gold[annotators[0]][0])} articles, {len(annotators)} annotators: {' '.join(annotators)}")
        print(f"{'gold by':>7} {'pred by':>7} {'gold attr.':>10} {'pred attr.':>10} {'F1':>6} {'speaker':>7}")
        for a, b in itertools.permutations(annotators, 2):
            rows, g = gold[a]
            preds = []
            for x in gold[b][1]:
                src_span = tuple(x["source"][0]) if x["source"] else None
                for s, e in x["content"]:
                    preds.append({"article": x["article"], "valid": True, "span": (s, e),
                                  "speaker_span": src_span, "speaker": None,
                                  "speaker_text": x["source_text"],
                                  "cue_span": tuple(x["cue"][0]) if x["cue"] else None,
                                  "publisher": x["publisher"]})
            pairs, dropped = q.evaluate(rows, g, preds)
            s = q.summarize(g, preds, pairs, dropped)
            for k in keys:
                human[k] += s[k]
            print(f"{a:>7} {b:>7} {s['gold']:>10} {s['pred']:>10} {s['content_f1']:6.3f} {s['speaker_acc']:7.3f}")
        print_pooled("annotator vs annotator", human)

        if args.gazette:
            tot = dict.fromkeys(keys, 0)
            for a in annotators:
                out = Path(tmp) / f"gazette_{a}.json"
                subprocess.run([sys.executable, str(Path(args.scorer_dir) / "quotes_polnear.py"),
                                "--gazette", args.gazette, str(Path(tmp) / a), "--json", str(out)],
                               check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                s = json.loads(out.read_text())["scores"]["ALL"]
                for k in keys:
                    tot[k] += s[k]
                print(f"gazette vs {a}: content F1 {s['content_f1']:.3f}, speaker {s['speaker_acc']:.3f}")
            print_pooled("gazette vs annotators", tot)
    return 0


if __name__ == "__main__":
    sys.exit(main())
