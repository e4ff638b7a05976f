#!/usr/bin/env python3
"""Starts moto's server on loopback with IAM enforcement on, for the deployment test (DeploymentOnMotoTest):

    python3 infra/scripts/moto-server.py PORT

The first three requests are not authorised (INITIAL_NO_AUTH_ACTION_COUNT=3): moto-deploy.py spends them creating
the test's administrator; every later request is signature-checked and authorised against the caller's IAM
policies, so a function running with its own role's credentials gets AccessDenied for anything its role lacks.

moto's policy evaluation has three gaps that would make correct policies fail; they are mended here, and only these:
  1. a statement whose Condition does not hold is treated as an explicit Deny (AWS: the statement does not apply);
  2. no condition keys are supplied, so `s3:prefix` conditions never hold (here: the ListObjects `prefix` parameter;
     absent when the request has none, so ...IfExists conditions hold then, as in AWS);
  3. Secrets Manager requests are authorised against resource "*", so a policy naming the secret's ARN never
     applies (here: the SecretId of the request, resolved to the secret's ARN);
  4. assuming a role whose trust policy also has a service-principal statement (lambda.amazonaws.com) fails with
     a TypeError (here: such a statement does not apply to a user);
  5. a role's inline policies come back parsed, which moto's evaluation cannot read (here: serialised again);
  6. S3 signatures are recomputed differently from the SDKs' signers, so every S3 request is refused (here: S3
     signatures are not checked; the access key still identifies the caller, whose policies decide);
  7. SQS's batch actions are authorised as sqs:SendMessageBatch etc., which IAM does not have (AWS authorises them
     as sqs:SendMessage, sqs:DeleteMessage, sqs:ChangeMessageVisibility; here too).
Everything else (actions, resource ARNs, signatures, assumed-role sessions) is moto's own.
"""
import json
import os
import re
import sys
from urllib.parse import parse_qs, urlparse

os.environ.setdefault("INITIAL_NO_AUTH_ACTION_COUNT", "3")
os.environ.setdefault("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")

from moto.iam import access_control  # noqa: E402
from moto.iam.access_control import IAMPolicyStatement, PermissionResult  # noqa: E402


def _matches(pattern, value):
    return re.match("^" + re.escape(pattern).replace(r"\*", ".*").replace(r"\?", ".") + "$", value) is not None


def _condition_holds(conditions, values):
    for operator, keys in conditions.items():
        if_exists = operator.endswith("IfExists")
        base = operator[:-len("IfExists")] if if_exists else operator
        for key, expected in keys.items():
            expected = expected if isinstance(expected, list) else [expected]
            actual = values.get(key)
            if actual is None:
                if if_exists:
                    continue
                return False
            if base == "StringLike":
                ok = any(_matches(e, actual) for e in expected)
            elif base == "StringEquals":
                ok = actual in expected
            elif base == "Bool":
                ok = actual.lower() in [str(e).lower() for e in expected]
            else:
                return False  # an operator this mend does not know: the statement does not apply
            if not ok:
                return False
    return True


def _is_action_permitted(self, action, resource="*", principal=None, incoming_condition_values=None):
    statement = self._statement
    if "NotAction" in statement:
        concerned = not self._check_element_matches("NotAction", action)
    else:
        concerned = self._check_element_matches("Action", action)
    if not concerned:
        return PermissionResult.NEUTRAL
    if self.is_unknown_principal(statement.get("Principal")):
        return PermissionResult.NEUTRAL
    if principal:
        expected = statement.get("Principal")
        if isinstance(expected, dict) and "AWS" not in expected:
            return PermissionResult.NEUTRAL  # mend 4: a statement for a service principal says nothing of users
        if not self._check_principal(principal):
            return PermissionResult.DENIED
    if "Condition" in statement and not _condition_holds(statement["Condition"], incoming_condition_values or {}):
        return PermissionResult.NEUTRAL  # mend 1
    if not statement.get("Resource"):
        return PermissionResult.PERMITTED
    if not self._check_element_matches("Resource", resource):
        return PermissionResult.NEUTRAL
    return PermissionResult.PERMITTED if statement["Effect"] == "Allow" else PermissionResult.DENIED


IAMPolicyStatement.is_action_permitted = _is_action_permitted

_original_policy_check = access_control.IAMPolicy.is_action_permitted


def _check_action_permitted(self, resource):
    # mend 2: the condition keys lastmile's policies use
    values = {}
    query = parse_qs(urlparse(self._path).query)
    if self._action == "s3:ListBucket" and "prefix" in query:
        values["s3:prefix"] = query["prefix"][0]
    if self._action == "sts:GetCallerIdentity":
        return
    # mend 7: SQS authorises its batch actions as the single ones (AWS: "the same permissions as SendMessage")
    self._action = {"sqs:SendMessageBatch": "sqs:SendMessage", "sqs:DeleteMessageBatch": "sqs:DeleteMessage",
                    "sqs:ChangeMessageVisibilityBatch": "sqs:ChangeMessageVisibility"}.get(self._action, self._action)
    permitted = False
    for policy in self._access_key.collect_policies():
        if isinstance(policy, dict) and "policy_document" not in policy:
            policy = json.dumps(policy)  # mend 5: a role's inline policy comes back parsed
        result = access_control.IAMPolicy(policy).is_action_permitted(self._action, resource, None, values)
        if result == PermissionResult.DENIED:
            self._raise_access_denied()
        if result == PermissionResult.PERMITTED:
            permitted = True
    if self._is_assuming_role_operation(resource):
        permitted = permitted and self._check_role_trust_relationship(resource)
    if not permitted:
        self._raise_access_denied()


access_control.IAMRequestBase.check_action_permitted = _check_action_permitted
# mend 6: moto's server recomputes S3 signatures differently from botocore's and the Java SDK's signers, so every
# S3 request fails SignatureDoesNotMatch; the caller is still identified by its access key and authorised as above
access_control.S3IAMRequest.check_signature = lambda self: None

# mend 3
from moto.secretsmanager.responses import SecretsManagerResponse  # noqa: E402


def _secret_resource(self):
    try:
        secret_id = self._get_param("SecretId")
        if not secret_id:
            return "*"
        return self.backend.describe_secret(secret_id).arn
    except Exception:  # an unknown secret: authorised as moto does for any resource-less call
        return "*"


SecretsManagerResponse._determine_resource = _secret_resource

from moto.server import main  # noqa: E402

if __name__ == "__main__":
    main(["-H", "127.0.0.1", "-p", sys.argv[1]])
