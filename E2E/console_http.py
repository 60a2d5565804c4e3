"""The console over plain HTTP (requests), for checks that need raw status codes, cookies and forms."""
import re
import subprocess
import time

import requests


class ConsoleHTTP:
    def __init__(self, endpoint):
        self.endpoint = endpoint
        self.http = requests.Session()

    def get(self, path, **kwargs):
        return self.http.get(self.endpoint + path, allow_redirects=kwargs.pop("allow_redirects", True), **kwargs)

    def post(self, path, data, **kwargs):
        return self.http.post(self.endpoint + path, data=data, allow_redirects=kwargs.pop("allow_redirects", True), **kwargs)

    def sign_in(self, account, user_name, password, root=False, **kwargs):
        form = self.get("/console")
        token = re.search(r'name="token" value="(\w+)"', form.text).group(1)
        data = {"token": token, "account": account, "username": user_name or "", "password": password}
        if root:
            data["root"] = "1"
        return self.post("/console/signin", data, **kwargs)

    def csrf(self, path="/console/home"):
        page = self.get(path)
        match = re.search(r'name="csrf" value="(\w+)"', page.text)
        return match.group(1) if match else None

    def session_cookie(self):
        return self.http.cookies.get("warden-session")


def message(html, element_id):
    match = re.search(r'id="%s"[^>]*>([^<]*)' % re.escape(element_id), html)
    return match.group(1).strip() if match else None


def totp(secret, offset_seconds=0):
    """The code oathtool computes for `secret` (Base32) at now + offset."""
    at = int(time.time()) + offset_seconds
    out = subprocess.run(["oathtool", "--totp", "-b", "--now", f"@{at}", secret], capture_output=True, text=True, check=True)
    return out.stdout.strip()
