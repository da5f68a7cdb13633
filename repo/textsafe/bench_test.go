package textsafe

import (
	"bytes"
	"strings"
	"testing"
)

// benchSource is ordinary C source with one Trojan Source line per 100.
func benchSource() []byte {
	var b bytes.Buffer
	for b.Len() < 4<<20 {
		for i := 0; i < 99; i++ {
			b.WriteString("\tif (strcmp(access_level, \"user\") == 0) { return handle(req, &cfg->slots[i]); }\n")
		}
		b.WriteString(line(trojanC, 3) + "\n")
	}
	return b.Bytes()
}

func BenchmarkSpansLongLine(b *testing.B) {
	s := strings.Repeat("x", 1<<20)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Spans(s)
	}
}

func BenchmarkSpansHostileLine(b *testing.B) {
	s := strings.Repeat(line(escapesTxt, 7)+line(homoglyphJS, 4), 1<<20/128)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Spans(s)
	}
}

func BenchmarkSanitizePath(b *testing.B) {
	s := "src/drivers/net/ethernet/intel/ixgbe/ixgbe_main.c"
	for b.Loop() {
		Sanitize(s)
	}
}

func BenchmarkScanSource(b *testing.B) {
	src := benchSource()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		Scan(src)
	}
}

func BenchmarkScanReaderSource(b *testing.B) {
	src := benchSource()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		_ = ScanReader(bytes.NewReader(src), func(Issue) error { return nil })
	}
}
