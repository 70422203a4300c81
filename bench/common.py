"""What the measuring modules share: the log line, a file of bench/, a screenshot of the display.

Measures nothing itself and knows nothing of the app.
"""

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def log(*a):
    print("measure:", *a, file=sys.stderr, flush=True)


def read(path):
    """A file of bench/ (page scripts, node_modules), as text."""
    with open(os.path.join(HERE, path)) as f:
        return f.read()


def screenshot(path):
    r = subprocess.run(["import", "-window", "root", path], capture_output=True)
    return path if r.returncode == 0 else None
