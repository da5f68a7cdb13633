package review

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// The journal is a text file of JSON events, one per line, so an auditor
// can read it with any tool. Each line is
//
//	{"seq":N,"time":"…","type":"…","prev":"<hex>","data":{…},"sum":"<hex>"}
//
// in ASCII (other characters as \uXXXX escapes, so that printing the
// journal cannot drive a terminal), where sum is the hex SHA-256 of the same line with the ,"sum":"…" member
// removed (the "body": the line without its last 74 bytes, plus "}"), and
// prev is the sum of the event before ("" for the first). seq counts from
// 1. A changed byte breaks that event's sum; an event recomputed by hand
// breaks the next event's prev. Only the last event can be rewritten
// undetected, and only by someone who recomputes its sum on purpose.

// journalName is the journal's file name inside the workspace directory.
const journalName = "journal"

// sumSuffixLen is the length of `,"sum":"` + 64 hex digits + `"}`.
const sumSuffixLen = 8 + 64 + 2

// event is one journal record, without its sum.
type event struct {
	Seq  uint64          `json:"seq"`
	Time string          `json:"time"`
	Type string          `json:"type"`
	Prev string          `json:"prev"`
	Data json.RawMessage `json:"data"`
}

// encodeEvent returns the journal line of ev (with its LF) and its sum.
func encodeEvent(ev event) (line []byte, sum string, err error) {
	body, err := json.Marshal(ev)
	if err != nil {
		return nil, "", err
	}
	body = ASCIIJSON(body)
	d := sha256.Sum256(body)
	sum = hex.EncodeToString(d[:])
	line = make([]byte, 0, len(body)+sumSuffixLen+1)
	line = append(line, body[:len(body)-1]...)
	line = append(line, `,"sum":"`...)
	line = append(line, sum...)
	line = append(line, "\"}\n"...)
	return line, sum, nil
}

// decodeEvent checks one line (without its LF) against its sum and
// decodes it.
func decodeEvent(line []byte) (event, string, error) {
	n := len(line)
	if n < sumSuffixLen+2 || !bytes.Equal(line[n-sumSuffixLen:n-sumSuffixLen+8], []byte(`,"sum":"`)) ||
		!bytes.Equal(line[n-2:], []byte(`"}`)) {
		return event{}, "", errors.New("not a journal record (no sum at its end)")
	}
	sum := string(line[n-sumSuffixLen+8 : n-2])
	body := append(bytes.Clone(line[:n-sumSuffixLen]), '}')
	d := sha256.Sum256(body)
	if hex.EncodeToString(d[:]) != sum {
		return event{}, "", errors.New("its sum does not match its content")
	}
	var ev event
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&ev); err != nil {
		return event{}, "", fmt.Errorf("undecodable: %v", err)
	}
	return ev, sum, nil
}

// syncFile is what the journal writes through: an *os.File, or in tests a
// wrapper that fails on demand (a full disk is hard to make, and chmod
// does not stop root).
type syncFile interface {
	io.Writer
	Sync() error
}

// journal is the open journal file and where its verified content ends.
type journal struct {
	dir  string
	f    *os.File
	w    syncFile // f, unless a test injects faults
	off  int64    // end of the last verified event
	seq  uint64   // seq of the last verified event
	last string   // sum of the last verified event
	// attempt is a line whose write or fsync failed; if it turns up on
	// disk later it is recognised instead of written twice.
	attempt []byte
	// recovered is set when readNew met the attempt line on disk: the
	// write had landed after all (and another process may have built on
	// it), so the change it carried must not be written again.
	recovered bool
	// mark is a seq whose sum readNew keeps in markSum as it passes: the
	// head last seen, to tell a journal that went on from it from one
	// that forked.
	mark    uint64
	markSum string
}

func openJournal(dir string) (*journal, bool, error) {
	p := filepath.Join(dir, journalName)
	_, statErr := os.Stat(p)
	created := errors.Is(statErr, os.ErrNotExist)
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, false, fmt.Errorf("open workspace journal: %w", err)
	}
	if created {
		if err := syncDir(dir); err != nil {
			_ = f.Close()
			return nil, false, fmt.Errorf("open workspace journal: %w", err)
		}
	}
	return &journal{dir: dir, f: f, w: f}, created, nil
}

// readNew reads the events appended after j.off, checks each against its
// sum and the chain, and hands them to apply in order. A damaged last
// line is a torn write: it is returned (not applied) for the caller to
// set aside. Any other damage is ErrCorrupt naming the event.
func (j *journal) readNew(apply func(event) error) (torn []byte, err error) {
	fi, err := j.f.Stat()
	if err != nil {
		return nil, fmt.Errorf("read workspace journal: %w", err)
	}
	if fi.Size() < j.off {
		return nil, fmt.Errorf("%w: the journal shrank from %d to %d bytes while open; another program changed it", ErrCorrupt, j.off, fi.Size())
	}
	data := make([]byte, fi.Size()-j.off)
	if _, err := j.f.ReadAt(data, j.off); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("read workspace journal: %w", err)
	}
	for len(data) > 0 {
		nl := bytes.IndexByte(data, '\n')
		if nl < 0 && isTornTail(data) {
			return data, nil // no LF: the write was cut short
		}
		if nl < 0 {
			nl = len(data)
		}
		line, rest := data[:nl], data[min(nl+1, len(data)):]
		ev, sum, err := decodeEvent(line)
		if err != nil {
			if len(rest) == 0 && isTornTail(data) {
				return data, nil
			}
			return nil, fmt.Errorf("%w: event %d (line %d): %v; was the journal edited by hand? The file is left as it is", ErrCorrupt, j.seq+1, j.seq+1, err)
		}
		if ev.Seq != j.seq+1 {
			return nil, fmt.Errorf("%w: line %d holds event %d, expected %d: events were removed, reordered or inserted (journal edited by hand?)", ErrCorrupt, j.seq+1, ev.Seq, j.seq+1)
		}
		if ev.Prev != j.last {
			return nil, fmt.Errorf("%w: event %d does not chain to event %d (its prev is not that event's sum): event %d was changed or replaced (journal edited by hand?)", ErrCorrupt, ev.Seq, j.seq, j.seq)
		}
		if j.attempt != nil && bytes.Equal(data[:nl+1], j.attempt) {
			j.attempt, j.recovered = nil, true
		}
		if err := apply(ev); err != nil {
			return nil, fmt.Errorf("%w: event %d (%s): %v", ErrCorrupt, ev.Seq, ev.Type, err)
		}
		j.off += int64(nl + 1)
		j.seq, j.last = ev.Seq, sum
		if ev.Seq == j.mark {
			j.markSum = sum
		}
		data = rest
	}
	return nil, nil
}

// isTornTail tells a torn write from damage: a torn tail is part of one
// write, so it holds at most one record start. (JSON escapes the quotes
// in string values, so `{"seq":` cannot occur inside a record.) A damaged
// line break that glued two records together is damage, not a tear.
func isTornTail(tail []byte) bool {
	return bytes.Count(tail, []byte(`{"seq":`)) <= 1
}

// setAside moves a torn tail into its own file (never deleting it) and
// cuts it from the journal. It returns the warning to show.
func (j *journal) setAside(torn []byte, now time.Time) (string, error) {
	name := fmt.Sprintf("%s.torn-%s", journalName, now.UTC().Format("20060102T150405.000000000Z"))
	p := filepath.Join(j.dir, name)
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return "", fmt.Errorf("set aside the torn end of the journal: %w", err)
	}
	_, err = f.Write(torn)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = syncDir(j.dir)
	}
	if err == nil {
		err = j.f.Truncate(j.off)
	}
	if err == nil {
		err = j.f.Sync()
	}
	if err != nil {
		return "", fmt.Errorf("set aside the torn end of the journal: %w", err)
	}
	return fmt.Sprintf("the journal ended in an incomplete record (%d bytes after event %d, most likely from an interrupted write); it was moved to %s and every complete event was kept",
		len(torn), j.seq, p), nil
}

// append writes one line after the verified end and fsyncs it. On
// failure it cuts the file back to the verified end, as far as it can,
// and remembers the line so a later read can recognise it.
func (j *journal) append(line []byte, sum string, seq uint64) error {
	if _, err := j.f.Seek(j.off, io.SeekStart); err != nil {
		return j.failed(line, err)
	}
	if _, err := j.w.Write(line); err != nil {
		return j.failed(line, err)
	}
	if err := j.w.Sync(); err != nil {
		// A failed fsync may have dropped the pages it could not write;
		// trying again and believing success would lose data silently.
		return j.failed(line, err)
	}
	j.off += int64(len(line))
	j.seq, j.last = seq, sum
	j.attempt = nil
	return nil
}

func (j *journal) failed(line []byte, err error) error {
	j.attempt = bytes.Clone(line)
	_ = j.f.Truncate(j.off) // best effort; a reader sets aside what remains
	return err
}

func (j *journal) close() error { return j.f.Close() }

// ASCIIJSON escapes every non-ASCII character of a JSON text as \uXXXX
// (UTF-16, as JSON wants). Any JSON reader sees the same values, and
// nothing in the text (a C1 control, a bidi override in a title) can act
// on a terminal it is printed to; encoding/json already escapes the
// controls below 0x20. b must be valid UTF-8, as encoding/json writes it.
func ASCIIJSON(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for _, r := range string(b) {
		if r < utf8.RuneSelf {
			out = append(out, byte(r))
			continue
		}
		for _, u := range utf16.Encode([]rune{r}) {
			out = fmt.Appendf(out, `\u%04x`, u)
		}
	}
	return out
}

// syncDir fsyncs a directory so that a file created or renamed in it
// survives a crash.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}
