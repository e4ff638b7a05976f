#!/usr/bin/env python3
"""Candidate commits for the impact family's precision measurement (issue 18), from a clone's history.

  pick.py CLONE [--walk N] [--per-class K]

Walks the newest N non-merge commits that change at most 15 files and prints, per class, the newest K that:
  join        add a JOIN line to a model whose file aggregates (sum/count/avg): join fan-out's ground
  new_model   add a model under models/ (marts and final models first): readiness's ground
  incremental add an incremental materialization: IMP032's ground
  source      add a sources YAML or a table to one: IMP033's ground
  columns     remove an aliased select item from a model (a rename or a drop): the breaking rules' ground
as TSV (class, commit, subject). The chosen ones are recorded by hand in commits.tsv with the class.
"""
import argparse, re, subprocess, sys

AGG = re.compile(r"\b(sum|count|avg)\s*\(", re.I)


def git(clone, *args):
    return subprocess.run(["git", "-C", clone, *args], capture_output=True, text=True, errors="replace").stdout


def model_sql(path):
    return path.endswith(".sql") and "/models/" in "/" + path and "dbt_packages" not in path and "/tests/" not in path


def classes(clone, commit):
    diff = git(clone, "show", "-U0", "--format=", "--find-renames", commit)
    out = set()
    path, status_added = None, False
    added_join = set()
    for line in diff.splitlines():
        if line.startswith("diff --git"):
            path, status_added = None, False
        elif line.startswith("new file mode"):
            status_added = True
        elif line.startswith("+++ "):
            path = line[6:] if line.startswith("+++ b/") else None
            if path and status_added and model_sql(path):
                out.add("new_model")
            if path and status_added and path.endswith((".yml", ".yaml")) and "/models/" in "/" + path:
                if "sources:" in git(clone, "show", f"{commit}:{path}"):
                    out.add("source")
        elif path and line.startswith("+") and not line.startswith("+++"):
            if model_sql(path) and re.search(r"\bjoin\b", line, re.I):
                added_join.add(path)
            if model_sql(path) and re.search(r"materialized\s*[=:]\s*['\"]?incremental", line):
                out.add("incremental")
            if path.endswith((".yml", ".yaml")) and re.match(r"\+\s+- name:", line) and "source" in path:
                out.add("source")
        elif path and line.startswith("-") and not line.startswith("---"):
            if model_sql(path) and re.search(r"\bas\s+\w+\s*,?\s*$", line, re.I):
                out.add("columns")
    for p in added_join:
        if AGG.search(git(clone, "show", f"{commit}:{p}")):
            out.add("join")
            break
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("clone")
    ap.add_argument("--walk", type=int, default=800)
    ap.add_argument("--per-class", type=int, default=3)
    a = ap.parse_args()
    log = git(a.clone, "log", "--no-merges", f"-n{a.walk}", "--format=@%H\t%s", "--name-only")
    commits = []
    for block in log.split("\n@")[0:]:
        lines = [l for l in block.strip().lstrip("@").splitlines() if l.strip()]
        if not lines:
            continue
        head, files = lines[0], lines[1:]
        if 0 < len(files) <= 15 and any(model_sql(f) or f.endswith(".yml") for f in files):
            commits.append(head.split("\t", 1) + [""])
    picked = {c: [] for c in ["join", "new_model", "incremental", "source", "columns"]}
    for sha, subject, _ in commits:
        if all(len(v) >= a.per_class for v in picked.values()):
            break
        for c in classes(a.clone, sha):
            if len(picked[c]) < a.per_class:
                picked[c].append((sha, subject))
    for c, rows in picked.items():
        for sha, subject in rows:
            print(f"{c}\t{sha}\t{subject[:90]}")


if __name__ == "__main__":
    main()
