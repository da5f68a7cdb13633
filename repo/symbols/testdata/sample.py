import os

DEFAULT_PATH = "/tmp"
timeout: int = 5


def load(path=DEFAULT_PATH):
    """load reads the path"""
    return open(path).read()


class Loader(object):
    kind = "file"

    def __init__(self, path):
        self.path = path

    async def fetch(self):
        data = load(self.path)  # load again
        return data


@decorator
def decorated(
    a,
    b,
):
    return a + b
