"""Before and after: two checkouts of this project built in turn on the same archive.

    .venv/bin/python benchmarks/ab.py --before /tmp/old-checkout                # this checkout is "after"
    .venv/bin/python benchmarks/ab.py --before A --after B --posts 200 --rounds 5

On a shared machine the same build's time swings by a fifth or more from one minute to the next,
so a change worth a few per cent only shows when the two sides take turns: each round builds
both sides cold (an empty output and cache), then both again after the same reply was edited in
each, the side that goes first alternating between rounds. Each build is a fresh
``python -m pelican`` process with this project's settings (:class:`bench.Site`), timed for CPU
and wall time with its peak memory. The report gives each round, the medians, the ratio
after ÷ before, and whether the two sides wrote the same bytes (a refactoring should).
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench import OURS, ROOT, Site, edit_one_reply  # noqa: E402
from sitegen import generate  # noqa: E402

SIDES = ("before", "after")
BUILDS = ("cold", "one reply edited")


def digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def differing(a: Path, b: Path) -> list[str]:
    """The files that are not the same in both outputs (missing on one side included)."""
    one, other = digests(a), digests(b)
    return sorted(name for name in one.keys() | other.keys() if one.get(name) != other.get(name))


def run(before: Path, after: Path, posts: int, replies: int, people: int, rounds: int, work: Path) -> dict:
    summary = generate(work / "content", posts, replies, people)
    sites = {}
    for side, project in zip(SIDES, (before, after), strict=True):
        shutil.copytree(work / "content" / "ours", work / "content" / side)
        sites[side] = Site(side, work, OURS, project)
    times = {(side, build): [] for side in SIDES for build in BUILDS}
    same = {build: [] for build in BUILDS}
    for round_ in range(rounds):
        order = SIDES if round_ % 2 == 0 else SIDES[::-1]
        print(f"round {round_ + 1} of {rounds} ({order[0]} first)", flush=True)
        for build in BUILDS:
            for side in order:
                site = sites[side]
                if build == "cold":
                    site.clean()
                else:
                    edit_one_reply(site, summary, round_)
                result = site.build()
                times[side, build].append(result)
                print(f"  {side:<7} {build:<17} cpu {result['cpu']:7.2f} s  wall {result['wall']:7.2f} s  "
                      f"peak {result['rss']:6.0f} MB", flush=True)
            same[build].append(differing(sites["before"].output, sites["after"].output))
    return {"times": times, "same": same, "rounds": rounds, "posts": posts, "replies": replies}


def report(results: dict) -> str:
    lines = [f"{results['posts']} posts × {results['replies']} replies; {results['rounds']} rounds, sides taking "
             "turns; CPU s (median; each round's figures in brackets)", "",
             "| build | before | after | after ÷ before | same output |", "|---|---:|---:|---:|---|"]
    for build in BUILDS:
        cpu = {side: [r["cpu"] for r in results["times"][side, build]] for side in SIDES}
        median = {side: statistics.median(cpu[side]) for side in SIDES}
        rounds = {side: " / ".join(f"{c:.2f}" for c in cpu[side]) for side in SIDES}
        diffs = [d for d in results["same"][build] if d]
        same = "yes" if not diffs else f"no: {len(diffs[-1])} files, e.g. {', '.join(diffs[-1][:3])}"
        lines.append(f"| {build} | {median['before']:.2f} ({rounds['before']}) | {median['after']:.2f} "
                     f"({rounds['after']}) | {median['after'] / median['before']:.3f} | {same} |")
    peak = {side: max(r["rss"] for build in BUILDS for r in results["times"][side, build]) for side in SIDES}
    lines += ["", f"Peak memory: before {peak['before']:.0f} MB, after {peak['after']:.0f} MB."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> str:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", type=Path, required=True, help="the checkout to compare against")
    parser.add_argument("--after", type=Path, default=ROOT, help="the checkout measured (default: this one)")
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--replies", type=int, default=20, help="replies per post")
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, help="also write the Markdown report here")
    args = parser.parse_args(argv)
    for name in ("before", "after"):
        checkout = getattr(args, name)
        if not (checkout / "pelicanconf.py").is_file():
            parser.error(f"--{name} {checkout}: not a checkout of this project (no pelicanconf.py)")
    work = Path(tempfile.mkdtemp(prefix="ab-"))
    try:
        text = report(run(args.before.resolve(), args.after.resolve(), args.posts, args.replies, args.people,
                          args.rounds, work))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("\n" + text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return text


if __name__ == "__main__":
    main()
