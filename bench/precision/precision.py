#!/usr/bin/env python3
"""Precision of lastmile on public repositories no one tuned it for.

  precision.py scan   [--out DIR]            clone the pinned commits of repos.tsv and run `lastmile scan --full`
  precision.py sample [--scans DIR] [--seed N] [--phase NAME] [--exclude judgements.csv]
                                              draw the stratified random sample to judge (CSV on stdout)
  precision.py score  [--scans DIR]           join judgements.csv with a scan: precision per rule, per family,
                                              overall and for failing findings; lists findings not yet judged

Repositories are cloned into $LASTMILE_PRECISION_REPOS (default bench/precision/target/repos) from
$LASTMILE_BENCH_MIRROR/<owner>+<name>/repo when that exists, else from GitHub. None of their code is committed.

Precision counts true / (true + false); debatable verdicts are reported beside it and left out of the ratio (the
convention of issue 16's first measurement). Coverage notices (severity info: SQL090/091/092 parse notes, SEC090/091)
describe lastmile's own coverage, not the code, and are not in the population. A full scan has no "new" findings,
so a failing finding is one at or above the default threshold, `high`.
"""
import argparse, collections, csv, json, math, os, random, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIELDS = ["phase", "repository", "commit", "path", "line", "rule", "severity", "verdict", "reason"]
SEVERITY = {"info": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}


def repos():
    with open(os.path.join(HERE, "repos.tsv")) as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                name, commit, kind = line.rstrip("\n").split("\t")
                yield name, commit, kind


def scan(args):
    clones = os.environ.get("LASTMILE_PRECISION_REPOS", os.path.join(HERE, "target", "repos"))
    mirror = os.environ.get("LASTMILE_BENCH_MIRROR", "")
    os.makedirs(clones, exist_ok=True)
    os.makedirs(args.out, exist_ok=True)
    for name, commit, _ in repos():
        slug = name.replace("/", "+")
        d = os.path.join(clones, slug)
        if not os.path.isdir(os.path.join(d, ".git")):
            url = os.path.join(mirror, slug, "repo") if mirror and os.path.isdir(os.path.join(mirror, slug, "repo")) \
                else f"https://github.com/{name}.git"
            subprocess.run(["git", "clone", "-q", "--no-checkout", url, d], check=True)
        # some mirrors lack large data files; checking out what is there is enough for every check
        subprocess.run(["git", "-C", d, "checkout", "-q", "-f", commit, "--", "."], stderr=subprocess.DEVNULL)
        subprocess.run(["git", "-C", d, "update-ref", "--no-deref", "HEAD", commit], check=True)
        out = os.path.join(args.out, slug + ".json")
        # LASTMILE_CMD runs a built jar directly (e.g. "java -jar /tmp/lastmile.jar") while the checkout is edited
        cmd = os.environ.get("LASTMILE_CMD", "").split() or [os.path.join(ROOT, "lastmile")]
        r = subprocess.run(cmd + ["scan", "--repo", d, "--full", "--offline",
                            "--format", "json", "--out", out], stderr=subprocess.PIPE, text=True)
        if r.returncode not in (0, 1):
            sys.exit(f"{name}: lastmile exited {r.returncode}: {r.stderr[-2000:]}")
        print(f"{name} {commit[:12]}: {len(json.load(open(out))['findings'])} findings", file=sys.stderr)


def numbered(rows):
    """Several findings of one rule on one line (two vars in one statement) are told apart by their order:
    the k-th of them in a scan (ordered by message) matches the k-th judgement row with that place."""
    seen = collections.Counter()
    for r in rows:
        base = (r["repository"], r["path"], str(r["line"]), r["rule"])
        seen[base] += 1
        r["key"] = base + (seen[base],)
        yield r


def findings(scans):
    out = []
    for name, commit, _ in repos():
        path = os.path.join(scans, name.replace("/", "+") + ".json")
        for f in json.load(open(path))["findings"]:
            if f["severity"] == "info":
                continue
            out.append({"repository": name, "commit": commit, "path": f["path"], "line": str(f.get("line") or 0),
                        "rule": f["ruleId"], "severity": f["severity"], "message": f["message"]})
    out.sort(key=lambda f: (f["repository"], f["path"], int(f["line"]), f["rule"], f["message"]))
    return list(numbered(out))


def key(f):
    return f["key"]


def judgements():
    p = os.path.join(HERE, "judgements.csv")
    if not os.path.exists(p):
        return {}
    with open(p) as f:
        return {key(r): r for r in numbered(csv.DictReader(f))}


def sample(args):
    """Per rule: 30% of its findings, at least 10 (or all), at most 60; within a rule, spread over repositories in
    proportion (largest remainder, at least one each while the quota lasts); random within (seeded)."""
    rng = random.Random(args.seed)
    done = judgements() if args.exclude else {}
    before = {(f["repository"], f["path"], f["line"], f["rule"], f["message"]) for f in findings(args.new_since)} \
        if args.new_since else None
    by_rule = collections.defaultdict(lambda: collections.defaultdict(list))
    for f in findings(args.scans):
        if before is not None and (f["repository"], f["path"], f["line"], f["rule"], f["message"]) in before:
            continue
        if key(f) not in done:
            by_rule[f["rule"]][f["repository"]].append(f)
    w = csv.DictWriter(sys.stdout, FIELDS + ["message"], extrasaction="ignore")
    w.writeheader()
    for rule in sorted(by_rule):
        strata = by_rule[rule]
        n = sum(len(v) for v in strata.values())
        quota = min(n, max(args.min, min(args.max, math.ceil(args.fraction * n))))
        share = {r: min(len(v), 1) for r, v in strata.items()}
        left = quota - sum(share.values())
        if left < 0:  # more repositories than the quota: a random subset of them, one each
            keep = set(rng.sample(sorted(strata), quota))
            share = {r: (1 if r in keep else 0) for r in strata}
            left = 0
        ideal = {r: left * len(v) / n for r, v in strata.items()}
        for r in strata:
            share[r] += min(int(ideal[r]), len(strata[r]) - share[r])
        rest = quota - sum(share.values())
        for r in sorted(strata, key=lambda r: ideal[r] - int(ideal[r]), reverse=True):
            if rest <= 0:
                break
            if share[r] < len(strata[r]):
                share[r] += 1
                rest -= 1
        for r in sorted(strata):
            pool = sorted(strata[r], key=lambda f: (f["path"], int(f["line"])))
            for f in sorted(rng.sample(pool, share[r]), key=lambda f: (f["path"], int(f["line"]))):
                w.writerow(dict(f, phase=args.phase, verdict="", reason=""))


def family(rule):
    n = int(rule[3:])
    if rule.startswith("SEC"):
        return "credentials"
    return {0: "sql: PII", 1: "sql: injection", 2: "sql: temporal", 3: "sql: safety"}.get(n // 10, "sql: other")


def ratio(c):
    t, fa, d = c["true"], c["false"], c["debatable"]
    p = f"{100 * t / (t + fa):.1f}%" if t + fa else "-"
    return f"{p:>7} ({t}/{t + fa}; {d} debatable)"


def score(args):
    judged = {k: r for k, r in judgements().items() if not args.phase or r["phase"] in args.phase.split(",")}
    present = list(findings(args.scans))
    per_rule = collections.defaultdict(collections.Counter)
    per_family = collections.defaultdict(collections.Counter)
    overall, failing = collections.Counter(), collections.Counter()
    unjudged = []
    gone = {k for k in judged}
    for f in present:
        j = judged.get(key(f))
        if j is None:
            unjudged.append(f)
            continue
        gone.discard(key(f))
        v = j["verdict"]
        per_rule[f["rule"]][v] += 1
        per_family[family(f["rule"])][v] += 1
        overall[v] += 1
        if SEVERITY[f["severity"]] >= SEVERITY["high"]:
            failing[v] += 1
    print(f"scan: {args.scans}; findings (severity above info): {len(present)}; judged and still reported: "
          f"{sum(overall.values())}; not judged: {len(unjudged)}")
    for r in sorted(per_rule):
        print(f"  {r:7} {ratio(per_rule[r])}")
    for fam in sorted(per_family):
        print(f"  {fam:16} {ratio(per_family[fam])}")
    print(f"  overall {ratio(overall)}")
    print(f"  failing (high and above) {ratio(failing)}")
    gone_v = collections.Counter(judged[k]["verdict"] for k in gone)
    print(f"judged findings no longer reported: {len(gone)} {dict(gone_v)}")
    if args.list_unjudged:
        for f in unjudged:
            print("UNJUDGED", f["repository"], f["path"], f["line"], f["rule"], f["severity"], sep="\t")


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("scan")
    s.add_argument("--out", default=os.path.join(HERE, "target", "scans"))
    s = sub.add_parser("sample")
    s.add_argument("--scans", default=os.path.join(HERE, "target", "scans"))
    s.add_argument("--seed", type=int, default=16)
    s.add_argument("--phase", default="first-contact")
    s.add_argument("--fraction", type=float, default=0.3)
    s.add_argument("--min", type=int, default=10)
    s.add_argument("--max", type=int, default=60)
    s.add_argument("--exclude", action="store_true", help="leave out findings already in judgements.csv")
    s.add_argument("--new-since", help="only findings not in this earlier scan (same repository, path, line, rule, message)")
    s = sub.add_parser("score")
    s.add_argument("--scans", default=os.path.join(HERE, "target", "scans"))
    s.add_argument("--list-unjudged", action="store_true")
    s.add_argument("--phase", help="only judgements of these phases (comma-separated), e.g. first-contact")
    a = p.parse_args()
    {"scan": scan, "sample": sample, "score": score}[a.cmd](a)


if __name__ == "__main__":
    main()
