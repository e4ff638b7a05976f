"""Diffs two `lastmile scan --format json` documents by (check, rule, path, line, fingerprint)."""
import collections
import json
import sys

name, old_path, new_path = sys.argv[1:4]


def load(path):
    try:
        with open(path) as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        return None, str(e)
    keys = collections.Counter((x.get('check'), x['ruleId'], x['path'], x.get('line'), x.get('fingerprint'))
                               for x in doc['findings'])
    return keys, None


old, old_err = load(old_path)
new, new_err = load(new_path)
if old is None or new is None:
    print(f"{name}: no document ({old_err or ''} {new_err or ''}); see {old_path}.err / {new_path}.err")
    sys.exit(0)
gone = old - new
added = new - old
by_rule = lambda c: dict(sorted(collections.Counter(k[1] for k in c.elements()).items()))
status = "identical" if not gone and not added else f"{sum(gone.values())} gone, {sum(added.values())} new"
print(f"{name}: {sum(old.values())} findings before, {sum(new.values())} after: {status}")
print(f"  by rule before {by_rule(old)}")
if gone or added:
    print(f"  by rule after  {by_rule(new)}")
for k in sorted(gone.elements(), key=str):
    print(f"  - {k[1]} {k[2]}:{k[3]} ({k[0]}, {k[4][:12] if k[4] else ''})")
for k in sorted(added.elements(), key=str):
    print(f"  + {k[1]} {k[2]}:{k[3]} ({k[0]}, {k[4][:12] if k[4] else ''})")
