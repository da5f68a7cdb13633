package review

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
)

func TestLineHashVectors(t *testing.T) {
	blob := []byte("a\nb\r\nc")
	tests := []struct {
		start, end int
		want       string
	}{
		{1, 1, "sha256:87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7"},
		{2, 3, "sha256:b7e11f71e2f3f9ab6e1aed29c5c30dd156dbe2bb9aaf41c021a34a8f0a265ff7"},
		{1, 3, "sha256:fb129fc5b78b4080d40235bfb262c2d82b390e034a0c58adbc06e61ce1e717b9"},
	}
	for _, tc := range tests {
		got, err := LineHash(blob, tc.start, tc.end)
		if err != nil || got != tc.want {
			t.Errorf("LineHash(%d-%d) = %q, %v; want %q", tc.start, tc.end, got, err, tc.want)
		}
	}
	if got := gitBlobID(blob).String(); got != "825b0755c9572cc447fb04887ea48c05a149c541" {
		t.Errorf("blob id = %s", got)
	}
}

func TestLineHashRefusesMissingLines(t *testing.T) {
	tests := []struct {
		content    string
		start, end int
		want       string
	}{
		{"", 1, 1, "the file is empty and has no lines"},
		{"a\nb\r\nc", 3, 4, "the file has 3 lines"},
		{"a\n", 2, 2, "the file has 1 lines"},
		{"a\n", 0, 1, "lines count from 1"},
		{"a\nb\n", 2, 1, "START <= END"},
	}
	for _, tc := range tests {
		_, err := LineHash([]byte(tc.content), tc.start, tc.end)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("LineHash(%q, %d, %d) error = %v; want it to say %q", tc.content, tc.start, tc.end, err, tc.want)
		}
	}
}

func TestParsers(t *testing.T) {
	for in, want := range map[string]string{"CWE-78": "CWE-78", "cwe-78": "CWE-78", " Cwe-1004 ": "CWE-1004", "": ""} {
		if got, err := ParseCWE(in); err != nil || got != want {
			t.Errorf("ParseCWE(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"78", "CWE78", "CWE-", "CWE-078", "CWE-7x", "CWE--1", "CWE-1234567", "CVE-2024-1"} {
		_, err := ParseCWE(in)
		if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "like CWE-78") {
			t.Errorf("ParseCWE(%q) error = %v; want a refusal showing CWE-78", in, err)
		}
	}
	if s, err := ParseSeverity("HIGH"); s != SeverityHigh || err != nil {
		t.Errorf("ParseSeverity(HIGH) = %q, %v", s, err)
	}
	if _, err := ParseSeverity("severe"); err == nil || !strings.Contains(err.Error(), "info, low, medium, high, critical") {
		t.Errorf("ParseSeverity(severe) error = %v", err)
	}
	if s, err := ParseStatus("False-Positive"); s != StatusFalsePositive || err != nil {
		t.Errorf("ParseStatus = %q, %v", s, err)
	}
	if _, err := ParseStatus("done"); err == nil || !strings.Contains(err.Error(), "open, confirmed, false-positive, needs-info") {
		t.Errorf("ParseStatus(done) error = %v", err)
	}
	for in, want := range map[string][2]int{"10-20": {10, 20}, "7": {7, 7}, " 3 - 4 ": {3, 4}} {
		a, b, err := ParseLines(in)
		if err != nil || a != want[0] || b != want[1] {
			t.Errorf("ParseLines(%q) = %d, %d, %v", in, a, b, err)
		}
	}
	for _, in := range []string{"", "0", "5-4", "a-b", "1-", "-3"} {
		if _, _, err := ParseLines(in); err == nil {
			t.Errorf("ParseLines(%q) accepted", in)
		}
	}
	for in, want := range map[string]string{"F-0012": "F-0012", "f-12": "F-0012", "3": "F-0003"} {
		if got, err := ParseID(in); err != nil || got != want {
			t.Errorf("ParseID(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "F-", "F-0", "X-1", "F-1a"} {
		if _, err := ParseID(in); err == nil {
			t.Errorf("ParseID(%q) accepted", in)
		}
	}
}

func openTestRepo(t *testing.T, tree repotest.Tree) (*repotest.Repo, *repo.Repo, repo.Pin) {
	t.Helper()
	rt := repotest.New(t)
	rt.Commit("initial", tree)
	r, pin := pintest.Head(t, rt)
	return rt, r, pin
}

func TestNewLocation(t *testing.T) {
	_, r, pin := openTestRepo(t, repotest.Tree{
		"src/main.c":    {Content: "a\nb\r\nc"},
		"empty.txt":     {Content: ""},
		"bad\xffname.c": {Content: "x\n"},
	})
	ctx := context.Background()
	l, err := NewLocation(ctx, r, pin.Commit, "src/main.c", 2, 3, "")
	if err != nil {
		t.Fatal(err)
	}
	want := Location{Commit: pin.Commit.String(), Path: "src/main.c", Blob: "825b0755c9572cc447fb04887ea48c05a149c541",
		StartLine: 2, EndLine: 3, LineHash: "sha256:b7e11f71e2f3f9ab6e1aed29c5c30dd156dbe2bb9aaf41c021a34a8f0a265ff7"}
	if l != want {
		t.Errorf("NewLocation = %+v\nwant %+v", l, want)
	}
	refusals := []struct {
		path       string
		start, end int
		side, want string
	}{
		{"src/main.c", 3, 4, "", "the file has 3 lines"},
		{"empty.txt", 1, 1, "", "the file is empty"},
		{"nope.c", 1, 1, "", "no such file"},
		{"src", 1, 1, "", "not a file"},
		{"src/main.c", 1, 1, "left", "use base or pin"},
	}
	for _, tc := range refusals {
		_, err := NewLocation(ctx, r, pin.Commit, tc.path, tc.start, tc.end, tc.side)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("NewLocation(%q, %d-%d) error = %v; want %q", tc.path, tc.start, tc.end, err, tc.want)
		}
	}
	// A path that is not UTF-8 survives a JSON round trip through pathBytes.
	l, err = NewLocation(ctx, r, pin.Commit, "bad\xffname.c", 1, 1, "")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(l)
	if !strings.Contains(string(b), `"pathBytes":"YmFk/25hbWUuYw=="`) {
		t.Errorf("JSON = %s; want pathBytes", b)
	}
	var back Location
	if err := json.Unmarshal(b, &back); err != nil || back != l {
		t.Errorf("round trip = %+v, %v; want %+v", back, err, l)
	}
}

// TestNewLocationRefusesSubstitutedObject replaces a loose blob's file by
// another blob's bytes: go-git reads it without complaint, NewLocation must
// not.
func TestNewLocationRefusesSubstitutedObject(t *testing.T) {
	rt, r, pin := openTestRepo(t, repotest.Tree{"a.c": {Content: "good\n"}})
	h := rt.Blob("good\n")
	var buf bytes.Buffer
	zw := zlib.NewWriter(&buf)
	_, _ = zw.Write([]byte("blob 5\x00evil\n"))
	_ = zw.Close()
	p := rt.ObjectPath(h)
	_ = os.Chmod(p, 0o644)
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := NewLocation(context.Background(), r, pin.Commit, "a.c", 1, 1, "")
	if !errors.Is(err, repo.ErrHashMismatch) || !strings.Contains(err.Error(), "substituted") {
		t.Fatalf("error = %v; want a hash mismatch naming the substitution", err)
	}
}

func TestFindingValidate(t *testing.T) {
	loc := Location{Commit: strings.Repeat("a", 40), Path: "x", Blob: strings.Repeat("b", 40), StartLine: 1, EndLine: 1,
		LineHash: "sha256:" + strings.Repeat("c", 64)}
	good := Finding{Title: " t ", Severity: "High", CWE: "cwe-78", Steps: []Step{{Location: loc}}}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	if good.Title != "t" || good.Severity != SeverityHigh || good.CWE != "CWE-78" || good.Status != StatusOpen {
		t.Errorf("normalised = %+v", good)
	}
	bad := []struct {
		mut  func(*Finding)
		want string
	}{
		{func(f *Finding) { f.Title = "" }, "needs a title"},
		{func(f *Finding) { f.Title = "a\nb" }, "one line only"},
		{func(f *Finding) { f.Severity = "urgent" }, "use one of info"},
		{func(f *Finding) { f.CWE = "78" }, "like CWE-78"},
		{func(f *Finding) { f.Status = "closed" }, "use one of open"},
		{func(f *Finding) { f.Description = "\xff" }, "not valid UTF-8"},
		{func(f *Finding) { f.Steps = nil }, "at least one location"},
		{func(f *Finding) { f.Steps = []Step{{Location: Location{}}} }, "step 1"},
	}
	for _, tc := range bad {
		f := good.Clone()
		tc.mut(&f)
		if err := f.Validate(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Validate error = %v; want %q", err, tc.want)
		}
	}
}
