"""Identity numbers at rest: encrypted (Fernet, AES-128-CBC + HMAC-SHA256) and found by a keyed hash.

The key comes from `GONGKAI_PII_KEY` (a Fernet key: `python -c "from cryptography.fernet import Fernet;
print(Fernet.generate_key().decode())"`). Production refuses to start a cipher without it; elsewhere a
development key is derived from the secret key, so a demo works out of the box. The lookup hash (HMAC-SHA256)
uses a sub-key derived from the same key with HKDF, so the stored hash is useless without the key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

ENV_KEY = "GONGKAI_PII_KEY"


@lru_cache(maxsize=4)
def _keys(raw: str) -> tuple[Fernet, bytes]:
    try:
        fernet = Fernet(raw.encode())
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(
            f"{ENV_KEY} 不是有效的 Fernet 密钥（32字节，URL安全的Base64编码）"
        ) from exc
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"gongkai-pii-lookup")
    return fernet, hkdf.derive(base64.urlsafe_b64decode(raw.encode()))


def _raw_key() -> str:
    raw = os.environ.get(ENV_KEY, "").strip()
    if raw:
        return raw
    if getattr(settings, "PRODUCTION", False):
        raise ImproperlyConfigured(f"生产环境（GONGKAI_ENV=production）必须设置 {ENV_KEY}")
    digest = hashlib.sha256(f"gongkai-dev-pii:{settings.SECRET_KEY}".encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


def encrypt(value: str) -> str:
    if not value:
        return ""
    fernet, _ = _keys(_raw_key())
    return fernet.encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    if not token:
        return ""
    fernet, _ = _keys(_raw_key())
    try:
        return fernet.decrypt(token.encode()).decode()
    except InvalidToken:
        return ""


def lookup_hash(value: str, purpose: str = "id") -> str:
    """Keyed hash for finding a value without decrypting every row (`purpose` separates uses)."""
    if not value:
        return ""
    _, key = _keys(_raw_key())
    return hmac.new(key, f"{purpose}:{normalise_id(value)}".encode(), hashlib.sha256).hexdigest()


def normalise_id(value: str) -> str:
    """Upper case, no spaces: the form an identity number is compared in."""
    return "".join(value.split()).upper()


def mask_id(value: str) -> str:
    """110105********1234: the first 6 and last 4 characters stay."""
    value = normalise_id(value)
    if len(value) <= 8:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_text(value: str, keep: int = 1) -> str:
    """张** / 138****5678 / a***@example.com: enough to recognise, not enough to use."""
    if not value:
        return ""
    if "@" in value:
        name, _, domain = value.partition("@")
        return f"{name[:1]}***@{domain}"
    digits = sum(ch.isdigit() for ch in value)
    if digits >= 7:
        return value[:3] + "****" + value[-4:]
    return value[:keep] + "*" * max(len(value) - keep, 2)
