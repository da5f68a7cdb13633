package review

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// journalWith makes a workspace with n findings and returns its dir and
// the journal's bytes.
func journalWith(t *testing.T, n int) (string, []byte) {
	t.Helper()
	dir := t.TempDir()
	w := openWS(t, dir)
	for i := 0; i < n; i++ {
		if _, err := w.AddFinding(testFinding(fmt.Sprintf("finding %d", i+1))); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, journalName))
	if err != nil {
		t.Fatal(err)
	}
	return dir, b
}

func tornFiles(t *testing.T, dir string) []string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(dir, journalName+".torn-*"))
	return m
}

// TestTruncatedLastRecord cuts the journal at every byte of its last
// record: reading keeps every earlier event and returns the piece as a
// torn tail. At a sample of cuts (each repair costs several fsyncs), a
// full Open sets the piece aside in a file of its own and says so.
func TestTruncatedLastRecord(t *testing.T) {
	_, full := journalWith(t, 3)
	lastStart := bytes.LastIndexByte(full[:len(full)-1], '\n') + 1
	dir := t.TempDir()
	p := filepath.Join(dir, journalName)
	for cut := lastStart; cut < len(full); cut++ {
		if err := os.WriteFile(p, full[:cut], 0o600); err != nil {
			t.Fatal(err)
		}
		j, _, err := openJournal(dir)
		if err != nil {
			t.Fatal(err)
		}
		events := 0
		torn, err := j.readNew(func(event) error { events++; return nil })
		j.close()
		if err != nil || events != 3 || !bytes.Equal(torn, full[lastStart:cut]) {
			t.Fatalf("cut at %d: %d events, torn %q, %v", cut, events, torn, err)
		}
		if (cut-lastStart)%37 == 1 {
			checkRepair(t, dir, full[lastStart:cut])
		}
	}
}

// checkRepair opens a workspace whose journal ends in torn: the piece is
// moved aside with a warning, and the journal then takes new events and
// replays cleanly. Each call is a crash of its own, so it gets a head
// record of its own (one shared across calls would see the journal put
// back to event 3 after the last call's event 4: a rollback).
func checkRepair(t *testing.T, dir string, torn []byte) {
	t.Helper()
	for _, f := range tornFiles(t, dir) {
		_ = os.Remove(f)
	}
	heads := WithHeadDir(t.TempDir())
	w, err := Open(dir, testMeta(), heads)
	if err != nil {
		t.Fatal(err)
	}
	warn := w.Warnings()
	files := tornFiles(t, dir)
	if len(w.Findings()) != 2 || len(warn) != 1 || len(files) != 1 ||
		!strings.Contains(warn[0], fmt.Sprintf("incomplete record (%d bytes after event 3", len(torn))) {
		t.Fatalf("repair of %d bytes: %d findings, warnings %q, torn files %q", len(torn), len(w.Findings()), warn, files)
	}
	if b, _ := os.ReadFile(files[0]); !bytes.Equal(b, torn) {
		t.Errorf("torn file holds %q, want %q", b, torn)
	}
	if f, err := w.AddFinding(testFinding("after")); err != nil || f.ID != "F-0003" {
		t.Errorf("add after repair: %q, %v", f.ID, err)
	}
	w.Close()
	w, err = Open(dir, testMeta(), heads)
	if err != nil || len(w.Findings()) != 3 || len(w.Warnings()) != 0 {
		t.Fatalf("reopen after repair: %v", err)
	}
	w.Close()
}

// TestFlippedByteInLastRecord is a torn write that kept its length: the
// record fails its sum, so it is set aside like a short one.
func TestFlippedByteInLastRecord(t *testing.T) {
	_, full := journalWith(t, 2)
	lastStart := bytes.LastIndexByte(full[:len(full)-1], '\n') + 1
	dir := t.TempDir()
	for i := lastStart; i < len(full)-1; i += 41 {
		for _, f := range tornFiles(t, dir) {
			_ = os.Remove(f)
		}
		b := bytes.Clone(full)
		b[i] ^= 0x20
		if err := os.WriteFile(filepath.Join(dir, journalName), b, 0o600); err != nil {
			t.Fatal(err)
		}
		w, err := Open(dir, testMeta())
		if err != nil {
			t.Fatalf("flip at %d: %v", i, err)
		}
		if len(w.Findings()) != 1 || len(w.Warnings()) != 1 || len(tornFiles(t, dir)) != 1 {
			t.Errorf("flip at %d: %d findings", i, len(w.Findings()))
		}
		w.Close()
	}
}

// TestDamagedMiddleRecordRefused flips each byte of a middle record in
// turn: opening must fail naming the event, and leave the file as it was.
func TestDamagedMiddleRecordRefused(t *testing.T) {
	_, full := journalWith(t, 3)
	lines := bytes.SplitAfter(full, []byte("\n"))
	start := len(lines[0]) + len(lines[1]) // event 3, with events 1 (open), 2 before and 4 after
	dir := t.TempDir()
	p := filepath.Join(dir, journalName)
	for i := start; i < start+len(lines[2]); i++ {
		b := bytes.Clone(full)
		b[i] ^= 0x01
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := Open(dir, testMeta())
		if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "event 3") || !strings.Contains(err.Error(), "edited by hand") {
			t.Fatalf("flip at %d: error = %v; want corruption naming event 3", i, err)
		}
		after, _ := os.ReadFile(p)
		if !bytes.Equal(after, b) || len(tornFiles(t, dir)) != 0 {
			t.Fatalf("flip at %d: the journal was changed", i)
		}
	}
}

// TestHandEditedEventNamed rewrites event 2's title and recomputes its sum,
// as someone covering their tracks would: event 3's prev no longer
// matches, and the message names event 2. Removing an event is caught too.
func TestHandEditedEventNamed(t *testing.T) {
	dir, full := journalWith(t, 3)
	lines := bytes.SplitAfter(full, []byte("\n"))
	line := lines[1][:len(lines[1])-1]
	body := append(bytes.Clone(line[:len(line)-sumSuffixLen]), '}')
	body = bytes.Replace(body, []byte("finding 1"), []byte("nothing to see"), 1)
	d := sha256.Sum256(body)
	edited := fmt.Sprintf("%s,\"sum\":\"%s\"}\n", body[:len(body)-1], hex.EncodeToString(d[:]))
	if _, _, err := decodeEvent([]byte(edited[:len(edited)-1])); err != nil {
		t.Fatalf("the edited record should pass its own sum: %v", err)
	}
	p := filepath.Join(dir, journalName)
	b := bytes.Join([][]byte{lines[0], []byte(edited), lines[2], lines[3]}, nil)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(dir, testMeta())
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "event 2 was changed") {
		t.Errorf("edited event: %v", err)
	}
	b = bytes.Join([][]byte{lines[0], lines[2], lines[3]}, nil)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = Open(dir, testMeta())
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "holds event 3, expected 2") {
		t.Errorf("removed event: %v", err)
	}
}

func TestJournalIsReadableJSONLines(t *testing.T) {
	_, full := journalWith(t, 1)
	lines := strings.Split(strings.TrimSuffix(string(full), "\n"), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], `{"seq":1,"time":"`) || !strings.Contains(lines[0], `"type":"workspace.open","prev":""`) ||
		!strings.Contains(lines[1], `"type":"finding.add"`) || !strings.Contains(lines[1], `"title":"finding 1"`) {
		t.Errorf("journal:\n%s", full)
	}
}

func TestJournalIsASCII(t *testing.T) {
	dir := t.TempDir()
	w := openWS(t, dir)
	f := testFinding("caf\u00e9 \u202e\u009b2J \U0001F600")
	if _, err := w.AddFinding(f); err != nil {
		t.Fatal(err)
	}
	w.Close()
	b, _ := os.ReadFile(filepath.Join(dir, journalName))
	for i, c := range b {
		if c >= 0x80 || (c < 0x20 && c != '\n') {
			t.Fatalf("byte %d of the journal is %#x", i, c)
		}
	}
	if !bytes.Contains(b, []byte(`\u202e\u009b2J \ud83d\ude00`)) {
		t.Errorf("journal: %s", b)
	}
	w = openWS(t, dir)
	defer w.Close()
	if got := w.Findings()[0].Title; got != f.Title {
		t.Errorf("title after replay = %q", got)
	}
}
