"""Compatibility: the demo loader moved to desktop.demo.loader (the demo is not part of
the store). Kept for desktop/cli and desktop/app, which still import it from here;
remove once they import desktop.demo.loader."""

from desktop.demo.loader import DEMO_PRACTICE, DEMO_USER, ProgressPrinter, make_demo

__all__ = ["DEMO_PRACTICE", "DEMO_USER", "ProgressPrinter", "make_demo"]
