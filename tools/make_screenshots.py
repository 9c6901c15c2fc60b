"""Take the findings page screenshots shown in README.md (docs/*.png).

    python tools/make_screenshots.py

Runs ``gzlint --format html`` on a clean and a defective example from
examples/ and photographs each page in headless Chromium (Debian's
``chromium``), top of the page, 1280 px wide.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHOTS = {
    "findings-clean.png": (["examples/clean-2021.txt"], 1500),
    "findings-defective.png": (["examples/arithmetic-error-2021.txt", "examples/structure-2021.txt",
                                "examples/clean-2021.txt"], 2200),
}


def main() -> int:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("make_screenshots: chromium not found (apt-get install chromium)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        for name, (inputs, height) in SHOTS.items():
            page = Path(tmp) / (name + ".html")
            subprocess.run([sys.executable, "-m", "gzlint", "--format", "html", "-o", str(page), *inputs],
                           cwd=REPO, check=False)
            subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                            f"--window-size=1280,{height}", f"--screenshot={REPO / 'docs' / name}", page.as_uri()],
                           check=True, capture_output=True)
            print(f"docs/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
