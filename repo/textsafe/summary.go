package textsafe

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Summary counts a file's issues by kind, for the file banner and the
// status bar.
type Summary struct {
	counts [numKinds]int
}

// Summarize counts issues.
func Summarize(issues []Issue) Summary {
	var s Summary
	for _, is := range issues {
		s.Add(is)
	}
	return s
}

// Add counts one more issue.
func (s *Summary) Add(is Issue) {
	if int(is.Kind) < len(s.counts) {
		s.counts[is.Kind]++
	}
}

// Count is the number of issues of kind k.
func (s Summary) Count(k Kind) int {
	if int(k) < len(s.counts) {
		return s.counts[k]
	}
	return 0
}

// Total is the number of hostile issues (see Kind.Hostile: a BOM does not
// count).
func (s Summary) Total() int {
	n := 0
	for k, c := range s.counts {
		if Kind(k).Hostile() {
			n += c
		}
	}
	return n
}

// bannerOrder lists kinds from most to least alarming.
var bannerOrder = []Kind{Bidi, Invisible, Homoglyph, NUL, Control, C1, Newline}

// String is the banner text, such as "6 bidirectional control characters,
// 2 invisible characters, not valid UTF-8", or "" when there is nothing to
// say. A leading byte order mark is mentioned last.
func (s Summary) String() string {
	var parts []string
	for _, k := range bannerOrder {
		if n := s.counts[k]; n > 0 {
			parts = append(parts, plural(n, k.Name()))
		}
	}
	if s.counts[BadUTF8] > 0 {
		parts = append(parts, "not valid UTF-8")
	}
	if s.counts[BOM] > 0 {
		parts = append(parts, "starts with a byte order mark")
	}
	return strings.Join(parts, ", ")
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// maxScanLine bounds the bytes ScanReader holds for one line: a longer line
// is scanned in pieces, with columns that still count from the line start.
const maxScanLine = 4 << 20

// ScanReader scans a file as Scan does without holding it in memory,
// calling fn for each issue in order. It stops at the first error from fn
// or from r.
func ScanReader(r io.Reader, fn func(Issue) error) error {
	return scanStream(r, 64<<10, maxScanLine, fn)
}

func scanStream(r io.Reader, bufSize, maxLine int, fn func(Issue) error) error {
	br := bufio.NewReaderSize(r, bufSize)
	lineNo, colBase := 1, 0
	var long []byte // the start of a line longer than the reader's buffer
	for {
		chunk, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			long = append(long, chunk...)
			if len(long) >= maxLine {
				cut := runeCut(long)
				if err := scanLine(string(long[:cut]), lineNo, colBase, lineNo == 1 && colBase == 0, false, fn); err != nil {
					return err
				}
				colBase += cut
				long = append(long[:0], long[cut:]...)
			}
			continue
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		line := chunk
		if len(long) > 0 {
			line = append(long, chunk...)
		}
		if len(line) > 0 {
			if err := scanLine(string(line), lineNo, colBase, lineNo == 1 && colBase == 0, true, fn); err != nil {
				return err
			}
		}
		if err != nil {
			return nil // io.EOF
		}
		lineNo, colBase, long = lineNo+1, 0, long[:0]
	}
}

// runeCut is where to split a long line piece so that no UTF-8 sequence
// is cut in two, and no CR is left at the end of a piece, where it would
// be reported although it may be the CR of a CR LF line ending.
func runeCut(b []byte) int {
	cut := len(b)
	for p := len(b) - 1; p >= 0 && p >= len(b)-utf8.UTFMax; p-- {
		if utf8.RuneStart(b[p]) {
			if !utf8.FullRune(b[p:]) {
				cut = p // an incomplete sequence: leave it to the next piece
			}
			break
		}
	}
	for cut > 1 && b[cut-1] == '\r' {
		cut--
	}
	if cut == 0 {
		cut = len(b)
	}
	return cut
}
