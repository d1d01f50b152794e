"""The running count of a browser check's assertions (check_playground.py, check_quiz.py)."""


class Tally:
    """`check(what, ok, detail)` records one assertion and prints the failed ones; `summary(name)`
    prints `NAME: N passed, N failed` and gives the exit status (1 if any failed)."""

    def __init__(self):
        self.passed = self.failed = 0

    def check(self, what, ok, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL: {what}" + (f" ({detail!r})" if detail != "" else ""))

    def summary(self, name):
        print(f"{name}: {self.passed} passed, {self.failed} failed")
        return 1 if self.failed else 0
