#!/usr/bin/python3
"""Checks the `micrograd-viz serve` page in headless Chromium, driven by Selenium (Debian's
python3-selenium and chromium-driver: `make deps`), as a teacher at a projector would use it:

open the page (the warm-up loads), type a program and see the SVG change, drag a slider and see
the grads change, step backward with the arrow keys, click a node and read its chain rule, type a
bad program (the last picture stays, the error names line and column), check that markup in the
program shows as text, reload from the URL fragment; and no console errors on the way.

    Scripts/check_playground.py [BIN] [--screenshot FILE]   BIN defaults to .build/debug/micrograd-viz

Prints "check-playground: N passed, N failed"; exits 1 if any failed.
"""
import argparse
import os
import re
import subprocess
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from tally import Tally

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TALLY = Tally()
check = TALLY.check


def start_server(binary):
    server = subprocess.Popen([binary, "serve", "--port", "0"], stderr=subprocess.PIPE, text=True)
    line = server.stderr.readline()
    match = re.match(r"serving on (http://127\.0\.0\.1:\d+/)$", line.strip())
    if not match:
        server.kill()
        sys.exit(f"check_playground: the server did not start: {line!r}")
    return server, match.group(1)


def browser():
    options = webdriver.ChromeOptions()
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,900", "--hide-scrollbars"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary", nargs="?", default=os.path.join(ROOT, ".build/debug/micrograd-viz"))
    parser.add_argument("--screenshot")
    args = parser.parse_args()
    server, url = start_server(os.path.abspath(args.binary))
    driver = browser()
    wait = WebDriverWait(driver, 30)
    try:
        run_checks(driver, wait, url, args.screenshot)
        run_training_checks(driver, wait, url, os.path.join(ROOT, "docs/playground-training.png") if args.screenshot else None)
        run_animation_checks(driver, wait, args.binary)
    finally:
        driver.quit()
        server.terminate()
        server.wait(5)
    return TALLY.summary("check-playground")


def svg_text(driver):
    return driver.execute_script("const s = document.querySelector('#picture svg'); return s ? s.textContent : '';")


def grad_of(driver, node):
    """The grad text the picture shows for value node n<node>."""
    return driver.execute_script("""
        for (const g of document.querySelectorAll('#picture g.node')) {
          if (g.querySelector('title').textContent === 'n' + arguments[0]) {
            const t = g.querySelectorAll('text'); return t[t.length - 1].textContent;
          }
        }
        return null;""", node)


def classes_of(driver, node):
    return driver.execute_script("""
        for (const g of document.querySelectorAll('#picture g.node'))
          if (g.querySelector('title').textContent === 'n' + arguments[0]) return g.getAttribute('class');
        return null;""", node)


def run_checks(driver, wait, url, screenshot):
    # 1. The warm-up loads: L = (a*b + c) * f with its grads.
    driver.get(url)
    wait.until(lambda d: "grad 6.0000" in svg_text(d))
    check("warm-up picture shows a's grad 6", grad_of(driver, 0) == "grad 6.0000", grad_of(driver, 0))
    sliders = driver.find_elements(By.CSS_SELECTOR, "#inputs input[type=range]")
    check("one slider per input", len(sliders) == 4, str(len(sliders)))
    check("the fragment holds program and inputs", "p=e+%3D+a*b" in driver.current_url and "i.a=2" in driver.current_url,
          driver.current_url)

    # 2. Type a program: the SVG changes.
    editor = driver.find_element(By.ID, "program")
    editor.clear()
    editor.send_keys("e = a*b\nd = e + c\nL = d*f*f")
    wait.until(lambda d: "data 16.0000" in svg_text(d))
    check("typing re-renders: L = d*f*f = 16", "data 16.0000" in svg_text(driver))
    check("f used twice: its grad is 2*d*f = -16", "grad -16.0000" in svg_text(driver), svg_text(driver)[:200])

    # 3. Drag a's slider right: the picture's data and grads follow.
    slider = driver.find_element(By.CSS_SELECTOR, '#inputs .input[data-name="a"] input[type=range]')
    before = svg_text(driver)
    ActionChains(driver).click_and_hold(slider).move_by_offset(40, 0).release().perform()
    wait.until(lambda d: svg_text(d) != before)
    number = driver.find_element(By.CSS_SELECTOR, '#inputs .input[data-name="a"] input[type=number]')
    check("dragging the slider changes a", float(number.get_attribute("value")) > 2, number.get_attribute("value"))
    check("and the picture", svg_text(driver) != before)

    # Back to the warm-up, by its link (the fragment), to know the numbers.
    driver.get(url + "#p=e+%3D+a*b%0Ad+%3D+e+%2B+c%0AL+%3D+d*f&i.a=2&i.b=-3&i.c=10&i.f=-2")
    driver.refresh()
    wait.until(lambda d: grad_of(d, 0) == "grad 6.0000")
    check("a link restores program and inputs", driver.find_element(By.ID, "program").get_attribute("value") == "e = a*b\nd = e + c\nL = d*f")

    # 4. Step backward with the arrow keys: ← from the result goes to the last step (11 of 11).
    body = driver.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.ARROW_LEFT)
    check("← shows the last step", driver.find_element(By.ID, "counter").text == "step 11 / 11", driver.find_element(By.ID, "counter").text)
    check("its text", "∂L/∂b += ∂L/∂e · a = -2 · 2 = -4" in driver.find_element(By.ID, "text").text)
    body.send_keys(Keys.ARROW_LEFT)
    check("← again: step 10", driver.find_element(By.ID, "counter").text == "step 10 / 11")
    check("at step 10 a's grad is not computed yet", grad_of(driver, 0) == "grad 0.0000", grad_of(driver, 0))
    check("d is the current node", "current" in (classes_of(driver, 5) or ""), classes_of(driver, 5))
    check("c's grad changed", "changed" in (classes_of(driver, 2) or "") and grad_of(driver, 2) == "grad -2.0000")
    body.send_keys(Keys.ARROW_RIGHT)
    check("→ goes forward again", driver.find_element(By.ID, "counter").text == "step 11 / 11" and grad_of(driver, 0) == "grad 6.0000")
    if screenshot:
        body.send_keys(Keys.ARROW_LEFT)
    else:
        body.send_keys(Keys.ESCAPE)

    # 5. Click a node: its chain rule.
    driver.execute_script("""
        for (const g of document.querySelectorAll('#picture g.node'))
          if (g.querySelector('title').textContent === 'n1') g.dispatchEvent(new MouseEvent('click', {bubbles: true}));""")
    rule = driver.find_element(By.ID, "rule").text
    check("clicking b shows its rule", "∂L/∂b += ∂L/∂e · a = -2 · 2 = -4" in rule and "b.grad = -4" in rule, rule)
    if screenshot:
        driver.save_screenshot(screenshot)
        print(f"check_playground: wrote {screenshot}")

    # 6. A node used more than once: each contribution.
    editor = driver.find_element(By.ID, "program")
    editor.clear()
    editor.send_keys("y = a*a + a")
    wait.until(lambda d: "y" in d.execute_script("return document.querySelector('#picture svg').textContent"))
    driver.execute_script("""
        for (const g of document.querySelectorAll('#picture g.node'))
          if (g.querySelector('title').textContent === 'n0') g.dispatchEvent(new MouseEvent('click', {bubbles: true}));""")
    rule = driver.find_element(By.ID, "rule").text
    check("a used 3 times: 3 contributions", "a is used 3 times" in rule and rule.count("∂y/∂a +=") == 3, rule)

    # 7. A bad program keeps the last good picture and shows the error with line and column;
    #    markup in it shows as text, and no element is made from it.
    good = svg_text(driver)
    editor.clear()
    editor.send_keys('y = a\n"><img src=x onerror=alert(1)><script>alert(2)</script>')
    error = driver.find_element(By.ID, "error")
    wait.until(lambda d: error.is_displayed())
    check("the error names line and column", error.text.startswith("line 2, column 1: "), error.text)
    check("the markup shows as text", "<img src=x onerror=alert(1)>" in error.text or "'\"'" in error.text, error.text)
    check("no element made from it", driver.execute_script("return document.querySelectorAll('img, #error *, script:not([src])').length") == 0)
    check("the last good picture stays", svg_text(driver) == good)
    editor.clear()
    editor.send_keys("y = tanh(a) # <script>alert(3)</script>")
    wait.until(lambda d: not d.find_element(By.ID, "error").is_displayed())
    check("a comment with markup is fine", "tanh" in svg_text(driver))

    # 8. No console errors (a CSP violation would be one); the 400 the bad program got is expected.
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"
              and not (e["source"] == "network" and "/api/graph" in e["message"] and "status of 400" in e["message"])]
    check("no console errors", not errors, str(errors))


def run_training_checks(driver, wait, url, screenshot):
    """The Network view: start the demo, play, see the loss fall and the boundary change, add a point."""
    driver.find_element(By.ID, "show-network").click()
    wait.until(lambda d: d.find_element(By.ID, "network").is_displayed())
    driver.find_element(By.ID, "net-start").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#net-picture svg g.node"))
    grid_before = driver.execute_script("return Array.from(document.querySelectorAll('#net-boundary rect')).map(r => r.getAttribute('fill')).join()")
    box_before = driver.execute_script("return document.querySelector('#net-picture svg g.node text:last-of-type').textContent")
    check("the start frame shows step 0", driver.find_element(By.ID, "net-status").text.startswith("step 0 / 100"))
    driver.find_element(By.ID, "net-play").click()
    wait.until(lambda d: int(d.find_element(By.ID, "net-boundary").get_attribute("data-step") or 0) >= 40)
    status = driver.find_element(By.ID, "net-status").text
    match = re.search(r"loss (\S+)", status)
    check("the loss falls while playing", match and float(match.group(1)) < 0.5, status)
    grid_after = driver.execute_script("return Array.from(document.querySelectorAll('#net-boundary rect')).map(r => r.getAttribute('fill')).join()")
    check("the boundary changes", grid_after != grid_before)
    box_after = driver.execute_script("return document.querySelector('#net-picture svg g.node text:last-of-type').textContent")
    check("the sample graph's numbers change in place", box_after != box_before, box_after)
    points = len(driver.find_elements(By.CSS_SELECTOR, "#net-boundary .point"))
    board = driver.find_element(By.ID, "net-boundary")
    ActionChains(driver).move_to_element_with_offset(board, 60, -120).click().perform()
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#net-boundary .point")) == points + 1)
    check("a click adds a point", True)
    driver.find_element(By.ID, "net-zero-lines").click()
    wait.until(lambda d: int(d.find_element(By.ID, "net-boundary").get_attribute("data-step")) >= 100)
    check("the run ends at step 100", "step 100 / 100" in driver.find_element(By.ID, "net-status").text)
    if screenshot:
        driver.save_screenshot(screenshot)
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    check("no console errors in the Network view", not errors, str(errors))


def run_animation_checks(driver, wait, binary):
    """train --animate: the file plays offline (file://) with no console errors."""
    import tempfile
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "run.html")
        subprocess.run([binary, "train", "--preset", "karpathy-demo", "--animate", path], check=True, stdout=subprocess.DEVNULL)
        check("the animation is under 2 MB", os.path.getsize(path) < 2_000_000, str(os.path.getsize(path)))
        driver.get("file://" + path + "#play")
        wait.until(lambda d: d.find_element(By.ID, "counter").text == "step 100 / 100")
        check("the animation plays to its last step", True)
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        check("no console errors in the animation", not errors, str(errors))


if __name__ == "__main__":
    sys.exit(main())
