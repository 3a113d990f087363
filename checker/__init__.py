"""rasoat — proofread Vietnamese government reports for consistency errors."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("rasoat")
except PackageNotFoundError:  # running from a checkout without install
    __version__ = "0.0.0+local"
