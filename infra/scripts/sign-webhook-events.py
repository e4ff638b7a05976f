#!/usr/bin/env python3
# Regenerates the signed webhook payloads in events/ (API Gateway HTTP API v2 shape) with the webhook secret of
# GitHub's documented test vector, "It's a Secret to Everybody". Run from the repository root after editing a payload:
#   python3 infra/scripts/sign-webhook-events.py
import json, hmac, hashlib, base64, copy
SECRET = b"It's a Secret to Everybody"
BASE = "9049f1265b7d61be4a8904a9a27120d2064dab3b"
HEAD = "6dcb09b5b57875f334f61aebed695e2e4193db5e"
HEAD2 = "c3d0be41ecbe669545ee3e94d31ed9a4bc91ee3c"
repo = {"id": 1296269, "node_id": "MDEwOlJlcG9zaXRvcnkxMjk2MjY5", "name": "shop", "full_name": "acme/shop", "private": True,
        "owner": {"login": "acme", "id": 1, "type": "Organization"}, "html_url": "https://github.com/acme/shop",
        "default_branch": "main"}
installation = {"id": 4242, "node_id": "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg=="}
sender = {"login": "octocat", "id": 583231, "type": "User"}
def pr(head, draft=False):
    return {"url": "https://api.github.com/repos/acme/shop/pulls/42", "id": 1, "number": 42, "state": "open",
            "locked": False, "title": "Add customer_orders mart", "user": sender, "draft": draft,
            "head": {"label": "acme:feature/customer-orders", "ref": "feature/customer-orders", "sha": head, "repo": repo},
            "base": {"label": "acme:main", "ref": "main", "sha": BASE, "repo": repo},
            "changed_files": 1, "additions": 12, "deletions": 0}
def apigw(event, delivery, payload, b64=False):
    raw = json.dumps(payload, separators=(",", ":")).encode()
    sig = "sha256=" + hmac.new(SECRET, raw, hashlib.sha256).hexdigest()
    return {"version": "2.0", "routeKey": "POST /github/webhook", "rawPath": "/github/webhook", "rawQueryString": "",
            "headers": {"accept": "*/*", "content-type": "application/json", "user-agent": "GitHub-Hookshot/a1b2c3d",
                        "x-github-delivery": delivery, "x-github-event": event,
                        "x-github-hook-id": "292430182", "x-github-hook-installation-target-id": "123456",
                        "x-github-hook-installation-target-type": "integration", "x-hub-signature-256": sig},
            "requestContext": {"accountId": "123456789012", "apiId": "a1b2c3d4e5", "domainName": "a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com",
                               "http": {"method": "POST", "path": "/github/webhook", "protocol": "HTTP/1.1", "sourceIp": "140.82.115.10", "userAgent": "GitHub-Hookshot/a1b2c3d"},
                               "requestId": "JKJaXmPLvHcESHA=", "routeKey": "POST /github/webhook", "stage": "$default",
                               "time": "25/Nov/2026:08:00:00 +0000", "timeEpoch": 1795593600000},
            "body": base64.b64encode(raw).decode() if b64 else raw.decode(), "isBase64Encoded": b64}
events = {
 "webhook-pull-request-opened.json": apigw("pull_request", "72d3162e-cc78-11e3-81ab-4c9367dc0958",
     {"action": "opened", "number": 42, "pull_request": pr(HEAD), "repository": repo, "installation": installation, "sender": sender}),
 "webhook-pull-request-synchronize.json": apigw("pull_request", "8b1e5a10-cc79-11e3-8f5e-2a0a0d9c1f01",
     {"action": "synchronize", "number": 42, "before": HEAD, "after": HEAD2, "pull_request": pr(HEAD2), "repository": repo, "installation": installation, "sender": sender}, b64=True),
 "webhook-push.json": apigw("push", "9a0c77d2-cc7a-11e3-9c1a-0800200c9a66",
     {"ref": "refs/heads/main", "before": BASE, "after": HEAD, "created": False, "deleted": False, "forced": False,
      "compare": "https://github.com/acme/shop/compare/9049f1265b7d...6dcb09b5b578",
      "commits": [{"id": HEAD, "message": "Merge pull request #42 from acme/feature/customer-orders", "author": {"name": "Mona", "email": "mona@example.com"}}],
      "head_commit": {"id": HEAD, "message": "Merge pull request #42"}, "repository": repo, "installation": installation, "sender": sender}),
 "webhook-check-run-rerequested.json": apigw("check_run", "a7f3e3a0-cc7b-11e3-8a3d-0800200c9a66",
     {"action": "rerequested", "check_run": {"id": 4, "name": "lastmile/sql", "head_sha": HEAD, "status": "completed", "conclusion": "failure",
        "external_id": "pr-42-" + HEAD, "check_suite": {"id": 5, "head_branch": "feature/customer-orders", "head_sha": HEAD},
        "pull_requests": [{"url": "https://api.github.com/repos/acme/shop/pulls/42", "id": 1, "number": 42,
                           "head": {"ref": "feature/customer-orders", "sha": HEAD, "repo": {"id": 1296269, "name": "shop"}},
                           "base": {"ref": "main", "sha": BASE, "repo": {"id": 1296269, "name": "shop"}}}],
        "app": {"id": 123456, "slug": "lastmile"}}, "repository": repo, "installation": installation, "sender": sender}),
}
for name, ev in events.items():
    open("events/" + name, "w").write(json.dumps(ev, indent=2) + "\n")
