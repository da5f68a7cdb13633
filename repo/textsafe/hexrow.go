package textsafe

import (
	"fmt"
	"strings"
)

// HexRowBytes is how many bytes one hex dump row shows.
const HexRowBytes = 16

// HexRow draws up to 16 bytes as a hex dump row: the offset, the bytes in
// hex (a gap after the eighth) and the bytes as text between bars, where
// only printable ASCII is itself and every other byte is '.'. No byte of
// the input reaches the output raw unless it is printable ASCII, so the
// row is safe on a terminal whatever the bytes are.
func HexRow(off int64, row []byte) string {
	const digits = "0123456789abcdef"
	var b strings.Builder
	b.Grow(80)
	fmt.Fprintf(&b, "%08x  ", off)
	for i := range HexRowBytes {
		if i < len(row) {
			b.WriteByte(digits[row[i]>>4])
			b.WriteByte(digits[row[i]&0xf])
			b.WriteByte(' ')
		} else {
			b.WriteString("   ")
		}
		if i == 7 {
			b.WriteByte(' ')
		}
	}
	b.WriteByte('|')
	for _, c := range row[:min(len(row), HexRowBytes)] {
		if c >= 0x20 && c < 0x7f {
			b.WriteByte(c)
		} else {
			b.WriteByte('.')
		}
	}
	b.WriteByte('|')
	return b.String()
}
