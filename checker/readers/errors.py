"""The one error type readers raise: a clear message for the user, never a traceback."""


class ReadError(Exception):
    """An input that cannot be read. ``message`` is Vietnamese with the English reason."""

    def __init__(self, path: str, message: str):
        message = " ".join(str(message).split())  # always one line (lxml/zlib texts may hold newlines)
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message
