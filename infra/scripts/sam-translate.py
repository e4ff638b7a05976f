#!/usr/bin/env python3
"""Transforms infra/template.yaml with the SAM translator (samtranslator), as CloudFormation's
AWS::Serverless-2016-10-31 transform does on `sam deploy`, and prints the resulting CloudFormation template as JSON.

    python3 infra/scripts/sam-translate.py infra/template.yaml [Name=Value ...]

Like `sam package`, each function's local CodeUri becomes an S3 location; its key is the SHA-256 of the built jar when
the jar exists (so a code change changes the key, as it does in a real deployment), else of the path. Parameters not
given take their defaults; a parameter without a default must be given. No AWS account or network is used: the region
is a fixed pseudo value and managed policies are not looked up (the template names none).
"""
import hashlib
import json
import os
import sys

from cfnlint.decode import decode_str
from samtranslator.translator.transform import transform


class _NoManagedPolicies:
    def load(self):
        return {}


def _artifact_key(template_dir, code_uri):
    path = os.path.normpath(os.path.join(template_dir, code_uri))
    digest = hashlib.sha256()
    if os.path.isfile(path):
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
    else:
        digest.update(code_uri.encode())
    return digest.hexdigest()


def translate(template_path, parameters):
    os.environ.setdefault("AWS_DEFAULT_REGION", "eu-west-1")
    with open(template_path, encoding="utf-8") as f:
        template, problems = decode_str(f.read())
    if problems:
        raise SystemExit("template does not parse: %s" % problems)
    template = json.loads(json.dumps(template))
    template_dir = os.path.dirname(os.path.abspath(template_path))
    for resource in template.get("Resources", {}).values():
        props = resource.get("Properties", {})
        if resource.get("Type") == "AWS::Serverless::Function" and isinstance(props.get("CodeUri"), str) \
                and not props["CodeUri"].startswith("s3://"):
            props["CodeUri"] = "s3://lastmile-artifacts/lastmile/" + _artifact_key(template_dir, props["CodeUri"])
    return transform(template, parameters, _NoManagedPolicies())


def main(argv):
    if len(argv) < 2:
        raise SystemExit(__doc__)
    parameters = dict(arg.split("=", 1) for arg in argv[2:])
    json.dump(translate(argv[1], parameters), sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv)
