#!/usr/bin/env python3
"""Draws the installable console's icons (map-ui hub-ui/icons/*.png): the page's ◎ mark in white on the
theme blue (#0d47a1) with a red alarm dot. Standard library only (zlib PNG writer, 4x4 supersampling), so the
committed files can be regenerated anywhere: python3 build/make-icons.py. The maskable icon keeps the mark inside
the central 80% safe zone (Android crops it to a circle or squircle)."""
import os
import struct
import zlib

OUT = os.path.join(os.path.dirname(__file__), '..', 'map-ui', 'src', 'main', 'resources', 'META-INF', 'resources',
                   'hub-ui', 'icons')
BLUE = (13, 71, 161)
WHITE = (255, 255, 255)
RED = (229, 57, 53)


def colour_at(x, y, scale, rounded):
    """Colour (r, g, b, a) at a point of the unit square [0,1]² of an icon; scale shrinks the mark."""
    if rounded:
        # a rounded square (radius 0.18): transparent outside
        r = 0.18
        cx = min(max(x, r), 1 - r)
        cy = min(max(y, r), 1 - r)
        if (x - cx) ** 2 + (y - cy) ** 2 > r * r:
            return (0, 0, 0, 0)
    dx = (x - 0.5) / scale
    dy = (y - 0.5) / scale
    d = (dx * dx + dy * dy) ** 0.5
    # the red alarm dot at the upper right
    if ((dx - 0.27) ** 2 + (dy + 0.27) ** 2) ** 0.5 < 0.085:
        return RED + (255,)
    if 0.30 <= d <= 0.38 or d <= 0.14:
        return WHITE + (255,)
    return BLUE + (255,)


def render(size, scale, rounded):
    ss = 4
    rows = []
    for py in range(size):
        row = bytearray([0])
        for px in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(ss):
                for sx in range(ss):
                    c = colour_at((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size, scale, rounded)
                    a = c[3]
                    acc[0] += c[0] * a
                    acc[1] += c[1] * a
                    acc[2] += c[2] * a
                    acc[3] += a
            n = ss * ss
            alpha = acc[3] / n
            if acc[3]:
                row += bytes([round(acc[0] / acc[3]), round(acc[1] / acc[3]), round(acc[2] / acc[3]), round(alpha)])
            else:
                row += bytes([0, 0, 0, 0])
        rows.append(bytes(row))
    return png(size, b''.join(rows))


def png(size, raw):
    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
    header = struct.pack('>IIBBBBB', size, size, 8, 6, 0, 0, 0)
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', header) + chunk(b'IDAT', zlib.compress(raw, 9))
            + chunk(b'IEND', b''))


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, size, scale, rounded in [('icon-192.png', 192, 1.0, True), ('icon-512.png', 512, 1.0, True),
                                       ('icon-maskable-512.png', 512, 0.72, False),
                                       ('apple-touch-icon-180.png', 180, 0.9, False)]:
        with open(os.path.join(OUT, name), 'wb') as f:
            f.write(render(size, scale, rounded))


if __name__ == '__main__':
    main()
