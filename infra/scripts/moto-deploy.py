#!/usr/bin/env python3
"""Deploys infra/template.yaml to a moto server for the deployment test (DeploymentOnMotoTest), as `sam deploy`
would to AWS, and prints what the functions need as JSON:

    python3 infra/scripts/moto-deploy.py ENDPOINT PRIVATE_KEY_PEM_FILE APP_ID WEBHOOK_SECRET [Name=Value ...]

1. Spends moto-server.py's three unauthorised requests on an administrator user for the test (IAM is enforced after).
2. Transforms the template with the SAM translator (sam-translate.py) and creates it through moto's CloudFormation.
   What the test leaves out, and why (printed under "leftOut"):
     - the Lambda functions, versions, aliases, permissions and event source mappings: the test runs each real
       handler itself, in a JVM of its own with its role's credentials and its template environment, as Lambda would;
     - the HTTP API: the test hands the webhook handler API Gateway's event itself;
     - the Glue database and table: no function uses them (Athena reads them).
   The schedules' targets name the functions' `live` aliases by ARN instead of by reference, and the FIFO queues are
   given names ending in .fifo (CloudFormation generates them; moto does not).
3. Puts the App's secret (as docs/deploy.md step 4 does) and lets the test's administrator assume every function's
   role (the one change to a role: its trust policy also names that user besides lambda.amazonaws.com).
4. Prints, per function: its role, temporary credentials of that role, and its environment with every reference
   resolved to the stack's resources.
"""
import json
import os
import sys

import boto3

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
translator = __import__("sam-translate")

REGION = "eu-west-1"
LEFT_OUT_TYPES = {
    "AWS::Lambda::Function": "run by the test in a JVM of its own, with its role's credentials",
    "AWS::Lambda::Version": "no Lambda functions in moto (see above)",
    "AWS::Lambda::Alias": "no Lambda functions in moto (see above)",
    "AWS::Lambda::Permission": "no Lambda functions in moto (see above)",
    "AWS::Lambda::EventSourceMapping": "the test hands each function its SQS event itself",
    "AWS::ApiGatewayV2::Api": "the test hands the webhook API Gateway's event itself",
    "AWS::ApiGatewayV2::Stage": "the test hands the webhook API Gateway's event itself",
    "AWS::Glue::Database": "no function uses it",
    "AWS::Glue::Table": "no function uses it",
}


def client(service, endpoint, creds=None):
    creds = creds or {"aws_access_key_id": "AKIAIOSFODNN7EXAMPLE", "aws_secret_access_key": "bootstrap"}
    return boto3.client(service, endpoint_url=endpoint, region_name=REGION, **creds)


def replace_refs(node, gone, function_names):
    """References to left-out resources become literal strings (the functions' ARNs, or their logical ids)."""
    if isinstance(node, dict):
        if set(node) == {"Ref"} and node["Ref"] in gone:
            return function_names.get(node["Ref"], node["Ref"])
        if set(node) == {"Fn::GetAtt"} and node["Fn::GetAtt"][0] in gone:
            return function_names.get(node["Fn::GetAtt"][0], node["Fn::GetAtt"][0])
        return {k: replace_refs(v, gone, function_names) for k, v in node.items()}
    if isinstance(node, list):
        return [replace_refs(v, gone, function_names) for v in node]
    return node


def main(argv):
    endpoint, pem_file, app_id, webhook_secret = argv[1:5]
    parameters = dict(a.split("=", 1) for a in argv[5:])

    # 1. the test's administrator, with moto's three unauthorised requests
    iam = client("iam", endpoint)
    admin = iam.create_user(UserName="lastmile-deployment-test")["User"]
    iam.put_user_policy(UserName="lastmile-deployment-test", PolicyName="admin", PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
    key = iam.create_access_key(UserName="lastmile-deployment-test")["AccessKey"]
    creds = {"aws_access_key_id": key["AccessKeyId"], "aws_secret_access_key": key["SecretAccessKey"]}

    # 2. the stack
    template_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "template.yaml")
    template = translator.translate(template_path, parameters)
    resources = template["Resources"]
    gone = {name for name, r in resources.items() if r["Type"] in LEFT_OUT_TYPES}
    left_out = {name: LEFT_OUT_TYPES[resources[name]["Type"]] for name in sorted(gone)}
    functions = {name: r for name, r in resources.items() if r["Type"] == "AWS::Lambda::Function"}
    function_arns = {}
    for name in functions:
        arn = "arn:aws:lambda:%s:123456789012:function:lastmile-%s" % (REGION, name)
        function_arns[name] = arn
        for alias, r in resources.items():
            if r["Type"] == "AWS::Lambda::Alias" and r["Properties"]["FunctionName"] == {"Ref": name}:
                function_arns[alias] = arn + ":live"
    kept = {name: replace_refs(r, gone, function_arns) for name, r in resources.items() if name not in gone}
    for r in kept.values():
        if "DependsOn" in r:
            deps = [d for d in (r["DependsOn"] if isinstance(r["DependsOn"], list) else [r["DependsOn"]]) if d not in gone]
            if deps:
                r["DependsOn"] = deps
            else:
                del r["DependsOn"]
    for name, r in kept.items():
        if r["Type"] == "AWS::SQS::Queue" and r["Properties"].get("FifoQueue") and "QueueName" not in r["Properties"]:
            # CloudFormation names a FIFO queue "<stack>-<id>-<random>.fifo" itself; moto needs the name given
            r["Properties"]["QueueName"] = "lastmile-%s.fifo" % name
    # moto's CloudFormation has no AWS::SecretsManager::Secret: the test creates it (with the template's placeholder
    # value) before the stack, and the stack's references to it name its ARN
    sm = client("secretsmanager", endpoint, creds)
    secret_props = kept.pop("GitHubAppSecret")["Properties"]
    secret_arn = sm.create_secret(Name="lastmile-GitHubAppSecret", Description=secret_props["Description"],
                                  SecretString=secret_props["SecretString"])["ARN"]
    kept = replace_refs(kept, {"GitHubAppSecret"}, {"GitHubAppSecret": secret_arn})
    created_by_test = {"GitHubAppSecret": "moto's CloudFormation does not support AWS::SecretsManager::Secret"}
    # ... nor alarms or bucket policies: created after the stack, from the template's properties
    later = {name: kept.pop(name) for name in [n for n, r in kept.items()
                                                if r["Type"] in ("AWS::CloudWatch::Alarm", "AWS::S3::BucketPolicy")]}
    template["Resources"] = kept
    template["Outputs"] = {}
    cfn = client("cloudformation", endpoint, creds)
    stack_parameters = [{"ParameterKey": k, "ParameterValue": v} for k, v in parameters.items()]
    cfn.create_stack(StackName="lastmile", TemplateBody=json.dumps(template), Parameters=stack_parameters,
                     Capabilities=["CAPABILITY_IAM"])
    stack = cfn.describe_stacks(StackName="lastmile")["Stacks"][0]
    if stack["StackStatus"] != "CREATE_COMPLETE":
        raise SystemExit("stack: %s %s" % (stack["StackStatus"], stack.get("StackStatusReason")))
    physical = {r["LogicalResourceId"]: r["PhysicalResourceId"]
                for r in cfn.list_stack_resources(StackName="lastmile")["StackResourceSummaries"]
                if r.get("LogicalResourceId") and r.get("PhysicalResourceId")}
    missing = sorted(set(kept) - set(physical))
    physical["GitHubAppSecret"] = secret_arn

    def value(node):
        """A property with the stack's references resolved (what CloudFormation would pass the API)."""
        if isinstance(node, dict) and "Ref" in node:
            return physical[node["Ref"]]
        if isinstance(node, dict) and "Fn::GetAtt" in node:
            target, attribute = node["Fn::GetAtt"]
            if attribute == "QueueName":
                return physical[target].rsplit("/", 1)[-1]
            if attribute == "Arn" and resources[target]["Type"] == "AWS::S3::Bucket":
                return "arn:aws:s3:::" + physical[target]
        if isinstance(node, dict) and "Fn::Sub" in node:
            text = node["Fn::Sub"]
            for name, phys in physical.items():
                text = text.replace("${%s.Arn}" % name, "arn:aws:s3:::" + phys).replace("${%s}" % name, phys)
            return text
        if isinstance(node, dict):
            return {k: value(v) for k, v in node.items()}
        if isinstance(node, list):
            return [value(v) for v in node]
        return node

    cloudwatch = client("cloudwatch", endpoint, creds)
    s3 = client("s3", endpoint, creds)
    for name, r in later.items():
        props = value(r["Properties"])
        if r["Type"] == "AWS::CloudWatch::Alarm":
            cloudwatch.put_metric_alarm(AlarmName="lastmile-" + name, **props)
            created_by_test[name] = "moto's CloudFormation does not support AWS::CloudWatch::Alarm"
        else:
            s3.put_bucket_policy(Bucket=props["Bucket"], Policy=json.dumps(props["PolicyDocument"]))
            created_by_test[name] = "moto's CloudFormation does not support AWS::S3::BucketPolicy"

    # moto's CloudFormation ignores a bucket's ObjectLockEnabled and ObjectLockConfiguration: applied as the template
    # says (versioning first, as S3 requires), while the bucket is still empty
    for name, r in kept.items():
        props = r.get("Properties", {})
        if r["Type"] == "AWS::S3::Bucket" and props.get("ObjectLockEnabled"):
            bucket = physical[name]
            s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
            s3.put_object_lock_configuration(Bucket=bucket, ObjectLockConfiguration=value(props["ObjectLockConfiguration"]))
            created_by_test[name + ".ObjectLockConfiguration"] = "moto's CloudFormation ignores ObjectLockEnabled"

    # 3. the secret's value, and the roles the test may assume
    with open(pem_file, encoding="utf-8") as f:
        pem = f.read()
    sm.put_secret_value(SecretId=secret_arn, SecretString=json.dumps(
        {"appId": app_id, "privateKey": pem, "webhookSecret": webhook_secret}))
    iam = client("iam", endpoint, creds)
    sts = client("sts", endpoint, creds)
    defaults = {k: str(v.get("Default", "")) for k, v in template.get("Parameters", {}).items()}
    defaults.update(parameters)
    out = {"admin": {"accessKeyId": key["AccessKeyId"], "secretAccessKey": key["SecretAccessKey"]},
           "bucket": physical["FindingsBucket"], "secretArn": secret_arn, "leftOut": left_out,
           "createdByTheTest": created_by_test,
           "notCreatedByMoto": missing, "queues": {}, "functions": {}}
    for name, r in kept.items():
        if r["Type"] == "AWS::SQS::Queue":
            out["queues"][name] = physical[name]
    for name, f in functions.items():
        role_name = physical[f["Properties"]["Role"]["Fn::GetAtt"][0]]
        role = iam.get_role(RoleName=role_name)["Role"]
        trust = role["AssumeRolePolicyDocument"]
        trust = json.loads(trust) if isinstance(trust, str) else trust
        trust["Statement"].append({"Effect": "Allow", "Principal": {"AWS": admin["Arn"]}, "Action": "sts:AssumeRole"})
        iam.update_assume_role_policy(RoleName=role_name, PolicyDocument=json.dumps(trust))
        assumed = sts.assume_role(RoleArn=role["Arn"], RoleSessionName=name)["Credentials"]
        env = {}
        for k, v in f["Properties"].get("Environment", {}).get("Variables", {}).items():
            if isinstance(v, dict) and "Ref" in v:
                v = defaults[v["Ref"]] if v["Ref"] in defaults else physical[v["Ref"]]
            elif isinstance(v, dict):
                raise SystemExit("%s: environment variable %s is %s, which this script cannot resolve" % (name, k, v))
            env[k] = str(v)
        out["functions"][name] = {
            "handler": f["Properties"]["Handler"], "role": role["Arn"],
            "timeout": f["Properties"].get("Timeout", 3), "environment": env,
            "credentials": {"accessKeyId": assumed["AccessKeyId"], "secretAccessKey": assumed["SecretAccessKey"],
                            "sessionToken": assumed["SessionToken"]}}
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv)
