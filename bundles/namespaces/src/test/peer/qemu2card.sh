#!/bin/sh
LSA=$((16*1024*1024)); q=$1; img=$2; size=$(stat -c %s "$q")
dd if="$q" of="$img" bs=1M skip=$(( (size - LSA) / 1048576 )) count=16 conv=sparse,notrunc status=none
dd if="$q" of="$img" bs=1M count=$(( (size - LSA) / 1048576 )) seek=16 conv=sparse,notrunc status=none
