"""A small key-value store with a command-line front end: the shapes a
reviewer meets in Python (classes, methods, nested functions, decorators,
properties, async code, module constants)."""

import argparse
import asyncio
import functools
import json
import os
import sys
from dataclasses import dataclass, field

DEFAULT_PATH = os.path.expanduser("~/.store.json")
MAX_KEY = 256
_registry = {}
VERSION: str = "1.0"


class StoreError(Exception):
    """Raised when the store file is damaged."""


class KeyTooLong(StoreError):
    pass


def register(name):
    """register adds a command to the registry under name."""

    def wrap(fn):
        _registry[name] = fn
        return fn

    return wrap


def retry(times=3):
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            last = None
            for _ in range(times):
                try:
                    return fn(*args, **kwargs)
                except OSError as e:  # retry on I/O errors only
                    last = e
            raise last

        return wrapper

    return decorate


@dataclass
class Entry:
    key: str
    value: str
    tags: list = field(default_factory=list)

    def matches(self, tag):
        return tag in self.tags


class Store:
    """Store keeps entries in one JSON file."""

    backend = "json"

    def __init__(self, path=DEFAULT_PATH):
        self.path = path
        self._entries = {}
        self._dirty = False

    def __len__(self):
        return len(self._entries)

    def __contains__(self, key):
        return key in self._entries

    @property
    def dirty(self):
        return self._dirty

    @staticmethod
    def check_key(key):
        if len(key) > MAX_KEY:
            raise KeyTooLong(key)

    @classmethod
    def open(cls, path):
        s = cls(path)
        s.load()
        return s

    @retry(times=2)
    def load(self):
        if not os.path.exists(self.path):
            return
        with open(self.path) as f:
            try:
                raw = json.load(f)
            except ValueError as e:
                raise StoreError(f"{self.path}: {e}")
        for k, v in raw.items():
            self._entries[k] = Entry(k, v["value"], v.get("tags", []))

    def save(self):
        def encode(e):
            return {"value": e.value, "tags": e.tags}

        data = {k: encode(e) for k, e in self._entries.items()}
        tmp = self.path + ".tmp"
        with open(tmp, "w") as f:
            json.dump(data, f)
        os.replace(tmp, self.path)
        self._dirty = False

    def put(self, key, value, *tags):
        self.check_key(key)
        self._entries[key] = Entry(key, value, list(tags))
        self._dirty = True

    def get(self, key, default=None):
        e = self._entries.get(key)
        return e.value if e else default

    def tagged(self, tag):
        return sorted(k for k, e in self._entries.items() if e.matches(tag))

    class Cursor:
        """Cursor walks the keys in order."""

        def __init__(self, store):
            self.keys = sorted(store._entries)
            self.i = 0

        def __iter__(self):
            return self

        def __next__(self):
            if self.i >= len(self.keys):
                raise StopIteration
            self.i += 1
            return self.keys[self.i - 1]

    def cursor(self):
        return Store.Cursor(self)


class AsyncStore(Store):
    async def fetch(self, key):
        await asyncio.sleep(0)
        return self.get(key)

    async def fetch_many(self, keys):
        async def one(k):
            return k, await self.fetch(k)

        return dict(await asyncio.gather(*(one(k) for k in keys)))


@register("get")
def cmd_get(store, args):
    print(store.get(args.key, ""))


@register("put")
def cmd_put(store, args):
    store.put(args.key, args.value, *args.tag)
    store.save()


@register("tags")
def cmd_tags(store, args):
    for k in store.tagged(args.tag):
        print(k)


def parse_args(argv):
    p = argparse.ArgumentParser(prog="store")
    p.add_argument("--path", default=DEFAULT_PATH)
    sub = p.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("get")
    g.add_argument("key")
    q = sub.add_parser("put")
    q.add_argument("key")
    q.add_argument("value")
    q.add_argument("--tag", action="append", default=[])
    t = sub.add_parser("tags")
    t.add_argument("tag")
    return p.parse_args(argv)


lambda_square = lambda x: x * x


def main(argv=None):
    args = parse_args(argv if argv is not None else sys.argv[1:])
    try:
        store = Store.open(args.path)
    except StoreError as e:
        print(e, file=sys.stderr)
        return 1
    _registry[args.cmd](store, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
