package release

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/repo/artifact"
	"sightline/repo/textsafe"
	"sightline/review"
	"sightline/tui/diff"
)

// progressMsg is how many members the comparison has read.
type progressMsg struct {
	id      int64
	members int
	ch      <-chan int // the next count comes from here
}

// comparedMsg is the comparison's result.
type comparedMsg struct {
	id    int64
	rep   *artifact.Report
	ref   review.ArchiveRef
	marks review.ReleaseMarks
	err   error
}

// loadedMsg is one member opened: its content, what it is compared with,
// and the prepared diff.
type loadedMsg struct {
	seq      int
	path     string
	res      artifact.Result // the comparison result the member was loaded for
	old, new []byte
	oldName  string // what the base side is: the tree, a catalogued file, nothing
	file     diff.File
	note     string
	hex      *hexLines // a binary member against a base side: its hex diff
	err      error
}

// markedMsg answers m.
type markedMsg struct {
	marks review.ReleaseMarks
	done  string
	err   error
}

// compareCmd hashes and reads the archive, loads the catalogue and
// compares, reporting progress on ch as members are read.
func compareCmd(d Deps, id int64, ch chan<- int) tea.Cmd {
	return func() tea.Msg {
		defer close(ch)
		ctx := context.Background()
		msg := comparedMsg{id: id}
		sum, err := artifact.FileSHA256(d.Archive)
		if err != nil {
			msg.err = fmt.Errorf("release archive: %w", err)
			return msg
		}
		msg.ref = review.ArchiveRef{Name: filepath.Base(d.Archive), SHA256: sum}
		cat := &artifact.Catalogue{}
		for _, k := range d.Known {
			if err := cat.LoadKnown(ctx, k); err != nil {
				msg.err = fmt.Errorf("--known %s: %w", textsafe.Sanitize(k), err)
				return msg
			}
		}
		a, err := artifact.ReadWithProgress(ctx, d.Archive, artifact.DefaultLimits(), func(n int) {
			select { // a progress line may skip counts; reading never waits for it
			case ch <- n:
			default:
			}
		})
		if err != nil {
			msg.err = err
			return msg
		}
		if msg.rep, err = artifact.Compare(ctx, d.Repo, d.Pin, a, cat); err != nil {
			msg.err = err
			return msg
		}
		if d.WS != nil {
			msg.marks, msg.err = d.WS.ReleaseMarks(msg.ref)
		}
		return msg
	}
}

// waitProgress answers with the next progress count, or nothing once the
// comparison is done.
func waitProgress(id int64, ch <-chan int) tea.Cmd {
	return func() tea.Msg {
		n, ok := <-ch
		if !ok {
			return nil
		}
		return progressMsg{id: id, members: n, ch: ch}
	}
}

// maxDiff bounds the files this tab diffs, as the Changes tab does.
const maxDiff = 8 << 20

// loadCmd reads a member from the archive and what it is compared with,
// and prepares the diff with lines of context.
func loadCmd(d Deps, seq int, res artifact.Result, lines int, st diff.Styles) tea.Cmd {
	return func() tea.Msg {
		ctx := context.Background()
		msg := loadedMsg{seq: seq, path: res.Path, res: res}
		k, err := artifact.ReadKeeping(ctx, d.Archive, artifact.DefaultLimits(), res.Path)
		if err != nil {
			msg.err = err
			return msg
		}
		i := k.Find(res.Path)
		switch {
		case i < 0:
			msg.err = fmt.Errorf("%s is not in the archive any more (was it replaced?)", textsafe.Sanitize(res.Path))
			return msg
		case k.TooLarge[i] || k.Members[i].Size > maxDiff:
			msg.err = fmt.Errorf("%s is larger than %d MiB: this tab does not show it", textsafe.Sanitize(res.Path), maxDiff>>20)
			return msg
		}
		msg.new = k.Content[i]
		msg.old, msg.oldName, msg.note = baseSide(ctx, d, res)
		if msg.old != nil && (isBinary(msg.old) || isBinary(msg.new)) {
			msg.hex, msg.err = hexDiffOf(ctx, msg)
			return msg
		}
		return prepare(msg, res, lines, st)
	}
}

// baseSide is what a member is compared with: the tree's blob at the
// same path, or for a modified upstream file the closest catalogued
// version when its directory was given with --known.
func baseSide(ctx context.Context, d Deps, res artifact.Result) (data []byte, name, note string) {
	switch {
	case res.Tree != nil:
		b, err := d.Repo.ReadBlob(ctx, res.Tree.Hash, maxDiff)
		if err != nil {
			return nil, "", "the tree's file could not be read: " + err.Error()
		}
		return b.Data, "tree", ""
	case res.Closest != nil:
		if data, ok := readKnown(d.Known, *res.Closest); ok {
			return data, "upstream " + res.Closest.Path, ""
		}
		return nil, "", fmt.Sprintf("the closest upstream version (%s, blob %s) is not on this machine: give its directory with --known to see the diff",
			res.Closest.Path, res.Closest.Blob.Short())
	}
	return nil, "", ""
}

// readKnown finds a catalogued file under the --known directories (a
// catalogue file names paths relative to the parent of the directory it
// was built from) and returns it when its blob id still matches.
func readKnown(known []string, kf artifact.KnownFile) ([]byte, bool) {
	for _, k := range known {
		p := filepath.Join(filepath.Dir(filepath.Clean(k)), filepath.FromSlash(kf.Path))
		st, err := os.Stat(p)
		if err != nil || !st.Mode().IsRegular() || st.Size() > maxDiff {
			continue
		}
		data, err := os.ReadFile(p)
		if err == nil && artifact.BlobID(data) == kf.Blob {
			return data, true
		}
	}
	return nil, false
}

// prepare diffs the two sides (an empty base side shows every line of the
// member as added, with the diff pane's hostile-character marks).
func prepare(msg loadedMsg, res artifact.Result, lines int, st diff.Styles) loadedMsg {
	ch := repo.FileChange{OldPath: res.Path, NewPath: res.Path, Status: 'M'}
	if msg.old == nil {
		ch.OldPath, ch.Status = "", 'A'
	}
	if res.Member != nil {
		ch.NewHash = res.Member.Blob
	}
	if res.Tree != nil {
		ch.OldHash = res.Tree.Hash
	}
	ch.Binary = isBinary(msg.old) || isBinary(msg.new)
	var hunks []repo.Hunk
	if !ch.Binary {
		hunks = repo.DiffLines(repo.SplitLines(msg.old), repo.SplitLines(msg.new), lines)
	}
	msg.file = diff.Prepare(ch, hunks, lines, st)
	return msg
}

// isBinary is git's test: a NUL in the first 8000 bytes.
func isBinary(b []byte) bool {
	return bytes.IndexByte(b[:min(len(b), 8000)], 0) >= 0
}

// markCmd toggles a member's reviewed mark in the workspace.
func markCmd(ws *review.Workspace, ref review.ArchiveRef, path, blob string, on bool, inScope int) tea.Cmd {
	return func() tea.Msg {
		if ws == nil {
			return markedMsg{err: errors.New("no review workspace: marks cannot be kept")}
		}
		rm, err := ws.MarkReleaseMember(ref, path, blob, on, inScope)
		done := "marked " + path + " reviewed"
		if !on {
			done = "unmarked " + path
		}
		return markedMsg{marks: rm, done: done, err: err}
	}
}
