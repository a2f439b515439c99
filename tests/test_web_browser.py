"""End to end in headless Chromium: `quotes serve` in a subprocess over an ingested directory.

Types a partial name and waits for the as-you-type results, opens the expert, follows an article
link, downloads the CSV and compares it with `quotes export`, logs in with the token and merges
two experts. Screenshots of the main pages go to screenshots/ (git-ignored), to be looked at.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from .conftest import ARTICLES, ROOT
from .web_helpers import extra_articles

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
SHOTS = ROOT / "screenshots"
TOKEN = "e2e-token-not-secret-0123"
QUOTES = [sys.executable, "-m", "quotes"]

if not (CHROMIUM and DRIVER):
    if os.environ.get("CI"):
        pytest.fail("chromium and chromium-driver are not installed: .ci/run installs them", pytrace=False)
    pytest.skip("no chromium/chromedriver here (apt-get install chromium chromium-driver)", allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ready  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    done = subprocess.run([*QUOTES, *args], env=env, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    return done


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """The fixtures ingested by `quotes ingest`, then `quotes serve --edit` on a free loopback port."""
    folder = tmp_path_factory.mktemp("e2e")
    env = {**os.environ, "QUOTES_DB": str(folder / "desk.db"), "QUOTES_TOKEN": TOKEN}
    run("ingest", "-q", *ARTICLES, extra_articles(folder), env=env)
    port = free_port()
    server = subprocess.Popen([*QUOTES, "serve", "--port", str(port), "--edit"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert server.poll() is None, server.stdout.read().decode()  # type: ignore[union-attr]
            assert time.monotonic() < deadline, "quotes serve did not start"
            time.sleep(0.2)
    try:
        yield f"http://127.0.0.1:{port}", env
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    profile, downloads = tmp_path_factory.mktemp("chromium-profile"), tmp_path_factory.mktemp("downloads")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM  # type: ignore[assignment]
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1100,1400"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(DRIVER))
    driver.downloads = downloads  # type: ignore[attr-defined]
    SHOTS.mkdir(exist_ok=True)
    yield driver
    driver.quit()


def wait(driver: webdriver.Chrome, seconds: float = 15) -> WebDriverWait:
    return WebDriverWait(driver, seconds)


def shot(driver: webdriver.Chrome, name: str) -> None:
    """A full-length screenshot of the page (the window grown to it), for a person to look at."""
    width = driver.get_window_size()["width"]
    driver.set_window_size(width, 400)
    height, chrome = driver.execute_script("return [document.documentElement.scrollHeight, "
                                           "window.outerHeight - window.innerHeight]")
    driver.set_window_size(width, min(height + chrome, 4000))
    driver.save_screenshot(str(SHOTS / f"{name}.png"))


def no_policy_errors(driver: webdriver.Chrome) -> None:
    """Nothing the page asked for was blocked by its own Content-Security-Policy, nor failed."""
    logged = [entry["message"] for entry in driver.get_log("browser")]
    assert not [m for m in logged if "Content Security Policy" in m or "SEVERE" in m.upper() and "favicon" not in m], logged


def test_an_editor_searches_reads_downloads_and_merges(served, browser):
    base, env = served
    browser.get(base + "/")
    box = browser.find_element(By.ID, "q")
    for letter in "kortu":  # typed, not submitted: the results come from search.js
        box.send_keys(letter)
        time.sleep(0.05)
    expert = wait(browser).until(ready.element_to_be_clickable((By.PARTIAL_LINK_TEXT, "Andrey Kortunov")))
    assert browser.current_url == base + "/?q=kortu"
    shot(browser, "search")
    no_policy_errors(browser)

    expert.click()
    wait(browser).until(ready.title_contains("Andrey Kortunov"))
    page = browser.find_element(By.TAG_NAME, "main").text
    assert "Russian International Affairs Council" in page and "QUOTE" in page.upper()
    expert_url = browser.current_url
    shot(browser, "expert")

    browser.find_element(By.CSS_SELECTOR, "a.article").click()
    wait(browser).until(ready.presence_of_element_located((By.CSS_SELECTOR, ".article-view mark.quote")))
    assert "Kortunov" in browser.find_element(By.CSS_SELECTOR, ".article-view").text
    shot(browser, "article")

    browser.get(expert_url)
    browser.find_element(By.LINK_TEXT, "CSV").click()
    target = browser.downloads / "quotes.csv"  # type: ignore[attr-defined]
    deadline = time.monotonic() + 20
    while not target.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    exported = run("export", "--expert", "Andrey Kortunov", env=env).stdout
    assert target.read_bytes() == exported and exported.count(b"\r\n") == 2  # the header and one statement

    browser.get(base + "/login")
    browser.find_element(By.ID, "token").send_keys(TOKEN)
    browser.find_element(By.CSS_SELECTOR, "form.box button").click()
    wait(browser).until(ready.presence_of_element_located((By.CSS_SELECTOR, "button.link")))  # "Log out"
    ids = {e["name"]: e["id"] for e in json.loads(run("experts", "--json", env=env).stdout)}
    browser.get(f"{base}/expert/{ids['Amara Okafor']}")
    merge = browser.find_element(By.ID, "merge")
    merge.find_element(By.NAME, "source_id").send_keys(str(ids["Tomasz Wielgosz"]))
    shot(browser, "expert-editing")
    merge.find_element(By.TAG_NAME, "button").click()
    wait(browser).until(ready.text_to_be_present_in_element((By.CSS_SELECTOR, ".notice"), "Merged."))
    assert "Also written: Tomasz Wielgosz" in browser.find_element(By.CSS_SELECTOR, ".aka").text
    logged = json.loads(run("history", "--json", env=env).stdout)
    assert [(h["action"], h["detail"]["merged"]) for h in logged] == [("merge", "Tomasz Wielgosz")]

    first = browser.find_element(By.CSS_SELECTOR, "li.statement")  # reject a statement, then undo it
    statement = first.get_attribute("id")
    first.find_element(By.XPATH, ".//button[text()='Reject']").click()
    wait(browser).until(ready.text_to_be_present_in_element((By.CSS_SELECTOR, ".notice"), "Statement rejected."))
    assert not browser.find_elements(By.ID, statement)
    shot(browser, "rejected")
    browser.find_element(By.XPATH, "//div[@class='notice']//button[text()='Undo']").click()
    wait(browser).until(ready.text_to_be_present_in_element((By.CSS_SELECTOR, ".notice"), "accepted again"))
    assert browser.find_elements(By.ID, statement)
    actions = [h["action"] for h in json.loads(run("history", "--json", env=env).stdout)]
    assert actions == ["accept", "reject", "merge"]
    no_policy_errors(browser)


def test_pages_answer_while_an_ingest_writes(served):
    """`quotes ingest` in another process (SQLite in WAL mode) while pages are asked for."""
    import urllib.request

    base, env = served
    ingest = subprocess.Popen([*QUOTES, "ingest", "-q", str(ROOT / "fixtures" / "identities")], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    answered, during = [], 0
    while ingest.poll() is None:
        for path in ("/?q=berg", "/find?q=winter", "/export.csv?expert=berg"):
            with urllib.request.urlopen(base + path, timeout=30) as response:
                answered.append(response.status)
        during += 1
    assert ingest.returncode == 0, ingest.stderr.read().decode()  # type: ignore[union-attr]
    assert during >= 3 and set(answered) == {200}
    with urllib.request.urlopen(base + "/?q=petrenko", timeout=30) as response:  # an expert the ingest added
        assert "Petrenko" in response.read().decode()


def test_the_other_pages_render_on_a_desk_and_on_a_phone(served, browser):
    base, env = served
    ids = {e["name"]: e["id"] for e in json.loads(run("experts", "--json", env=env).stdout)}
    browser.delete_all_cookies()  # as a reader sees the desk: no editing tools
    browser.set_window_size(1000, 1400)
    browser.get(f"{base}/expert/{ids['Jonas Berg']}")
    assert not browser.find_elements(By.CSS_SELECTOR, "form[action^='/edit/']")
    shot(browser, "expert-reader")  # docs/expert-page.png is this one
    browser.get(base + "/find?q=winter")
    assert browser.find_elements(By.CSS_SELECTOR, "strong.hit")
    shot(browser, "find")
    browser.get(base + "/institution?name=harbour+bank")
    wait(browser).until(ready.title_contains("Harbour Bank"))
    shot(browser, "institution")
    browser.get(f"{base}/expert/{ids['María López']}")  # the hostile article's expert: shown as text
    assert "<script>alert('quote')</script>" in browser.find_element(By.CSS_SELECTOR, "main").text
    assert browser.execute_script("return document.querySelectorAll('script').length") == 1
    shot(browser, "hostile")
    browser.get(base + "/expert/999999")
    assert "Not found" in browser.find_element(By.TAG_NAME, "h1").text
    browser.set_window_size(390, 844)  # a phone
    browser.get(f"{base}/expert/{ids['Jonas Berg']}")
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
    shot(browser, "expert-phone")
    no_policy_errors(browser)
