package synth

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
)

// words feed identifiers, names and comments. Kernel- and server-flavoured
// so that search patterns in the harness have realistic hit rates.
var words = strings.Fields(`alloc buffer cache channel client config conn context
cursor decode device driver encode entry event field filter frame handle hash header
index inode queue key kernel label lock map message mode mutex node offset option
packet page parse path peer pool port probe range reader record region request
reply route scan schema session signal slot socket span state stream table task
timer token trace tree update value vector worker writer zone`)

var typeNames = strings.Fields(`int uint32 uint64 size_t bool string error []byte
*Node *Buffer *Request Context`)

// lang is a family of source files: its extensions and a pool of lines
// that files are drawn from.
type lang struct {
	exts  []string
	lines [][]byte
}

// newLangs builds the line pools once per run; drawing whole lines from a
// pool is what keeps generating hundreds of megabytes of text fast.
func newLangs(rng *rand.Rand) []*lang {
	const pool = 4096
	gen := []struct {
		exts []string
		line func() string
	}{
		{[]string{".go"}, func() string { return goLine(rng) }},
		{[]string{".c", ".h"}, func() string { return cLine(rng) }},
		{[]string{".py"}, func() string { return pyLine(rng) }},
		{[]string{".js", ".ts"}, func() string { return jsLine(rng) }},
		{[]string{".md", ".txt"}, func() string { return proseLine(rng) }},
	}
	out := make([]*lang, len(gen))
	for i, g := range gen {
		l := &lang{exts: g.exts, lines: make([][]byte, pool)}
		for j := range l.lines {
			l.lines[j] = []byte(g.line() + "\n")
		}
		out[i] = l
	}
	return out
}

func word(r *rand.Rand) string { return words[r.IntN(len(words))] }

func ident(r *rand.Rand) string {
	if r.IntN(2) == 0 {
		return word(r)
	}
	return word(r) + strings.ToUpper(word(r)[:1]) + word(r)[1:]
}

func exported(r *rand.Rand) string {
	w := ident(r)
	return strings.ToUpper(w[:1]) + w[1:]
}

func indent(r *rand.Rand) string { return strings.Repeat("\t", r.IntN(4)) }

func comment(r *rand.Rand) string {
	n := 3 + r.IntN(8)
	ws := make([]string, n)
	for i := range ws {
		ws[i] = word(r)
	}
	if r.IntN(40) == 0 {
		return "TODO(" + word(r) + "): " + strings.Join(ws, " ")
	}
	return strings.Join(ws, " ")
}

func goLine(r *rand.Rand) string {
	switch r.IntN(10) {
	case 0:
		return fmt.Sprintf("func (%c *%s) %s(%s %s) error {", word(r)[0], exported(r), exported(r), ident(r), typeNames[r.IntN(len(typeNames))])
	case 1:
		return indent(r) + "// " + comment(r)
	case 2:
		return indent(r) + fmt.Sprintf("if err := %s.%s(%s, %d); err != nil {", ident(r), exported(r), ident(r), r.IntN(4096))
	case 3:
		return indent(r) + "return " + ident(r) + ", nil"
	case 4:
		return ""
	case 5:
		return indent(r) + "}"
	default:
		return indent(r) + fmt.Sprintf("%s := %s.%s(%s)", ident(r), ident(r), exported(r), ident(r))
	}
}

func cLine(r *rand.Rand) string {
	switch r.IntN(10) {
	case 0:
		return fmt.Sprintf("static int %s_%s(struct %s *%s, %s %s)", word(r), word(r), word(r), word(r), typeNames[r.IntN(4)], word(r))
	case 1:
		return indent(r) + "/* " + comment(r) + " */"
	case 2:
		return indent(r) + fmt.Sprintf("if (%s->%s < %d)", word(r), word(r), r.IntN(65536))
	case 3:
		return indent(r) + fmt.Sprintf("return -E%s;", strings.ToUpper(word(r)))
	case 4:
		return ""
	case 5:
		return indent(r) + "}"
	default:
		return indent(r) + fmt.Sprintf("%s->%s = %s_%s(%s, 0x%x);", word(r), word(r), word(r), word(r), word(r), r.Uint32())
	}
}

func pyLine(r *rand.Rand) string {
	sp := strings.Repeat("    ", r.IntN(4))
	switch r.IntN(8) {
	case 0:
		return fmt.Sprintf("def %s_%s(self, %s, %s=None):", word(r), word(r), word(r), word(r))
	case 1:
		return sp + "# " + comment(r)
	case 2:
		return sp + fmt.Sprintf("if %s.%s > %d:", word(r), word(r), r.IntN(1000))
	case 3:
		return ""
	default:
		return sp + fmt.Sprintf("%s = self.%s_%s(%s)", word(r), word(r), word(r), word(r))
	}
}

func jsLine(r *rand.Rand) string {
	sp := strings.Repeat("  ", r.IntN(4))
	switch r.IntN(8) {
	case 0:
		return fmt.Sprintf("export function %s(%s, %s) {", ident(r), word(r), word(r))
	case 1:
		return sp + "// " + comment(r)
	case 2:
		return sp + fmt.Sprintf("const %s = await %s.%s(%q);", ident(r), word(r), ident(r), word(r))
	case 3:
		return sp + "}"
	default:
		return sp + fmt.Sprintf("%s.%s = %s(%s);", word(r), word(r), ident(r), word(r))
	}
}

func proseLine(r *rand.Rand) string {
	if r.IntN(6) == 0 {
		return ""
	}
	if r.IntN(12) == 0 {
		return "## " + exported(r)
	}
	return comment(r) + "."
}

// textSize draws a file size like a real source tree: mostly 1-20 KiB
// (log-uniform), some small files and a tail of larger ones.
func textSize(r *rand.Rand) int {
	switch x := r.Float64(); {
	case x < 0.04:
		return 100 + r.IntN(900)
	case x < 0.95:
		return int(1024 * math.Exp(r.Float64()*math.Log(20)))
	default:
		return 20*1024 + r.IntN(80*1024)
	}
}

// text makes a file of about size bytes (or exactly lines lines when
// lines > 0) from l's pool. The first line names the path, so that no two
// files start out identical.
func (l *lang) text(r *rand.Rand, path string, size, lines int) []byte {
	var b bytes.Buffer
	if lines > 0 {
		b.Grow(lines * 40)
	} else {
		b.Grow(size + 128)
	}
	fmt.Fprintf(&b, "// %s\n", path)
	for n := 1; ; n++ {
		if lines > 0 && n >= lines || lines == 0 && b.Len() >= size {
			break
		}
		b.Write(l.lines[r.IntN(len(l.lines))])
	}
	return b.Bytes()
}

// binaryBlob makes an incompressible blob with a NUL in its first bytes, so
// every binary check calls it binary.
func binaryBlob(r *rand.Rand, size int) []byte {
	b := make([]byte, size)
	for i := 0; i+8 <= len(b); i += 8 {
		v := r.Uint64()
		for j := range 8 {
			b[i+j] = byte(v >> (8 * j))
		}
	}
	if len(b) > 4 {
		copy(b, "\x89BIN\x00")
	}
	return b
}

// lineStarts returns the byte offsets where each line starts.
func lineStarts(data []byte) []int {
	starts := []int{0}
	for i, c := range data {
		if c == '\n' && i+1 < len(data) {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// edit applies one small hunk at a random place: replace, insert or
// delete a few lines. grow biases it towards inserting (+1) or deleting
// (-1) so a file can be held near a target length.
func (l *lang) edit(r *rand.Rand, data []byte, grow int) []byte {
	starts := lineStarts(data)
	n := len(starts)
	at := 1 + r.IntN(max(1, n-1)) // keep the path line
	op := r.IntN(3)
	if grow > 0 {
		op = 1
	} else if grow < 0 && n > 20 {
		op = 2
	}
	count := 1 + r.IntN(5)
	end := min(n, at+count)
	pos := func(i int) int {
		if i >= n {
			return len(data)
		}
		return starts[i]
	}
	var b bytes.Buffer
	b.Grow(len(data) + 512)
	b.Write(data[:pos(at)])
	switch op {
	case 0: // replace
		for range end - at {
			b.Write(l.lines[r.IntN(len(l.lines))])
		}
		b.Write(data[pos(end):])
	case 1: // insert
		for range count {
			b.Write(l.lines[r.IntN(len(l.lines))])
		}
		b.Write(data[pos(at):])
	default: // delete
		b.Write(data[pos(end):])
	}
	return b.Bytes()
}
