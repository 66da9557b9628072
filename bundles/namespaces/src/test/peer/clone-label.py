#!/usr/bin/env python3
"""clone-label.py CARD FROM_SLOT TO_SLOT DPA [UUID]: copy a v1.2 label to another slot with another
dpa (and uuid), fix its checksum and mark the slot used in the current index block. A by-hand tool to
make label areas the labels bundle refuses to write (overlapping extents, a uuid twice)."""
import struct, sys, uuid
card, src, dst, dpa = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4], 0)
new_uuid = uuid.UUID(sys.argv[5]) if len(sys.argv) > 5 else None
def fletcher64(b):
    lo = hi = 0
    for (w,) in struct.iter_unpack('<I', b):
        lo = (lo + w) & 0xffffffff; hi = (hi + lo) & 0xffffffffffffffff
    return (hi << 32 | lo) & 0xffffffffffffffff
f = open(card, 'r+b'); lsa = bytearray(f.read(16 << 20))
isize = struct.unpack_from('<Q', lsa, 0x20)[0]
seqs = [struct.unpack_from('<I', lsa, i * isize + 0x14)[0] & 3 for i in (0, 1)]
nxt = {1: 2, 2: 3, 3: 1}
cur = 1 if nxt.get(seqs[0]) == seqs[1] else 0
labeloff = struct.unpack_from('<Q', lsa, 0x30)[0]
s, d = labeloff + src * 256, labeloff + dst * 256
lab = bytearray(lsa[s:s + 256])
struct.pack_into('<Q', lab, 0x68, dpa); struct.pack_into('<I', lab, 0x78, dst)
if new_uuid: lab[0:16] = new_uuid.bytes
struct.pack_into('<Q', lab, 0xf8, 0); struct.pack_into('<Q', lab, 0xf8, fletcher64(lab))
lsa[d:d + 256] = lab
ib = cur * isize
lsa[ib + 0x48 + dst // 8] &= ~(1 << (dst % 8)) & 0xff
struct.pack_into('<Q', lsa, ib + 0x40, 0)
struct.pack_into('<Q', lsa, ib + 0x40, fletcher64(bytes(lsa[ib:ib + isize])))
f.seek(0); f.write(lsa); f.close()
print("slot %d -> slot %d at dpa %#x%s (index %d)" % (src, dst, dpa, " uuid %s" % new_uuid if new_uuid else "", cur))
