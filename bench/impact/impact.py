#!/usr/bin/env python3
"""Precision of the impact check family on real pull-request-sized commits of public dbt projects (issue 18).

  impact.py scan  [--out DIR] [--only REPO]  run `lastmile scan --checks impact --base C~1 --head C` on every commit
                                             of commits.tsv (one JSON per commit in DIR)
  impact.py score [--scans DIR] [--phase P]  join judgements.csv with the scans: precision per rule and family, the
                                             findings not judged yet, the judged ones no longer reported

Clones go to $LASTMILE_IMPACT_REPOS (default bench/impact/target/repos), from $LASTMILE_BENCH_MIRROR/<owner>+<name>/repo
when it exists, else from GitHub; no checkout is needed (lastmile reads both revisions from git). $LASTMILE names the
launcher (default: the repository's ./lastmile). None of the projects' code is committed.

Every finding of the scans is judged, not a sample: true / false / debatable with a one-line reason, by reading the
code at both revisions. Precision is true / (true + false); debatable verdicts are reported beside it (the convention
of bench/precision). A pull request fails on findings with status new at or above `high`; `failing` counts those.
"""
import argparse, collections, csv, json, os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIELDS = ["phase", "repository", "commit", "path", "line", "rule", "status", "verdict", "reason"]
FAMILY = {"IMP00": "breaking", "IMP01": "breaking", "IMP02": "fan-out", "IMP03": "readiness"}


def commits():
    with open(os.path.join(HERE, "commits.tsv")) as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                repo, sha, classes, subject = line.rstrip("\n").split("\t", 3)
                yield repo, sha, classes, subject


def scan_file(scans, repo, sha):
    return os.path.join(scans, repo.replace("/", "+") + "-" + sha[:12] + ".json")


def scan(args):
    clones = os.environ.get("LASTMILE_IMPACT_REPOS", os.path.join(HERE, "target", "repos"))
    mirror = os.environ.get("LASTMILE_BENCH_MIRROR", "")
    launcher = os.environ.get("LASTMILE", os.path.join(ROOT, "lastmile")).split()
    os.makedirs(clones, exist_ok=True)
    os.makedirs(args.out, exist_ok=True)
    for repo, sha, classes, _ in commits():
        if args.only and repo != args.only:
            continue
        slug = repo.replace("/", "+")
        d = os.path.join(clones, slug)
        if not os.path.isdir(os.path.join(d, ".git")):
            src = os.path.join(mirror, slug, "repo") if mirror and os.path.isdir(os.path.join(mirror, slug, "repo")) \
                else f"https://github.com/{repo}.git"
            subprocess.run(["git", "clone", "-q", "--no-checkout", src, d], check=True)
        out = scan_file(args.out, repo, sha)
        # class "full": every model at that commit, as the nightly scan judges it (join fan-out only)
        revisions = ["--full", "--head", sha] if classes == "full" else ["--base", sha + "~1", "--head", sha]
        r = subprocess.run(launcher + ["scan", "--repo", d, "--checks", "impact", *revisions,
                                       "--offline", "--format", "json", "--out", out], stderr=subprocess.PIPE, text=True)
        if r.returncode not in (0, 1):
            print(f"{repo} {sha[:12]}: lastmile exited {r.returncode}: {r.stderr[-1500:]}", file=sys.stderr)
            continue
        doc = json.load(open(out))
        ms = sum(c["durationMs"] for c in doc["checks"])
        print(f"{repo} {sha[:12]}: {len(doc['findings'])} findings, impact {ms} ms", file=sys.stderr)


def findings(scans):
    out = []
    for repo, sha, _, _ in commits():
        f = scan_file(scans, repo, sha)
        if not os.path.exists(f):
            continue
        for x in json.load(open(f))["findings"]:
            if x["severity"] == "info":
                continue
            out.append({"repository": repo, "commit": sha, "path": x["path"], "line": str(x["line"]),
                        "rule": x["ruleId"], "status": x["status"], "severity": x["severity"], "message": x["message"]})
    return out


def key(row):
    return (row["repository"], row["commit"], row["path"], row["line"], row["rule"])


def score(args):
    judged = {}
    with open(os.path.join(HERE, "judgements.csv")) as f:
        for row in csv.DictReader(f):
            if args.phase and row["phase"] != args.phase:
                continue
            judged[key(row)] = row
    found = findings(args.scans)
    per_rule = collections.defaultdict(collections.Counter)
    unjudged = []
    seen = set()
    for x in found:
        k = key(x)
        if k in seen:
            continue
        seen.add(k)
        j = judged.get(k)
        if j is None:
            unjudged.append(x)
            continue
        per_rule[x["rule"]][j["verdict"]] += 1
        if x["status"] == "new" and x["severity"] in ("high", "critical"):
            per_rule[x["rule"]]["failing_" + j["verdict"]] += 1
    gone = [j for k, j in judged.items() if k not in seen]

    def line(name, c):
        t, f, d = c["true"], c["false"], c["debatable"]
        p = f"{100 * t / (t + f):.0f}% ({t}/{t + f})" if t + f else "n/a"
        return f"| {name} | {p} | {d} | {t + f + d} |"

    print("| rule | precision (true / true+false) | debatable | judged |")
    print("|---|---|---|---|")
    families = collections.defaultdict(collections.Counter)
    total = collections.Counter()
    for rule in sorted(per_rule):
        print(line(rule, per_rule[rule]))
        families[FAMILY.get(rule[:5], "other")].update(per_rule[rule])
        total.update(per_rule[rule])
    for fam in sorted(families):
        print(line(f"**{fam}**", families[fam]))
    print(line("**all impact rules**", total))
    failing = collections.Counter({v: total["failing_" + v] for v in ("true", "false", "debatable")})
    print(line("**failing (new, high)**", failing))
    print(f"\n{len(list(commits()))} commits, {len(seen)} findings, {len(unjudged)} not judged, "
          f"{len(gone)} judged findings no longer reported")
    if args.list_unjudged:
        w = csv.DictWriter(sys.stdout, FIELDS + ["message"], extrasaction="ignore")
        for x in unjudged:
            w.writerow({**x, "phase": "", "verdict": "", "reason": ""})
    if args.list_gone:
        for j in gone:
            print("gone:", ",".join(j[k] for k in FIELDS))


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("scan")
    s.add_argument("--out", default=os.path.join(HERE, "target", "scans"))
    s.add_argument("--only")
    c = sub.add_parser("score")
    c.add_argument("--scans", default=os.path.join(HERE, "target", "scans"))
    c.add_argument("--phase")
    c.add_argument("--list-unjudged", action="store_true")
    c.add_argument("--list-gone", action="store_true")
    a = ap.parse_args()
    {"scan": scan, "score": score}[a.cmd](a)


if __name__ == "__main__":
    main()
