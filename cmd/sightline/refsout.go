package main

import (
	"bufio"
	"encoding/json"
	"io"
	"unicode/utf8"
)

// A reference's line is printed with it, and a line may be a megabyte of
// "x x x …": each of its references printing all of it would make the
// output grow with the square of the line. A long line is cut to a
// window around the occurrence, so the output grows with the references.
const (
	refTextMax    = 400 // a line up to this long is printed whole
	refTextBefore = 160 // bytes kept before the occurrence of a longer one
	refTextAfter  = 240 // bytes kept from the occurrence on
)

// lineAround returns text whole when it is short, else the part of it
// around byte column col (from 1), cut at character boundaries and marked
// "…" where something was left out.
func lineAround(text string, col int) string {
	if len(text) <= refTextMax {
		return text
	}
	at := min(max(col-1, 0), len(text))
	from, to := max(at-refTextBefore, 0), min(at+refTextAfter, len(text))
	for from > 0 && !utf8.RuneStart(text[from]) {
		from++
	}
	for to < len(text) && !utf8.RuneStart(text[to]) {
		to--
	}
	out := text[from:to]
	if from > 0 {
		out = "…" + out
	}
	if to < len(text) {
		out += "…"
	}
	return out
}

// writeRefsJSON writes doc as writeJSON would, a reference at a time, so
// that the output of a name with a great many references is never held
// whole in memory.
func writeRefsJSON(w io.Writer, doc refsDoc) error {
	bw := bufio.NewWriter(w)
	head, err := json.MarshalIndent(struct {
		Name   string `json:"name"`
		Commit string `json:"commit"`
	}{doc.Name, doc.Commit}, "", "  ")
	if err != nil {
		return err
	}
	bw.Write(head[:len(head)-2]) // up to the closing "\n}"
	bw.WriteString(",\n  \"references\": [")
	for i, r := range doc.References {
		b, err := json.MarshalIndent(r, "    ", "  ")
		if err != nil {
			return err
		}
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    ")
		bw.Write(b)
	}
	if len(doc.References) > 0 {
		bw.WriteString("\n  ")
	}
	skipped, err := json.MarshalIndent(doc.Skipped, "  ", "  ")
	if err != nil {
		return err
	}
	bw.WriteString("],\n  \"skipped\": ")
	bw.Write(skipped)
	bw.WriteString("\n}\n")
	return bw.Flush()
}
