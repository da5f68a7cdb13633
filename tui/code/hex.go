package code

import (
	"fmt"
	"strings"
)

// hexBytes is how much of a binary file the preview shows.
const hexBytes = 256

// hexPreview describes a binary file: size, blob hash and the first bytes
// as a hex dump whose text column shows only printable ASCII, so no raw
// byte of the file reaches the terminal.
func hexPreview(d *Doc) []string {
	out := []string{
		fmt.Sprintf("binary file, %s, blob %s", sizeWithBytes(d.Blob.Size), d.Blob.Hash),
		"",
	}
	data := d.Blob.Data[:min(len(d.Blob.Data), hexBytes)]
	for off := 0; off < len(data); off += 16 {
		row := data[off:min(off+16, len(data))]
		var hx, txt strings.Builder
		for i := range 16 {
			if i < len(row) {
				fmt.Fprintf(&hx, "%02x ", row[i])
				if c := row[i]; c >= 0x20 && c < 0x7f {
					txt.WriteByte(c)
				} else {
					txt.WriteByte('.')
				}
			} else {
				hx.WriteString("   ")
			}
			if i == 7 {
				hx.WriteByte(' ')
			}
		}
		out = append(out, fmt.Sprintf("%08x  %s|%s|", off, hx.String(), txt.String()))
	}
	if d.Blob.Size > int64(len(data)) {
		out = append(out, fmt.Sprintf("… %s more bytes", commas(int(d.Blob.Size)-len(data))))
	}
	return out
}

// sizeWithBytes is "308 bytes" or "1.5 KiB (1,536 bytes)".
func sizeWithBytes(n int64) string {
	if n < 1<<10 {
		return humanSize(n)
	}
	return fmt.Sprintf("%s (%s bytes)", humanSize(n), commas(int(n)))
}
