#!/usr/bin/env python3
"""Cross-validated quote attribution scores on PolNeAR (issue 5), reproducibly.

`gazette quotes` uses a cue model learned from PolNeAR train, so scoring it on train
overstates it. This script estimates the score on articles the model has not seen:

  1. the articles of PolNeAR train, sorted by file name, are cut into K contiguous folds
     (K = 2: the first and last 420, "half A" and "half B" in EVALUATION.md);
  2. for each fold, folders of symbolic links (text/, attributions/ and metadata.tsv next to
     them) are made in a scratch folder for the fold and for the rest;
  3. `gazette train-quotes REST -o model.tsv` learns a model without the fold, and
     `GAZETTE_QUOTES_MODEL=model.tsv quotes_polnear.py --gazette BIN FOLD` scores the fold;
  4. the folds' scores are printed, and pooled: content P/R/F1 from the summed counts, speaker
     accuracy from the summed right speakers over the summed matched pairs with a Source.

Usage (from the repository, after `cargo build --release`):

  python3 eval/quotes_cv.py [--folds 2] [--gazette target/release/gazette]
                            [--polnear ../shared/corpora/polnear/data/train] [--json OUT]
                            [--train-arg=--min-count=5 ...] [--env NAME=VALUE ...]

Standard library only. Exit 0 when every fold was scored, 2 otherwise.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ANN_RE = re.compile(r"^(?P<stem>.+)_[^_]+\.ann$")


def folds_of(names, k):
    """K contiguous folds of the sorted names (the first folds one shorter when K does not
    divide them)."""
    n = len(names)
    return [names[i * n // k:(i + 1) * n // k] for i in range(k)]


def link_folder(dst: Path, src: Path, stems, anns_by_stem):
    (dst / "text").mkdir(parents=True)
    (dst / "attributions").mkdir()
    for stem in stems:
        (dst / "text" / f"{stem}.txt").symlink_to(src / "text" / f"{stem}.txt")
        for ann in anns_by_stem.get(stem, []):
            (dst / "attributions" / ann).symlink_to(src / "attributions" / ann)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--folds", type=int, default=2, help="number of folds (default 2)")
    ap.add_argument("--gazette", default=str(REPO / "target" / "release" / "gazette"),
                    help="gazette binary (default target/release/gazette)")
    ap.add_argument("--polnear", default=str(REPO.parent / "shared" / "corpora" / "polnear" / "data" / "train"),
                    help="PolNeAR compartment with text/ and attributions/ (default ../shared/…/train)")
    ap.add_argument("--scorer", default=str(REPO.parent / "shared" / "eval" / "quotes_polnear.py"),
                    help="the shared scorer (default ../shared/eval/quotes_polnear.py)")
    ap.add_argument("--train-arg", action="append", default=[], metavar="ARG",
                    help="extra argument for `gazette train-quotes` (repeatable)")
    ap.add_argument("--env", action="append", default=[], metavar="NAME=VALUE",
                    help="environment for scoring, e.g. GAZETTE_QUOTES_ADD=0 (repeatable)")
    ap.add_argument("--json", metavar="FILE", help="write the folds' and pooled numbers as JSON")
    args = ap.parse_args(argv)
    if args.folds < 2:
        ap.error("--folds must be at least 2")
    src = Path(args.polnear).resolve()
    meta = src.parent / "metadata.tsv"
    try:
        names = sorted(p.name[:-4] for p in (src / "text").iterdir() if p.name.endswith(".txt"))
        anns_by_stem = {}
        for p in sorted((src / "attributions").iterdir()):
            m = ANN_RE.match(p.name)
            if m:
                anns_by_stem.setdefault(m.group("stem"), []).append(p.name)
    except OSError as e:
        print(f"quotes_cv: {e}", file=sys.stderr)
        return 2
    env = dict(os.environ)
    for kv in args.env:
        name, _, value = kv.partition("=")
        env[name] = value
    folds = folds_of(names, args.folds)
    results = []
    with tempfile.TemporaryDirectory(prefix="gazette-quotes-cv.") as tmp:
        root = Path(tmp)
        if meta.is_file():
            (root / "metadata.tsv").symlink_to(meta)
        for i, fold in enumerate(folds):
            rest = [s for j, f in enumerate(folds) if j != i for s in f]
            test, train = root / f"fold{i}", root / f"rest{i}"
            link_folder(test, src, fold, anns_by_stem)
            link_folder(train, src, rest, anns_by_stem)
            model, out_json = root / f"model{i}.tsv", root / f"score{i}.json"
            subprocess.run([args.gazette, "train-quotes", str(train), "-o", str(model), "-q",
                            *args.train_arg], check=True)
            fold_env = dict(env, GAZETTE_QUOTES_MODEL=str(model))
            run = subprocess.run([sys.executable, args.scorer, "--gazette", args.gazette, "--show", "0",
                                  "--json", str(out_json), str(test)],
                                 env=fold_env, capture_output=True, text=True)
            if run.returncode != 0:
                print(run.stdout[-2000:] + run.stderr[-2000:], file=sys.stderr)
                print(f"quotes_cv: fold {i} was not scored", file=sys.stderr)
                return 2
            scores = json.loads(out_json.read_text(encoding="utf-8"))["scores"]
            total = dict(scores["ALL"])
            total.update(fold=i, articles=len(fold), first=fold[0], last=fold[-1])
            results.append(total)
    pooled = {k: sum(r[k] for r in results)
              for k in ("gold", "pred", "matched", "matched_with_source", "speaker_ok",
                        "matched_with_cue", "cue_ok", "end_to_end_ok")}
    p = pooled["matched"] / pooled["pred"] if pooled["pred"] else 0.0
    r = pooled["matched"] / pooled["gold"] if pooled["gold"] else 0.0
    pooled.update(content_p=p, content_r=r, content_f1=2 * p * r / (p + r) if p + r else 0.0,
                  speaker_acc=pooled["speaker_ok"] / pooled["matched_with_source"],
                  cue_acc=pooled["cue_ok"] / pooled["matched_with_cue"],
                  end_to_end=pooled["end_to_end_ok"] / pooled["gold"])
    print(f"{'fold':<8}{'articles':>9}{'gold':>7}{'pred':>7}{'match':>7}{'P':>8}{'R':>8}{'F1':>8}"
          f"{'speaker':>9}{'cue':>8}{'e2e':>8}")
    for row in results + [dict(pooled, fold="pooled", articles=len(names))]:
        print(f"{row['fold']!s:<8}{row['articles']:>9}{row['gold']:>7}{row['pred']:>7}{row['matched']:>7}"
              f"{row['content_p']:>8.4f}{row['content_r']:>8.4f}{row['content_f1']:>8.4f}"
              f"{row['speaker_acc']:>9.4f}{row['cue_acc']:>8.4f}{row['end_to_end']:>8.4f}")
    if args.json:
        Path(args.json).write_text(json.dumps({"folds": results, "pooled": pooled}, indent=2) + "\n",
                                   encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
