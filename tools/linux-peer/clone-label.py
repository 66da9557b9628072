#!/usr/bin/env python3
"""clone-label.py CARD FROM_SLOT TO_SLOT [dpa=X] [uuid=U] [cookie=C] [guid=G]: copy a v1.2 label of a
card image (16 MiB label area first) to another slot, or change it in place (FROM = TO), with other
fields, fix its checksum and mark the slot used in the current index block. A by-hand tool for label
areas the labels bundle refuses to write: overlapping extents, a uuid twice, a foreign cookie, a
claim that does not match the info block."""
import struct, sys, uuid
card, src, dst = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
opts = dict(a.split('=', 1) for a in sys.argv[4:])
def fletcher64(b):
    lo = hi = 0
    for (w,) in struct.iter_unpack('<I', b):
        lo = (lo + w) & 0xffffffff; hi = (hi + lo) & 0xffffffffffffffff
    return (hi << 32 | lo) & 0xffffffffffffffff
f = open(card, 'r+b'); lsa = bytearray(f.read(16 << 20))
isize = struct.unpack_from('<Q', lsa, 0x20)[0]
seqs = [struct.unpack_from('<I', lsa, i * isize + 0x14)[0] & 3 for i in (0, 1)]
cur = 1 if {1: 2, 2: 3, 3: 1}.get(seqs[0]) == seqs[1] else 0
labeloff = struct.unpack_from('<Q', lsa, 0x30)[0]
s, d = labeloff + src * 256, labeloff + dst * 256
lab = bytearray(lsa[s:s + 256])
if 'dpa' in opts: struct.pack_into('<Q', lab, 0x68, int(opts['dpa'], 0))
if 'cookie' in opts: struct.pack_into('<Q', lab, 0x58, int(opts['cookie'], 0))
if 'uuid' in opts: lab[0:16] = uuid.UUID(opts['uuid']).bytes
if 'guid' in opts: lab[0x90:0xa0] = uuid.UUID(opts['guid']).bytes_le
struct.pack_into('<I', lab, 0x78, dst)
struct.pack_into('<Q', lab, 0xf8, 0); struct.pack_into('<Q', lab, 0xf8, fletcher64(lab))
lsa[d:d + 256] = lab
ib = cur * isize
lsa[ib + 0x48 + dst // 8] &= ~(1 << (dst % 8)) & 0xff
struct.pack_into('<Q', lsa, ib + 0x40, 0)
struct.pack_into('<Q', lsa, ib + 0x40, fletcher64(bytes(lsa[ib:ib + isize])))
f.seek(0); f.write(lsa); f.close()
print("slot %d -> slot %d %s (index %d)" % (src, dst, opts, cur))
