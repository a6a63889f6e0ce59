"""Start Tandem: the window without a command, the command line with one.

Run ``python main.py --help`` for the commands.
"""

from __future__ import annotations

import sys


def main() -> int:
    from app.cli import main as run
    from app.cli.logs import configure_logging, install_excepthook

    configure_logging()
    install_excepthook()
    return run(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
