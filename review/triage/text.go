package triage

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"sightline/review"
)

// textRE is "path:line: message" or "path:line:col: message" (gcc,
// cppcheck --template=gcc, gosec -fmt=golint, and many linters).
var textRE = regexp.MustCompile(`^(.+?):([0-9]+):(?:([0-9]+):)?\s?(.*)$`)

// levelRE is the level word gcc-style tools put before the message.
var levelRE = regexp.MustCompile(`(?i)^\s*(fatal error|error|warning|note|style|performance|portability|information|info)\s*:\s*`)

// ruleRE is a trailing rule id: gcc's "[-Wformat]", cppcheck's
// "[nullPointer]", or gosec's "(Rule:G204, Severity:MEDIUM, ...)".
var (
	bracketRuleRE = regexp.MustCompile(`\s*\[([^\[\]\s]+)\]\s*$`)
	gosecRuleRE   = regexp.MustCompile(`\(Rule:\s*([A-Za-z0-9_.-]+)(?:,\s*Severity:\s*([A-Za-z]+))?[^)]*\)\s*$`)
)

// Unread is a line of a text report that was not a result.
type Unread struct {
	Line int
	Text string
}

// ParseText reads a line-oriented report. tool names the scanner (the
// text does not). Lines that are not "path:line: message" are returned
// as skipped, so the caller can say how many there were.
func ParseText(r io.Reader, tool, srcRoot string) ([]Result, []Unread, error) {
	lr := &io.LimitedReader{R: r, N: MaxFileSize + 1}
	sc := bufio.NewScanner(lr)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	var out []Result
	var skipped []Unread
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		res, ok := parseTextLine(line, tool, srcRoot)
		if !ok {
			skipped = append(skipped, Unread{Line: n, Text: line})
			continue
		}
		if len(out) == MaxResults {
			return nil, nil, fmt.Errorf("%w: more than %d results; split the scan", ErrTooLarge, MaxResults)
		}
		out = append(out, res)
	}
	if lr.N <= 0 {
		return nil, nil, tooLarge()
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("reading the report: %v (a line over 1 MiB?)", err)
	}
	return out, skipped, nil
}

func parseTextLine(line, tool, srcRoot string) (Result, bool) {
	m := textRE.FindStringSubmatch(line)
	if m == nil {
		return Result{}, false
	}
	n, err := strconv.Atoi(m[2])
	if err != nil || n < 1 {
		return Result{}, false
	}
	// The message goes into the journal as JSON, which cannot carry
	// invalid UTF-8 unchanged; the path keeps its bytes.
	msg := strings.ToValidUTF8(m[4], "\uFFFD")
	res := Result{Tool: tool, Level: "warning"}
	if lm := levelRE.FindStringSubmatch(msg); lm != nil {
		res.Level = textLevel(lm[1])
		msg = msg[len(lm[0]):]
	}
	res.Severity = severityOf(res.Level)
	if gm := gosecRuleRE.FindStringSubmatch(msg); gm != nil {
		res.Rule = gm[1]
		if gm[2] != "" {
			if sev, err := review.ParseSeverity(gm[2]); err == nil {
				res.Severity = sev
			}
		}
		msg = strings.TrimSpace(msg[:len(msg)-len(gm[0])])
	} else if bm := bracketRuleRE.FindStringSubmatch(msg); bm != nil {
		res.Rule = bm[1]
		msg = msg[:len(msg)-len(bm[0])]
	}
	res.CWE = cweOf(msg, res.Rule)
	res.Message = strings.TrimSpace(msg)
	p := m[1]
	if utf8.ValidString(p) {
		res.Where.Path, res.Where.Bad = cleanPath(p, srcRoot)
	} else {
		res.Where.Path = p // not a URI: kept as raw bytes
	}
	res.Where.StartLine, res.Where.EndLine = n, n
	return res, true
}

func textLevel(w string) string {
	switch strings.ToLower(w) {
	case "fatal error", "error":
		return "error"
	case "warning", "performance", "portability":
		return "warning"
	case "note", "style":
		return "note"
	}
	return "none"
}
