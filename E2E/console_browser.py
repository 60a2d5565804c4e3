"""Headless Chromium (Debian's chromium + chromium-driver) driven by selenium, for console tests."""
import base64
import os
import pathlib
import re
import shutil
import subprocess

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

ARTIFACTS = pathlib.Path(os.environ.get("WARDEN_ARTIFACTS", pathlib.Path(__file__).resolve().parent / "artifacts"))


def chromium_paths():
    binary = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
    driver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    return binary, driver


class Browser:
    """One headless browser window against a Warden endpoint."""

    def __init__(self, endpoint, width=1280, height=900):
        binary, driver = chromium_paths()
        options = webdriver.ChromeOptions()
        options.binary_location = binary
        for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                    f"--window-size={width},{height}", "--lang=en-US"):
            options.add_argument(arg)
        self.driver = webdriver.Chrome(options=options, service=Service(driver))
        self.driver.implicitly_wait(0)
        self.endpoint = endpoint

    def close(self):
        self.driver.quit()

    # Navigation and reading
    def open(self, path):
        self.driver.get(self.endpoint + path)
        return self

    @property
    def path(self):
        url = self.driver.current_url
        return url[len(self.endpoint):] if url.startswith(self.endpoint) else url

    @property
    def source(self):
        return self.driver.page_source

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def exists(self, css):
        return len(self.find_all(css)) > 0

    def text(self, css):
        return self.find(css).text

    # Forms
    def fill(self, css, value):
        element = self.find(css)
        element.clear()
        element.send_keys(value)
        return self

    def click(self, css, timeout=15):
        """Clicks; when the element submits a form or follows a link, waits for the next page. A form
        with `data-confirm` opens a dialog first: then the caller answers it (and waits)."""
        element = self.find(css)
        tag = element.tag_name.lower()
        kind = (element.get_attribute("type") or "").lower()
        href = element.get_attribute("href") or ""
        navigates = (tag == "a" and href and not href.endswith("#")) or \
            (tag in ("button", "input") and kind == "submit" and element.get_attribute("form") is not None)
        if tag == "button" and kind == "submit":
            navigates = self.driver.execute_script(
                "return arguments[0].form !== null && !arguments[0].form.dataset.confirm", element)
        page = self.driver.find_element(By.TAG_NAME, "html")
        element.click()
        if navigates:
            self.wait_for_new_page(page, timeout)
        return self

    def wait_for_new_page(self, old_page, timeout=15):
        """Waits until `old_page` (the previous <html>) is gone and the new document has loaded.
        Between documents Chromium answers with various errors (stale element, "node does not belong
        to the document", no such execution context): all mean "not yet"."""
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.support.ui import WebDriverWait

        def loaded(driver):
            try:
                old_page.is_enabled()
                return False
            except WebDriverException:
                pass
            try:
                return driver.execute_script("return document.readyState") == "complete"
            except WebDriverException:
                return False
        WebDriverWait(self.driver, timeout).until(loaded)

    def select(self, css, value):
        from selenium.webdriver.support.ui import Select
        Select(self.find(css)).select_by_value(value)
        return self

    def cookie(self, name):
        return self.driver.get_cookie(name)

    def screenshot(self, name, full_page=True):
        """Saves a PNG under ARTIFACTS; `full_page` grows the window to the page's height first."""
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        size = self.driver.get_window_size()
        if full_page:
            height = self.driver.execute_script("return document.documentElement.scrollHeight")
            self.driver.set_window_size(size["width"], min(max(height + 140, size["height"]), 2400))
        self.driver.save_screenshot(str(path))
        if full_page:
            self.driver.set_window_size(size["width"], size["height"])
        return path

    # Console flows
    def sign_in(self, account, user_name, password, root=False):
        self.open(f"/console?account={account}")
        self.fill("#account", account)
        if root:
            if not self.find("#root").is_selected():
                self.click("#root")
        else:
            self.fill("#username", user_name)
        self.fill("#password", password)
        self.click("#signin-submit")
        return self

    def sign_out(self):
        # The user menu is a <details>; open it, then press Sign out.
        self.click("#user-menu")
        self.click("#sign-out")
        return self

    def csrf(self):
        return self.find("input[name=csrf]").get_attribute("value")

    def qr_secret(self, img_css, workdir):
        """Decodes the QR code <img> (a data: URI) with zbarimg; returns the otpauth URI."""
        src = self.find(img_css).get_attribute("src")
        match = re.match(r"data:image/png;base64,(.+)", src)
        assert match, f"QR image is not an inline PNG: {src[:40]}"
        png = pathlib.Path(workdir) / "qr.png"
        png.write_bytes(base64.b64decode(match.group(1)))
        out = subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True, check=True)
        return out.stdout.strip()
