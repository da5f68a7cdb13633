package bundle

import (
	"fmt"
	"strings"

	"sightline/repo/textsafe"
	"sightline/review"
)

// RenderMarkdown writes a bundle as a human report: the review's identity,
// a summary table by severity, then each finding with its path of steps.
//
// Everything taken from the review or the repository (titles, notes,
// paths, the repository name) is untrusted here: a hostile path could
// otherwise inject links, HTML or table cells into a report that someone
// opens in a rendering viewer. Single-line text is sanitized (control
// characters made visible) and every Markdown punctuation character is
// backslash-escaped; multi-line text (descriptions, snippets) goes into a
// fenced block whose fence is longer than any backtick run inside it.
func RenderMarkdown(b *Bundle) string {
	var w strings.Builder
	fmt.Fprintf(&w, "# Security review findings: %s\n\n", mdText(b.Repository.Name))
	fmt.Fprintf(&w, "- Pin: `%s` (%s), tree `%s`\n", b.Pin.Commit, mdText(b.Pin.Ref), b.Pin.Tree)
	if b.Base != nil {
		fmt.Fprintf(&w, "- Base: `%s` (%s)\n", b.Base.Commit, mdText(b.Base.Ref))
	}
	fmt.Fprintf(&w, "- Reviewer: %s\n- Created: %s\n- Tool: %s %s (commit %s)\n", mdText(b.Reviewer), b.Created, mdText(b.Tool.Name), mdText(b.Tool.Version), mdText(b.Tool.Commit))
	c := b.Coverage.Counts
	fmt.Fprintf(&w, "- Coverage: %d of %d files, %d of %d lines", c.ReviewedFiles, c.TotalFiles, c.ReviewedLines, c.TotalLines)
	if c.TotalBytes > 0 || c.ReviewedBytes > 0 {
		fmt.Fprintf(&w, " and %s of %s in binary files", review.ByteCount(c.ReviewedBytes), review.ByteCount(c.TotalBytes))
	}
	w.WriteString(" marked reviewed\n")
	for _, r := range b.Release {
		writeMarkdownRelease(&w, r)
	}
	w.WriteString("\n")

	w.WriteString("## Summary\n\n| Severity | Findings |\n|---|---:|\n")
	counts := map[review.Severity]int{}
	for _, f := range b.Findings {
		counts[f.Severity]++
	}
	for i := len(review.Severities) - 1; i >= 0; i-- {
		fmt.Fprintf(&w, "| %s | %d |\n", review.Severities[i], counts[review.Severities[i]])
	}
	fmt.Fprintf(&w, "| **total** | **%d** |\n", len(b.Findings))

	for _, f := range b.Findings {
		writeMarkdownFinding(&w, f)
	}
	return w.String()
}

func writeMarkdownFinding(w *strings.Builder, f BundleFinding) {
	fmt.Fprintf(w, "\n## %s: %s\n\n", f.ID, mdText(f.Title))
	cwe := "none"
	if f.CWE != "" {
		cwe = f.CWE
	}
	fmt.Fprintf(w, "- Severity: **%s**\n- Status: %s\n- CWE: %s\n- Created: %s, updated: %s\n", f.Severity, f.Status, cwe, f.Created, f.Updated)
	if f.Description != "" {
		w.WriteString("\n" + mdFence(f.Description, ""))
	}
	w.WriteString("\nSteps:\n\n")
	for i, s := range f.Steps {
		l := s.Location
		side := ""
		if l.Side != "" {
			side = " (" + l.Side + " side)"
		}
		path, err := l.RawPath()
		if err != nil {
			path = l.Path
		}
		fmt.Fprintf(w, "%d. %s, lines %d-%d%s  \n   blob `%s`, lineHash `%s`\n", i+1, mdText(path), l.StartLine, l.EndLine, side, l.Blob, l.LineHash)
		if a := l.Archive; a != nil {
			fmt.Fprintf(w, "   in release archive %s, sha256 `%s`\n", mdText(a.Name), a.SHA256)
		}
		if s.Note != "" {
			fmt.Fprintf(w, "\n   %s\n", mdText(s.Note))
		}
		if s.Snippet != "" {
			w.WriteString("\n" + mdFence(s.Snippet, "   "))
		}
	}
}

// mdText makes untrusted text safe as inline Markdown: one line, control
// characters visible, and every punctuation character that Markdown or
// HTML could act on backslash-escaped (CommonMark allows escaping any
// ASCII punctuation, so the rendered text is unchanged).
func mdText(s string) string {
	s = textsafe.Sanitize(s)
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_{}[]()<>#+-!|~&\"'=$:", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdFence puts multi-line untrusted text in a fenced block that nothing
// inside can close, each line prefixed by indent (for list items).
func mdFence(s, indent string) string {
	s = textsafe.SanitizeMultiline(strings.TrimSuffix(s, "\n"))
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", max(3, longest+1))
	var b strings.Builder
	b.WriteString(indent + fence + "text\n")
	for _, line := range strings.Split(s, "\n") {
		b.WriteString(indent + line + "\n")
	}
	b.WriteString(indent + fence + "\n")
	return b.String()
}
