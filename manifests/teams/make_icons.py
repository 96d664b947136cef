#!/usr/bin/env python3
"""Writes the Teams app icons with the standard library only (no image tools needed):
color.png   192x192, white helm wheel on OpsBot blue (full colour icon)
outline.png  32x32,  white helm wheel on a transparent background (Teams' outline icon rule)
Run: python3 make_icons.py   (from this folder; the PNGs are committed beside it)
https://learn.microsoft.com/en-us/microsoftteams/platform/concepts/build-and-test/apps-package#app-icons
"""
import math
import struct
import zlib

BLUE = (50, 108, 229, 255)
WHITE = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)


def wheel(size, x, y):
    """True where the helm wheel (ring, hub and six spokes) covers pixel (x, y)."""
    c = (size - 1) / 2
    dx, dy = x - c, y - c
    r = math.hypot(dx, dy) / (size / 2)
    if 0.52 <= r <= 0.68 or r <= 0.18:
        return True
    if r <= 0.86:
        angle = math.atan2(dy, dx)
        for k in range(6):
            spoke = k * math.pi / 3
            # distance from the spoke's line, in units of the icon's half size
            if abs(math.sin(angle - spoke)) * r < 0.06 and math.cos(angle - spoke) > 0:
                return True
    return False


def png(path, size, background, foreground):
    rows = b""
    for y in range(size):
        row = b"\x00"  # filter: none
        for x in range(size):
            row += bytes(foreground if wheel(size, x, y) else background)
        rows += row

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    with open(path, "wb") as out:
        out.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


if __name__ == "__main__":
    png("color.png", 192, BLUE, WHITE)
    png("outline.png", 32, CLEAR, WHITE)
