#!/bin/sh
# card2qemu.sh CARD QEMU / qemu2card.sh: move a card image into QEMU's layout and back (linux-peer README)
LSA=$((16*1024*1024)); img=$1; q=$2; size=$(stat -c %s "$img")
rm -f "$q"; truncate -s $size "$q"
dd if="$img" of="$q" bs=1M skip=16 conv=sparse,notrunc status=none
dd if="$img" of="$q" bs=1M count=16 seek=$(( (size - LSA) / 1048576 )) conv=sparse,notrunc status=none
