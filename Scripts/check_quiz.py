#!/usr/bin/python3
"""Checks the --walkthrough --quiz page in headless Chromium through Selenium, keyboard only:
right and wrong answers, the tolerance (1e-3 relative, exact for whole numbers), the local rule
shown when an answer is wrong, the score, and grads hidden until they are answered.

    Scripts/check_quiz.py [BIN]      BIN defaults to .build/debug/micrograd-viz

Needs chromium, chromium-driver and python3-selenium (make deps). Prints "N passed, N failed";
exits 1 if any failed.
"""
import os, subprocess, sys, tempfile
from selenium import webdriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from tally import Tally

BIN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "../.build/debug/micrograd-viz"))
TALLY = Tally()
check = TALLY.check


def page(work, name, program, *inputs):
    path = os.path.join(work, name)
    subprocess.run([BIN, "expr", program, *inputs, "--walkthrough", path, "--quiz"], check=True, capture_output=True)
    return "file://" + path


def main():
    options = webdriver.ChromeOptions()
    for flag in ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]:
        options.add_argument(flag)
    with tempfile.TemporaryDirectory() as work:
        options.add_argument(f"--user-data-dir={work}/profile")
        driver = webdriver.Chrome(options=options)
        try:
            run(driver, work)
        finally:
            driver.quit()
    return TALLY.summary("check-quiz")


def run(driver, work):
    text = lambda: driver.find_element("id", "text").text
    score = lambda: driver.find_element("id", "score").text
    keys = lambda *k: ActionChains(driver).send_keys(*k).perform()
    grad = lambda n: driver.execute_script(f"return values[{n}].grad.textContent")

    # The warm-up: steps 1-7 forward, 8 the seed, 9-11 backward through L, d, e (a b c f e d L are n0..n6).
    driver.get(page(work, "w.html", "e=a*b; d=e+c; L=d*f", "a=2", "b=-3", "c=10", "f=-2") + "#step=9")
    check("the quiz box shows at a backward step", driver.find_element("id", "quiz").is_displayed())
    check("the first answer has the focus", driver.switch_to.active_element.get_attribute("aria-label") == "∂L/∂d",
          driver.switch_to.active_element.get_attribute("aria-label"))
    check("the grads asked for are hidden", grad(5) == "grad ?" and grad(3) == "grad ?", (grad(5), grad(3)))
    check("the rule is hidden", "∂L/∂d +=" not in text(), text())
    keys("-2", Keys.TAB, "5", Keys.ENTER)                     # d right, f wrong (it is 4)
    check("one right, one wrong", score() == "score 1 / 2", score())
    check("a wrong answer shows the local rule", "not quite" in text() and "∂L/∂f += ∂L/∂L · d = 1 · 4 = 4" in text(), text())
    check("the verdicts", "(it is 4)" in driver.find_element("id", "questions").text, driver.find_element("id", "questions").text)
    check("answered grads are shown", grad(3) == "grad 4.0000", grad(3))
    keys(Keys.ENTER)                                          # Enter again: the next step
    check("Enter goes on", driver.find_element("id", "counter").text == "step 10 / 11", driver.find_element("id", "counter").text)
    keys("-2", Keys.TAB, "-2.0", Keys.ENTER)                  # e and c, both right
    check("two more right", score() == "score 3 / 4", score())
    check("right answers say so", text().startswith("✓ right"), text())
    keys(Keys.ENTER, "6.001", Keys.TAB, "-4", Keys.ENTER)     # a is exactly 6: 6.001 is wrong
    check("whole numbers are exact", score() == "score 4 / 6", score())
    keys(Keys.ARROW_LEFT)                                     # back to an answered step: asked once only
    check("an answered step keeps its verdicts", "✓" in driver.find_element("id", "questions").text and score() == "score 4 / 6", score())

    # Fractions: within 1e-3 relative passes, beyond it fails.
    driver.get(page(work, "f.html", "L = a * b", "a=0.3", "b=1.7") + "#step=5")
    keys("1.7015", Keys.TAB, "0.3004", Keys.ENTER)          # ∂L/∂a = 1.7 (0.09% off), ∂L/∂b = 0.3 (0.13% off)
    check("1e-3 relative", score() == "score 1 / 2", score())
    marks = driver.find_element("id", "questions").text
    check("which one was wrong", "1.7015 ✓" in marks and "0.3004 ✗" in marks, marks)


if __name__ == "__main__":
    sys.exit(main())
