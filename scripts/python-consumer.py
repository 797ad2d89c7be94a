"""Reads exported files with Python's standard library (and PyYAML / msgpack when installed) and
prints one digest per file: sha256 of a canonical JSON of the loaded object. The digest is computed
the same way in the export tests, so a match means Python loads exactly the program we wrote.

Usage: python3 scripts/python-consumer.py --capabilities
       python3 scripts/python-consumer.py FILE...   (suffixes say the layers: .json|.yaml|.msgpack [.gz|.zz|.deflate])

Canonical form: keys sorted, ASCII only, no spaces; every number (int or float) becomes the string
"n:" + the 16 hex digits of its IEEE-754 double, so int/float and float formatting cannot differ.
"""
import gzip
import hashlib
import json
import struct
import sys
import zlib

try:
    import yaml  # PyYAML
except ImportError:  # pragma: no cover - depends on the machine
    yaml = None
try:
    import msgpack
except ImportError:  # pragma: no cover
    msgpack = None


def canonical(v):
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, (int, float)):
        return "n:" + struct.pack(">d", float(v)).hex()
    if isinstance(v, dict):
        return {str(k): canonical(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [canonical(x) for x in v]
    raise TypeError("unexpected %s" % type(v).__name__)


def load(path):
    data = open(path, "rb").read()
    name = path
    if name.endswith(".gz"):
        data, name = gzip.decompress(data), name[:-3]
    elif name.endswith(".zz"):
        data, name = zlib.decompress(data), name[:-3]
    elif name.endswith(".deflate"):
        data, name = zlib.decompress(data, -15), name[:-8]
    if name.endswith(".json"):
        return json.loads(data.decode("utf-8"))
    if name.endswith(".yaml"):
        if yaml is None:
            raise RuntimeError("PyYAML is not installed")
        return yaml.safe_load(data.decode("utf-8"))
    if name.endswith(".msgpack"):
        if msgpack is None:
            raise RuntimeError("msgpack is not installed")
        return msgpack.unpackb(data, raw=False, strict_map_key=False)
    raise RuntimeError("unknown suffix: " + path)


def main(argv):
    if argv[:1] == ["--capabilities"]:
        print(json.dumps({"python": sys.version.split()[0], "yaml": yaml is not None, "msgpack": msgpack is not None}))
        return 0
    for path in argv:
        try:
            text = json.dumps(canonical(load(path)), sort_keys=True, ensure_ascii=True, separators=(",", ":"))
            print(path + "\t" + hashlib.sha256(text.encode("ascii")).hexdigest())
        except Exception as e:  # every failure is reported per file, never hidden
            print(path + "\tERROR " + type(e).__name__ + ": " + str(e).replace("\n", " ")[:300])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
