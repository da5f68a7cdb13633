package repo

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"sightline/repo/textsafe"
)

// ScanSource says where ScanHostile found a hostile character.
type ScanSource uint8

// Where hostile characters are looked for.
const (
	ScanContent       ScanSource = iota // a file's content: Issue.Line and Col are in the file
	ScanPath                            // a file or directory name: Issue.Col is a byte column of Path
	ScanSymlinkTarget                   // the target a symlink records: Issue.Col is a byte column of it
	ScanMessage                         // a commit message: Issue.Line and Col are in the message
	ScanAuthor                          // a commit's "Name <email>" author: Issue.Col is a byte column of it
	ScanCommitter                       // the committer, when it differs from the author
	ScanUnreadable                      // an object that could not be read: Err says why
)

var sourceNames = [...]string{"content", "path", "symlink target", "message", "author", "committer", "unreadable"}

// String names the source ("content", "path", "message", ...).
func (s ScanSource) String() string {
	if int(s) < len(sourceNames) {
		return sourceNames[s]
	}
	return "unknown"
}

// ScanReport is one finding of ScanHostile.
type ScanReport struct {
	Source ScanSource
	Path   string         // raw path (ScanContent, ScanPath, ScanSymlinkTarget, an unreadable file)
	Commit Hash           // the commit (ScanMessage, ScanAuthor, ScanCommitter, an unreadable commit)
	Issue  textsafe.Issue // zero for ScanUnreadable
	Err    error          // ScanUnreadable only
	Rule   ScanRule       // why it was reported
	Ident  string         // raw identifier or word, for the identifier and name rules
	Other  string         // raw identifier it reads as, for RuleConfusableIdent
}

// String is the report as "sightline scan" prints it, sanitized for a
// terminal:
//
//	path:line:col: U+202E RIGHT-TO-LEFT OVERRIDE
//	path: path col 4: U+001B ESCAPE
//	commit <hash> message:1:9: U+001B ESCAPE
//	commit <hash> author col 5: U+001B ESCAPE
//	path:2:5: U+0430 CYRILLIC SMALL LETTER A (identifier "а" reads as "a")
func (rp ScanReport) String() string {
	code := rp.Issue.Code() + " " + rp.Issue.Name
	switch rp.Rule {
	case RuleMixedScriptIdent:
		code += fmt.Sprintf(" (mixed-script identifier %q)", textsafe.Sanitize(rp.Ident))
	case RuleConfusableIdent:
		code += fmt.Sprintf(" (identifier %q reads as %q)", textsafe.Sanitize(rp.Ident), textsafe.Sanitize(rp.Other))
	case RuleMixedScriptName:
		code += fmt.Sprintf(" (mixed-script word %q)", textsafe.Sanitize(rp.Ident))
	}
	switch rp.Source {
	case ScanContent:
		return fmt.Sprintf("%s:%d:%d: %s", textsafe.Sanitize(rp.Path), rp.Issue.Line, rp.Issue.Col, code)
	case ScanPath, ScanSymlinkTarget:
		return fmt.Sprintf("%s: %s col %d: %s", textsafe.Sanitize(rp.Path), rp.Source, rp.Issue.Col, code)
	case ScanMessage:
		return fmt.Sprintf("commit %s message:%d:%d: %s", rp.Commit, rp.Issue.Line, rp.Issue.Col, code)
	case ScanAuthor, ScanCommitter:
		return fmt.Sprintf("commit %s %s col %d: %s", rp.Commit, rp.Source, rp.Issue.Col, code)
	}
	if rp.Path != "" {
		return fmt.Sprintf("%s: unreadable: %s", textsafe.Sanitize(rp.Path), textsafe.Sanitize(rp.Err.Error()))
	}
	return fmt.Sprintf("commit %s: unreadable: %s", rp.Commit, textsafe.Sanitize(rp.Err.Error()))
}

// ScanHostile finds every hostile character at the pin and calls fn for each,
// in a fixed order: for each file in git's order, its path's names, then
// its content (or a symlink's target); then the commits reachable from the
// pin, breadth first in parent order, each with its message, author and
// committer. Bidi controls, invisible and control characters and invalid
// UTF-8 are reported wherever they are. Letters of another script are
// reported only where they make an identifier in code mixed-script, or
// make it read as another identifier of the tree (those whose twin comes
// later in the walk are reported after the last file), and where they
// make a word of a file name or an author mixed-script: never in
// comments, strings, commit messages or translation catalogues. Text files are scanned, and so are files git calls binary
// only because of a few NUL bytes (HOST-14: a C file with a NUL compiles).
// An object that cannot be read is reported as ScanUnreadable and the scan
// goes on. A byte order mark at the start of a file is not reported. An
// error from fn or ctx stops the scan and is returned.
func (r *Repo) ScanHostile(ctx context.Context, pin Pin, fn func(ScanReport) error) error {
	if ctx == nil {
		ctx = context.Background()
	}
	seenDirs := map[string]bool{}
	idents := newIdentTable()
	err := r.WalkFiles(ctx, pin.Tree, func(e Entry) error {
		if err := scanNames(e.Path, seenDirs, fn); err != nil {
			return err
		}
		switch e.Kind {
		case KindError:
			return fn(unreadable(e.Path, e.Err))
		case KindSymlink:
			target, err := r.SymlinkTarget(ctx, e)
			if err != nil {
				return fn(unreadable(e.Path, err))
			}
			return emitField(target, ScanReport{Source: ScanSymlinkTarget, Path: e.Path}, 0, fn)
		case KindFile, KindExec:
			return scanFile(ctx, r, e, idents, fn)
		}
		return nil
	})
	if err == nil {
		err = idents.finish(fn)
	}
	if err != nil {
		return err
	}
	return scanHistory(ctx, r, pin.Commit, fn)
}

// scanNames reports the hostile characters of each name in path, each
// directory only once.
func scanNames(path string, seenDirs map[string]bool, fn func(ScanReport) error) error {
	start := 0
	for start <= len(path) {
		end := strings.IndexByte(path[start:], '/')
		isDir := end >= 0
		if !isDir {
			end = len(path)
		} else {
			end += start
		}
		if isDir && seenDirs[path[:end]] {
			start = end + 1
			continue
		}
		if isDir {
			seenDirs[path[:end]] = true
		}
		if err := emitField(path[start:end], ScanReport{Source: ScanPath, Path: path[:end]}, start, fn); err != nil {
			return err
		}
		start = end + 1
	}
	return nil
}

func unreadable(path string, err error) ScanReport {
	return ScanReport{Source: ScanUnreadable, Path: path, Err: err, Rule: RuleUnreadable}
}

// emitField scans one single-line field (a name, an author) and reports
// each hostile character and each letter that makes a word of it
// mixed-script, in column order, shifted by colBase.
func emitField(s string, base ScanReport, colBase int, fn func(ScanReport) error) error {
	names := nameReports(s, base, colBase)
	for _, is := range textsafe.ScanField(s) {
		if !is.Kind.Hostile() || is.Kind == textsafe.Homoglyph {
			continue
		}
		is.Col += colBase
		for len(names) > 0 && names[0].Issue.Col < is.Col {
			if err := fn(names[0]); err != nil {
				return err
			}
			names = names[1:]
		}
		rp := base
		rp.Issue, rp.Rule = is, ruleOf(is.Kind)
		if err := fn(rp); err != nil {
			return err
		}
	}
	for _, rp := range names {
		if err := fn(rp); err != nil {
			return err
		}
	}
	return nil
}

// scanFile streams one blob through the scanner, unless it is binary,
// and its identifiers through idents; reports come in line and column
// order.
func scanFile(ctx context.Context, r *Repo, e Entry, idents *identTable, fn func(ScanReport) error) error {
	rd, _, err := r.OpenBlob(ctx, e.Hash)
	if err != nil {
		return fn(unreadable(e.Path, err))
	}
	defer rd.Close()
	br := bufio.NewReaderSize(rd, 64<<10)
	// What decides whether to scan a file: the bytes git's binary test
	// looks at.
	head, err := br.Peek(BinarySniffLen)
	if err != nil && len(head) < BinarySniffLen && !errors.Is(err, io.EOF) {
		return fn(unreadable(e.Path, err))
	}
	if !looksLikeText(head) {
		return nil
	}
	// The tokenizer sees each line before the character scanner reports
	// on it, so identifier reports queue up and are let out in order.
	var queue []ScanReport
	lx := newIdentLexer(familyOf(e.Path), func(line, col int, ident string) {
		queue = append(queue, idents.add(e.Path, line, col, ident)...)
	})
	flush := func(line, col int) error {
		for len(queue) > 0 && (queue[0].Issue.Line < line || queue[0].Issue.Line == line && queue[0].Issue.Col < col) {
			if err := fn(queue[0]); err != nil {
				return err
			}
			queue = queue[1:]
		}
		return nil
	}
	var fnErr error
	err = textsafe.ScanReader(io.TeeReader(ctxReader{ctx, br}, lx), func(is textsafe.Issue) error {
		if !is.Kind.Hostile() || is.Kind == textsafe.Homoglyph {
			return nil
		}
		if fnErr = flush(is.Line, is.Col); fnErr != nil {
			return fnErr
		}
		fnErr = fn(ScanReport{Source: ScanContent, Path: e.Path, Issue: is, Rule: ruleOf(is.Kind)})
		return fnErr
	})
	if err != nil && fnErr == nil && ctx.Err() == nil {
		return fn(unreadable(e.Path, fmt.Errorf("blob %s: %w", e.Hash, err)))
	}
	if err != nil {
		return err
	}
	lx.Close()
	return flush(int(^uint(0)>>1), 0)
}

// looksLikeText says whether a file's first bytes are text worth
// scanning: no NUL (git's rule), or few enough NULs and other control
// bytes that it is text with a NUL planted in it rather than a real
// binary format, which would be reported byte by byte to no use.
func looksLikeText(head []byte) bool {
	nul, odd := 0, 0
	for i := 0; i < len(head); {
		c := head[i]
		switch {
		case c == 0:
			nul++
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f', c == 0x7f:
			odd++
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(head[i:])
			if r == utf8.RuneError && size == 1 && len(head)-i >= utf8.UTFMax {
				odd++
			}
			i += size
			continue
		}
		i++
	}
	if nul == 0 {
		return true
	}
	return nul*10 <= len(head) && odd*100 <= len(head)
}

// scanHistory reports hostile characters in the commits reachable from
// tip, breadth first in parent order.
func scanHistory(ctx context.Context, r *Repo, tip Hash, fn func(ScanReport) error) error {
	seen := map[Hash]bool{tip: true}
	queue := []Hash{tip}
	for len(queue) > 0 {
		h := queue[0]
		queue = queue[1:]
		c, err := r.ReadCommit(ctx, h)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if err := fn(ScanReport{Source: ScanUnreadable, Commit: h, Err: err, Rule: RuleUnreadable}); err != nil {
				return err
			}
			continue
		}
		if err := scanCommit(c, fn); err != nil {
			return err
		}
		for _, p := range c.Parents {
			if !seen[p] {
				seen[p] = true
				queue = append(queue, p)
			}
		}
	}
	return nil
}

// scanCommit reports a commit's hostile characters. Its message is prose:
// letters of any script are fine there.
func scanCommit(c Commit, fn func(ScanReport) error) error {
	if c.MessageCut > 0 {
		// Said, not silently skipped: the rest of the message is unscanned.
		err := fmt.Errorf("commit %s is %d bytes: only its first %d were scanned", c.Hash, c.MessageCut, ObjectPrefixMax)
		if err := fn(ScanReport{Source: ScanUnreadable, Commit: c.Hash, Err: err}); err != nil {
			return err
		}
	}
	for _, is := range textsafe.Scan([]byte(c.Message)) {
		if is.Kind.Hostile() && is.Kind != textsafe.Homoglyph {
			if err := fn(ScanReport{Source: ScanMessage, Commit: c.Hash, Issue: is, Rule: ruleOf(is.Kind)}); err != nil {
				return err
			}
		}
	}
	author := c.Author.Name + " <" + c.Author.Email + ">"
	if err := emitField(author, ScanReport{Source: ScanAuthor, Commit: c.Hash}, 0, fn); err != nil {
		return err
	}
	committer := c.Committer.Name + " <" + c.Committer.Email + ">"
	if committer == author {
		return nil
	}
	return emitField(committer, ScanReport{Source: ScanCommitter, Commit: c.Hash}, 0, fn)
}
