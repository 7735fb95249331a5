#!/usr/bin/env python3
"""Writes vectors/mmob-hints.json: one mmob signature per mistake Signet's finder names (and some pairs).

Every signature is the output of its own `computedWith` command, run here with python3's hmac, hashlib and
base64 (never Signet's code): paste a `computedWith` into a shell to check one. Run:
    python3 vectors/mmob-hints.gen.py > vectors/mmob-hints.json
"""
import json
import subprocess
import sys

SECRET = "q7mQ0b1Yk8Kc6m2m1n5b5p0q3d0k9r9v2XgJ9vQ1vW0="
OTHER = "c3RhZ2luZy1zZWNyZXQtMzItYnl0ZXMtbG9uZy4uLi4="  # base64 of b"staging-secret-32-bytes-long...."
HEX_SECRET = "a1b2c3d4e5f60718293a4b5c6d7e8f90"
CP, CPD, EMAIL = "cp_7Hq2", "cpd_01HZX3K9", "stephen.hayes@example.com"
TS = 1735689600
NONCE = "a3f1c9e07b2d4e6f8a1b3c5d7e9f0a2b"

B64 = "base64.b64decode({})"
TEXT = "{}.encode()"


def lit(s):
    return json.dumps(s)  # a valid Python string literal (double quotes, \n and \u escapes)


def command(key_expr, message, encoding="utf-8", alg="sha256", form="b64", ts=TS, swapped=False):
    """A python3 -c command that prints the whole signature ts:MAC:nonce."""
    m = f"{lit(message)}.encode({lit(encoding)})"
    mac = f"hmac.new({m},{key_expr},hashlib.{alg})" if swapped else f"hmac.new({key_expr},{m},hashlib.{alg})"
    out = {
        "b64": f"base64.b64encode({mac}.digest()).decode()",
        "hex": f"{mac}.hexdigest()",
        "url": f"base64.urlsafe_b64encode({mac}.digest()).decode()",
        "url-unpadded": f"base64.urlsafe_b64encode({mac}.digest()).decode().rstrip(\"=\")",
        "b64-of-hex": f"base64.b64encode({mac}.hexdigest().encode()).decode()",
    }[form]
    script = f"import base64,hashlib,hmac; print({lit(str(ts) + ':')}+{out}+{lit(':' + NONCE)})"
    return ["python3", "-c", script]


def canonical(ts=TS, cp=CP, cpd=CPD, email=EMAIL, nonce=NONCE):
    return f"{ts}:{cp}:{cpd}:{email}:{nonce}"


def vector(name, hints, cmd, codes=("SIGNATURE_MISMATCH",), secret=SECRET, email=EMAIL, now=TS, alternates=None):
    signature = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip()
    v = {
        "name": name,
        "hints": list(hints),
        "secret": secret,
        "cpId": CP,
        "cpDeploymentId": CPD,
        "email": email,
        "now": now,
        "toleranceSeconds": 60,
        "signature": signature,
        "valid": False,
        "codes": list(codes),
        "computedWith": f"python3 -c '{cmd[2]}'",
    }
    if alternates is not None:
        v["alternates"] = alternates
    return v


K = B64.format(lit(SECRET))
JOSE_NFC = "jos\u00e9@example.com"
JOSE_NFD = "jose\u0301@example.com"
V = [
    vector("secret's text as the key", ["SECRET_USED_AS_TEXT"], command(TEXT.format(lit(SECRET)), canonical())),
    vector("hex secret hex-decoded", ["SECRET_HEX_DECODED"],
           command(f"bytes.fromhex({lit(HEX_SECRET)})", canonical()), secret=HEX_SECRET),
    vector("secret's text with a trailing newline", ["SECRET_TEXT_WITH_WHITESPACE"],
           command(TEXT.format(lit(SECRET + "\n")), canonical())),
    vector("secret's text with CRLF", ["SECRET_TEXT_WITH_WHITESPACE"],
           command(TEXT.format(lit(SECRET + "\r\n")), canonical())),
    vector("secret's text with a leading space", ["SECRET_TEXT_WITH_WHITESPACE"],
           command(TEXT.format(lit(" " + SECRET)), canonical())),
    vector("secret's text with a trailing tab", ["SECRET_TEXT_WITH_WHITESPACE"],
           command(TEXT.format(lit(SECRET + "\t")), canonical())),
    vector("signed with profile Staging's key", ["SIGNED_WITH_OTHER_KEY"],
           command(B64.format(lit(OTHER)), canonical()), alternates=[{"label": "Staging", "secret": OTHER}]),
    vector("HMAC key and message swapped", ["HMAC_ARGUMENTS_SWAPPED"], command(K, canonical(), swapped=True)),
    vector("HMAC-SHA1", ["ALGORITHM_SHA1"], command(K, canonical(), alg="sha1")),
    vector("HMAC-SHA512", ["ALGORITHM_SHA512"], command(K, canonical(), alg="sha512")),
    vector("HMAC-MD5", ["ALGORITHM_MD5"], command(K, canonical(), alg="md5")),
    vector("base64 of the hex digest", ["DIGEST_BASE64_OF_HEX"], command(K, canonical(), form="b64-of-hex")),
    vector("hex digest", ["DIGEST_HEX"], command(K, canonical(), form="hex")),
    vector("url-safe base64 with padding", ["DIGEST_BASE64URL"], command(K, canonical(), form="url")),
    vector("url-safe base64 without padding", ["DIGEST_BASE64URL"], command(K, canonical(), form="url-unpadded")),
    vector("empty email segment dropped", ["EMAIL_SEGMENT_DROPPED"],
           command(K, f"{TS}:{CP}:{CPD}:{NONCE}"), email=""),
    vector("None as the email", ["EMAIL_NULL_LITERAL"], command(K, canonical(email="None")), email=""),
    vector("null as the email", ["EMAIL_NULL_LITERAL"], command(K, canonical(email="null")), email=""),
    vector("undefined as the email", ["EMAIL_NULL_LITERAL"], command(K, canonical(email="undefined")), email=""),
    vector("trailing newline in the message", ["MESSAGE_TRAILING_NEWLINE"], command(K, canonical() + "\n")),
    vector("message encoded as Latin-1", ["MESSAGE_LATIN1"],
           command(K, canonical(email=JOSE_NFC), encoding="latin-1"), email=JOSE_NFC),
    vector("email signed in NFD, verified in NFC", ["EMAIL_UNICODE_NORMALIZATION"],
           command(K, canonical(email=JOSE_NFD)), email=JOSE_NFC),
    vector("email signed in NFC, verified in NFD", ["EMAIL_UNICODE_NORMALIZATION"],
           command(K, canonical(email=JOSE_NFC)), email=JOSE_NFD),
    vector("cpId and cpDeploymentId swapped", ["FIELDS_SWAPPED"], command(K, canonical(cp=CPD, cpd=CP))),
    vector("email signed in lower case", ["EMAIL_MISMATCH"], command(K, canonical(email=EMAIL.lower())),
           email="Stephen.Hayes@Example.com"),
    vector("timestamp in milliseconds", ["TIMESTAMP_IN_MILLISECONDS"],
           command(K, canonical(ts=TS * 1000), ts=TS * 1000), codes=["TIMESTAMP_IN_FUTURE"]),
    vector("local time UTC+2 taken as epoch", ["TIMESTAMP_OFF_BY_HOURS"],
           command(K, canonical(ts=TS + 7200), ts=TS + 7200), codes=["TIMESTAMP_IN_FUTURE"]),
    vector("local time UTC-5 taken as epoch", ["TIMESTAMP_OFF_BY_HOURS"],
           command(K, canonical(ts=TS - 5 * 3600 + 20), ts=TS - 5 * 3600 + 20), codes=["TIMESTAMP_TOO_OLD"]),
    vector("local time UTC+5:45 taken as epoch", ["TIMESTAMP_OFF_BY_HOURS"],
           command(K, canonical(ts=TS + 5 * 3600 + 45 * 60), ts=TS + 5 * 3600 + 45 * 60), codes=["TIMESTAMP_IN_FUTURE"]),
    # Pairs: each only both mistakes together reproduce.
    vector("secret's text and hex digest", ["SECRET_USED_AS_TEXT", "DIGEST_HEX"],
           command(TEXT.format(lit(SECRET)), canonical(), form="hex")),
    vector("HMAC-SHA1 as hex", ["ALGORITHM_SHA1", "DIGEST_HEX"], command(K, canonical(), alg="sha1", form="hex")),
    vector("secret with newline and message with newline", ["SECRET_TEXT_WITH_WHITESPACE", "MESSAGE_TRAILING_NEWLINE"],
           command(TEXT.format(lit(SECRET + "\n")), canonical() + "\n")),
    vector("segment dropped and url-safe", ["EMAIL_SEGMENT_DROPPED", "DIGEST_BASE64URL"],
           command(K, f"{TS}:{CP}:{CPD}:{NONCE}", form="url-unpadded"), email=""),
    vector("Staging's key as hex", ["SIGNED_WITH_OTHER_KEY", "DIGEST_HEX"],
           command(B64.format(lit(OTHER)), canonical(), form="hex"),
           alternates=[{"label": "Production", "secret": SECRET}, {"label": "Staging", "secret": OTHER}]),
    vector("fields swapped and local time UTC+1", ["FIELDS_SWAPPED", "TIMESTAMP_OFF_BY_HOURS"],
           command(K, canonical(ts=TS + 3600, cp=CPD, cpd=CP), ts=TS + 3600), codes=["TIMESTAMP_IN_FUTURE", "SIGNATURE_MISMATCH"]),
    vector("keys swapped and SHA-512", ["HMAC_ARGUMENTS_SWAPPED", "ALGORITHM_SHA512"],
           command(K, canonical(), alg="sha512", swapped=True)),
    vector("None as the email and trailing newline", ["EMAIL_NULL_LITERAL", "MESSAGE_TRAILING_NEWLINE"],
           command(K, canonical(email="None") + "\n"), email=""),
    vector("Latin-1 and MD5", ["MESSAGE_LATIN1", "ALGORITHM_MD5"],
           command(K, canonical(email=JOSE_NFC), encoding="latin-1", alg="md5"), email=JOSE_NFC),
]

json.dump(V, sys.stdout, indent=2, ensure_ascii=False)
sys.stdout.write("\n")
