"""The reader's time budget (2 s by default) is a product limit, not a test assertion: the suite runs on
loaded machines, so it reads under a generous deadline. Tests of the deadline pass their own ``Budget``;
the deterministic caps (characters, glyphs, segments, bytes) are the same as in production."""

import os

os.environ.setdefault("GONGKAI_READ_SECONDS", "600")
