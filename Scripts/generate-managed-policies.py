#!/usr/bin/env python3
"""Regenerate Sources/IAMPolicyCatalog/Resources/aws-managed-policies.json.

Source: moto's bundled dump of the AWS managed policies (`moto/iam/aws_managed_policies.py`),
itself imported from AWS by moto's `make aws_managed_policies`. Install the pinned moto with pip
(`pip install moto==5.2.1`) and run this script from the repository root. The output is sorted by
name; each document is kept as compact JSON text so the engine parses exactly what AWS published.
"""
import json
import sys
from importlib import metadata

try:
    from moto.iam.aws_managed_policies import aws_managed_policies_data
except ImportError:
    sys.exit("generate-managed-policies: moto is not installed (pip install moto==5.2.1)")

OUT = "Sources/IAMPolicyCatalog/Resources/aws-managed-policies.json"

data = json.loads(aws_managed_policies_data)
policies = []
for name in sorted(data):
    entry = data[name]
    path = entry.get("Path", "/")
    policies.append({
        "name": name,
        "arn": f"arn:aws:iam::aws:policy{path}{name}",
        "path": path,
        "defaultVersionId": entry["DefaultVersionId"],
        "createDate": entry["CreateDate"],
        "updateDate": entry["UpdateDate"],
        "document": json.dumps(entry["Document"], separators=(",", ":"), sort_keys=False),
    })

catalog = {
    "source": "moto %s, moto/iam/aws_managed_policies.py" % metadata.version("moto"),
    "count": len(policies),
    "policies": policies,
}
with open(OUT, "w", encoding="utf-8") as f:
    json.dump(catalog, f, indent=0, ensure_ascii=True)
    f.write("\n")
print(f"wrote {len(policies)} policies to {OUT}")
