"""Builders shared by the role and instance profile suites: trust policies, identity policies, roles."""
import json

from helpers import document, unique

READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess"


def trust(principal=None, action="sts:AssumeRole", **extra):
    """A trust policy with one statement (EC2 may assume the role unless `principal` says otherwise)."""
    statement = {"Effect": "Allow", "Principal": principal or {"Service": "ec2.amazonaws.com"}, "Action": action}
    statement.update(extra)
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def inline(action="s3:GetObject", padding=0):
    """An identity policy; `padding` lengthens its resource by that many non-whitespace characters."""
    resource = "arn:aws:s3:::" + ("b" * padding if padding else "bucket") + "/*"
    return document({"Effect": "Allow", "Action": action, "Resource": resource})


def new_role(iam, path="/", **extra):
    name = unique("role")
    return iam.create_role(RoleName=name, Path=path, AssumeRolePolicyDocument=trust(), **extra)["Role"]


def denied(acct, user, action, resource):
    """AWS's AccessDenied message when no identity-based policy allows `action`."""
    return (f"User: arn:aws:iam::{acct}:user/{user} is not authorized to perform: {action} on resource: {resource} "
            f"because no identity-based policy allows the {action} action")
